namespace ContactOperator.Aws.Core;

/// <summary>Wire protocol of a service model.</summary>
public enum AwsProtocol
{
    /// <summary>rest-json: method and URI per operation, members in path, query, headers and a JSON body.</summary>
    RestJson,

    /// <summary>json 1.0: POST / with <c>X-Amz-Target: prefix.Operation</c> and the whole input as the body.</summary>
    Json10,
}

/// <summary>Facts about a service from its model metadata.</summary>
/// <param name="ServiceId">Model <c>serviceId</c>, e.g. <c>Connect</c>.</param>
/// <param name="SigningName">SigV4 service name, e.g. <c>connect</c>.</param>
/// <param name="EndpointPrefix">Host prefix of the regional endpoint.</param>
/// <param name="ApiVersion">Model <c>apiVersion</c>.</param>
/// <param name="Protocol">Wire protocol.</param>
/// <param name="TargetPrefix">json 1.0 <c>X-Amz-Target</c> prefix, else null.</param>
public sealed record AwsServiceDescriptor(
    string ServiceId,
    string SigningName,
    string EndpointPrefix,
    string ApiVersion,
    AwsProtocol Protocol,
    string? TargetPrefix = null)
{
    /// <summary>
    /// Suffix of the service-specific endpoint variable, as the AWS SDKs derive it: the serviceId upper-cased with
    /// spaces and dashes turned into underscores (<c>AWS_ENDPOINT_URL_ROUTE53_RECOVERY_CONTROL_CONFIG</c>).
    /// </summary>
    public string EndpointVariable =>
        "AWS_ENDPOINT_URL_" + ServiceId.ToUpperInvariant().Replace(' ', '_').Replace('-', '_');
}
