using System.Text.Json;
using ContactOperator.Aws.Core;

namespace ContactOperator.Aws.Connect;

/// <summary>All Amazon Connect operations the operator uses.</summary>
public partial interface IConnectClient
{
}

/// <summary>
/// Amazon Connect client (rest-json, SigV4 signing name <c>connect</c>) on AWSSDK.Core credentials and signing.
/// Endpoint: <see cref="AwsClientOptions.ServiceUrl"/>, else <c>AWS_ENDPOINT_URL_CONNECT</c> / <c>AWS_ENDPOINT_URL</c>,
/// else <c>https://connect.{region}.amazonaws.com</c>.
/// </summary>
public sealed partial class ConnectClient : IConnectClient, IDisposable
{
    /// <summary>Model metadata of connect-2017-08-08.</summary>
    public static readonly AwsServiceDescriptor Descriptor = new("Connect", "connect", "connect", "2017-08-08", AwsProtocol.RestJson);

    private readonly AwsServiceRuntime _runtime;
    private readonly AwsEndpoint _endpoint;

    public ConnectClient(AwsClientOptions options)
    {
        _runtime = new AwsServiceRuntime(Descriptor, options);
        _endpoint = AwsEndpointResolver.Resolve(Descriptor, options, options.Region);
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
