namespace ContactOperator.Aws.Core;

/// <summary>Where to send a request and which Region to sign it for.</summary>
/// <param name="Url">Base URL; its path (e.g. <c>/v1</c> on ARC cluster endpoints) prefixes every request path.</param>
/// <param name="SigningRegion">Region in the SigV4 credential scope.</param>
public sealed record AwsEndpoint(Uri Url, string SigningRegion);
