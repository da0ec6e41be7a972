namespace ContactOperator.Aws.Core;

/// <summary>Whether repeating a request can change the outcome, which decides when a retry is allowed.</summary>
public enum RetrySafety
{
    /// <summary>A read: always safe to repeat.</summary>
    Read,

    /// <summary>A write with set semantics ("make X equal v") or an idempotency token: repeating converges to the same state.</summary>
    Idempotent,

    /// <summary>A write that may act twice (create without token, associate, delete): repeated only when AWS proves the first try was not processed.</summary>
    NotIdempotent,
}

/// <summary>Static description of one operation of an AWS service model.</summary>
/// <param name="Service">The service's model id (<c>Connect</c>, <c>Route53 Recovery Control Config</c>, ...).</param>
/// <param name="Name">Operation name as in the model.</param>
/// <param name="HttpMethod">HTTP method from the model (POST when the model gives none).</param>
/// <param name="RequestUri">URI template from the model.</param>
/// <param name="Safety">Retry safety, see <see cref="RetrySafety"/>.</param>
public sealed record AwsOperation(string Service, string Name, string HttpMethod, string RequestUri, RetrySafety Safety)
{
    /// <summary>True for everything except reads; mutations share the account's mutation quotas.</summary>
    public bool IsMutation => Safety != RetrySafety.Read;
}
