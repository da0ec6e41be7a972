using System.Text.Json;
using ContactOperator.Aws.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactOperator.Aws.Arc;

/// <summary>Route 53 ARC routing-control data plane (the cluster endpoints).</summary>
public partial interface IArcClusterClient
{
}

/// <summary>
/// Route 53 ARC cluster client (json 1.0, <c>X-Amz-Target: ToggleCustomerAPI.*</c>, signing name
/// <c>route53-recovery-cluster</c>). AWS keeps at least three of a cluster's five Regional endpoints up and asks
/// clients to try them in rotation, so every call tries the endpoints one after another, each with
/// <see cref="AwsClientOptions.ArcEndpointTimeout"/> (default 2 s), starting at the endpoint that answered last,
/// and succeeds as soon as one answers. An endpoint is skipped on timeouts, connection failures, 5xx,
/// EndpointTemporarilyUnavailableException and throttling; any other AWS answer (validation, not found, a safety rule's
/// ConflictException) is final, because every endpoint would give the same one. Moving on after a timeout is safe even
/// for updates: setting a routing control to a state is idempotent.
/// </summary>
public sealed partial class ArcClusterClient : IArcClusterClient, IDisposable
{
    /// <summary>Model metadata of route53-recovery-cluster-2019-12-02.</summary>
    public static readonly AwsServiceDescriptor Descriptor = new(
        "Route53 Recovery Cluster", "route53-recovery-cluster", "route53-recovery-cluster", "2019-12-02", AwsProtocol.Json10, "ToggleCustomerAPI");

    private readonly AwsServiceRuntime _runtime;
    private readonly List<AwsEndpoint> _endpoints;
    private readonly ILogger _logger;
    private int _preferred;

    /// <param name="clusterEndpoints">The cluster's endpoints (DescribeCluster's <c>ClusterEndpoints</c>).</param>
    /// <param name="options">
    /// Client options. <see cref="AwsClientOptions.Region"/> is not used: each endpoint is signed for its own Region.
    /// An explicit <see cref="AwsClientOptions.ServiceUrl"/> replaces every endpoint's URL (keeping its Region), for
    /// tests and local emulators; <c>AWS_ENDPOINT_URL*</c> variables do not apply because the cluster endpoints are
    /// explicit, as they are for the AWS SDKs.
    /// </param>
    public ArcClusterClient(IEnumerable<ClusterEndpoint> clusterEndpoints, AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(clusterEndpoints);
        ArgumentNullException.ThrowIfNull(options);
        var endpoints = new List<AwsEndpoint>();
        foreach (var endpoint in clusterEndpoints)
        {
            if (string.IsNullOrWhiteSpace(endpoint.Endpoint) || string.IsNullOrWhiteSpace(endpoint.Region)
                || !Uri.TryCreate(endpoint.Endpoint, UriKind.Absolute, out var url)
                || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"ARC cluster endpoint {endpoint} needs an absolute http(s) Endpoint URL and a Region.", nameof(clusterEndpoints));
            }

            endpoints.Add(new AwsEndpoint(options.ServiceUrl ?? url, endpoint.Region));
        }

        if (endpoints.Count == 0)
        {
            throw new ArgumentException("An ARC cluster client needs at least one cluster endpoint.", nameof(clusterEndpoints));
        }

        _endpoints = endpoints;
        _runtime = new AwsServiceRuntime(Descriptor, options);
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ArcClusterClient>();
    }

    /// <summary>The endpoints in rotation order.</summary>
    public IReadOnlyList<AwsEndpoint> Endpoints => _endpoints;

    public void Dispose() => _runtime.Dispose();

    private async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        AwsOperation operation,
        TRequest request,
        Func<TRequest, AwsRequestBuilder> marshall,
        Func<JsonElement, TResponse> unmarshall,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = marshall(request);
        var start = Volatile.Read(ref _preferred);
        AwsServiceException? last = null;
        for (var i = 0; i < _endpoints.Count; i++)
        {
            var index = (start + i) % _endpoints.Count;
            var endpoint = _endpoints[index];
            using var result = await _runtime.SendOnceAsync(operation, builder, endpoint, _runtime.Options.ArcEndpointTimeout, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                Volatile.Write(ref _preferred, index);
                return _runtime.Unmarshall(operation, result.Body!, unmarshall);
            }

            last = result.Error!;
            last.Attempts = i + 1;
            if (last.Class is not (AwsErrorClass.Transient or AwsErrorClass.Throttling))
            {
                throw last;
            }

            LogEndpointFailed(_logger, operation.Name, endpoint.SigningRegion, endpoint.Url, last.ErrorCode);
        }

        throw last!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ARC {Operation} failed on the cluster endpoint in {Region} ({Url}) with {ErrorCode}; trying the next endpoint")]
    private static partial void LogEndpointFailed(ILogger logger, string operation, string region, Uri url, string errorCode);
}
