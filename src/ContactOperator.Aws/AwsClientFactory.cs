using System.Collections.Concurrent;
using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;

namespace ContactOperator.Aws;

/// <summary>Hands out AWS clients; controllers depend on this so tests can substitute fakes.</summary>
public interface IAwsClientFactory
{
    /// <summary>The Connect client of a Region (one per Region, reused).</summary>
    IConnectClient Connect(string region);

    /// <summary>The ARC control-configuration client (us-west-2 only, reused).</summary>
    IArcControlConfigClient ArcControlConfig();

    /// <summary>A data-plane client over a cluster's endpoints (DescribeCluster's ClusterEndpoints; reused per endpoint set).</summary>
    IArcClusterClient ArcCluster(IReadOnlyList<ClusterEndpoint> clusterEndpoints);
}

/// <summary>
/// Creates clients from one <see cref="AwsClientOptions"/> template (its <see cref="AwsClientOptions.Region"/> is
/// replaced per call) and caches them, so every reconciler shares HTTP connections, rate-limit buckets and retry budgets.
/// </summary>
public sealed class AwsClientFactory : IAwsClientFactory, IDisposable
{
    private readonly AwsClientOptions _template;
    private readonly ConcurrentDictionary<string, Lazy<ConnectClient>> _connect = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ArcClusterClient>> _clusters = new(StringComparer.Ordinal);
    private readonly Lazy<ArcControlConfigClient> _arcConfig;

    public AwsClientFactory(AwsClientOptions template)
    {
        ArgumentNullException.ThrowIfNull(template);
        template.Validate();
        _template = template;
        _arcConfig = new Lazy<ArcControlConfigClient>(() => new ArcControlConfigClient(_template));
    }

    public IConnectClient Connect(string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        return _connect.GetOrAdd(region, r => new Lazy<ConnectClient>(() => new ConnectClient(_template with { Region = r }))).Value;
    }

    public IArcControlConfigClient ArcControlConfig() => _arcConfig.Value;

    public IArcClusterClient ArcCluster(IReadOnlyList<ClusterEndpoint> clusterEndpoints)
    {
        ArgumentNullException.ThrowIfNull(clusterEndpoints);
        var key = string.Join('|', clusterEndpoints.Select(e => $"{e.Region}={e.Endpoint}"));
        return _clusters.GetOrAdd(key, _ => new Lazy<ArcClusterClient>(() => new ArcClusterClient(clusterEndpoints, _template))).Value;
    }

    public void Dispose()
    {
        foreach (var client in _connect.Values.Where(l => l.IsValueCreated))
        {
            client.Value.Dispose();
        }

        foreach (var client in _clusters.Values.Where(l => l.IsValueCreated))
        {
            client.Value.Dispose();
        }

        if (_arcConfig.IsValueCreated)
        {
            _arcConfig.Value.Dispose();
        }
    }
}
