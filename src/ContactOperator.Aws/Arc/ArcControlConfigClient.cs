using System.Text.Json;
using ContactOperator.Aws.Core;

namespace ContactOperator.Aws.Arc;

/// <summary>Route 53 ARC control-configuration operations the operator uses.</summary>
public partial interface IArcControlConfigClient
{
}

/// <summary>
/// Route 53 ARC control-configuration client (rest-json, signing name <c>route53-recovery-control-config</c>).
/// The service exists only in us-west-2, so requests are always signed for <see cref="ControlPlaneRegion"/>
/// whatever <see cref="AwsClientOptions.Region"/> says.
/// </summary>
public sealed partial class ArcControlConfigClient : IArcControlConfigClient, IDisposable
{
    /// <summary>The only Region of the ARC control-configuration API.</summary>
    public const string ControlPlaneRegion = "us-west-2";

    /// <summary>Model metadata of route53-recovery-control-config-2020-11-02.</summary>
    public static readonly AwsServiceDescriptor Descriptor = new(
        "Route53 Recovery Control Config", "route53-recovery-control-config", "route53-recovery-control-config", "2020-11-02", AwsProtocol.RestJson);

    private readonly AwsServiceRuntime _runtime;
    private readonly AwsEndpoint _endpoint;

    public ArcControlConfigClient(AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _runtime = new AwsServiceRuntime(Descriptor, options with { Region = ControlPlaneRegion });
        _endpoint = AwsEndpointResolver.Resolve(Descriptor, options, ControlPlaneRegion);
    }

    /// <summary>Where requests go and which Region they are signed for.</summary>
    public AwsEndpoint Endpoint => _endpoint;

    public void Dispose() => _runtime.Dispose();

    private Task<TResponse> InvokeAsync<TRequest, TResponse>(
        AwsOperation operation,
        TRequest request,
        Func<TRequest, AwsRequestBuilder> marshall,
        Func<JsonElement, TResponse> unmarshall,
        CancellationToken cancellationToken) =>
        _runtime.InvokeAsync(operation, request, marshall, unmarshall, _endpoint, cancellationToken);
}
