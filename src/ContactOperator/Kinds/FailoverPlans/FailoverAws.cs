using System.Collections.Concurrent;
using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.AwsResources.Connect;
using DataPlane = ContactOperator.Aws.Arc.DataPlane;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>An instance as DescribeInstance reports it.</summary>
public sealed record InstanceState(string Id, string Arn, string Status);

/// <summary>Percentages per region of telephony and agents (GetTrafficDistribution).</summary>
public sealed record TrafficDistribution(IReadOnlyDictionary<string, int> Telephony, IReadOnlyDictionary<string, int> Agents)
{
    /// <summary>Telephony and agents both have at least <paramref name="percent"/> on <paramref name="region"/>.</summary>
    public bool Reached(string region, int percent) =>
        Telephony.GetValueOrDefault(region) >= percent && Agents.GetValueOrDefault(region) >= percent;

    /// <summary>The region with all telephony, if any.</summary>
    public string? FullyOn() => Telephony.FirstOrDefault(p => p.Value == 100).Key;
}

/// <summary>
/// The AWS calls of a failover that are not one of its parts' resources (those go through the resource managers of
/// <see cref="FailoverSetup"/>): instance state and agent staffing, the traffic distribution, and Route 53 ARC's data
/// plane (routing control states), with the clients the parts' managers use.
/// </summary>
public sealed class FailoverAws(ConnectClients connect, IArcControlConfigClient arcConfig, Func<IReadOnlyList<ClusterEndpoint>, IArcClusterClient> arcCluster)
{
    private readonly ConcurrentDictionary<string, IArcClusterClient> clusters = new(StringComparer.Ordinal);

    /// <summary>The Connect client of <paramref name="region"/>.</summary>
    public IConnectClient Connect(string region) => connect.For(region);

    /// <summary>Route 53 ARC's control-plane client.</summary>
    public IArcControlConfigClient ArcConfig => arcConfig;

    // ---- Connect ----

    public async Task<InstanceState?> DescribeInstanceAsync(string region, string id, CancellationToken cancellationToken)
    {
        try
        {
            var instance = (await connect.For(region).DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = id }, cancellationToken)).Instance;
            return instance is null ? null : new InstanceState(instance.Id ?? id, instance.Arn ?? "", instance.InstanceStatus ?? "");
        }
        catch (AwsServiceException e) when (e.Class == AwsErrorClass.NotFound)
        {
            return null;
        }
    }

    /// <summary>Read in <paramref name="region"/> with the group's ARN, which works from either region of the pair.</summary>
    public async Task<TrafficDistribution> GetDistributionAsync(string region, string groupArn, CancellationToken cancellationToken)
    {
        var response = await connect.For(region).GetTrafficDistributionAsync(new GetTrafficDistributionRequest { Id = groupArn }, cancellationToken);
        static Dictionary<string, int> Map(IReadOnlyList<Distribution>? d) =>
            (d ?? []).ToDictionary(x => x.Region, x => x.Percentage, StringComparer.Ordinal);
        return new TrafficDistribution(Map(response.TelephonyConfig?.Distributions), Map(response.AgentConfig?.Distributions));
    }

    /// <summary>
    /// Telephony and agents together in one call (never telephony alone: calls would land where no agent can take them),
    /// made in the region that should handle traffic with the group's ARN. No SignInConfig: only the default group takes one.
    /// </summary>
    public Task UpdateDistributionAsync(string targetRegion, string otherRegion, string groupArn, int percentOnTarget, CancellationToken cancellationToken)
    {
        IReadOnlyList<Distribution> split = [new() { Region = targetRegion, Percentage = percentOnTarget }, new() { Region = otherRegion, Percentage = 100 - percentOnTarget }];
        return connect.For(targetRegion).UpdateTrafficDistributionAsync(new UpdateTrafficDistributionRequest
        {
            Id = groupArn,
            TelephonyConfig = new TelephonyConfig { Distributions = split },
            AgentConfig = new AgentConfig { Distributions = split },
        }, cancellationToken);
    }

    /// <summary>AGENTS_AVAILABLE over the standard queues of the instance in <paramref name="region"/>.</summary>
    public async Task<int> AgentsAvailableAsync(string region, string instanceId, CancellationToken cancellationToken)
    {
        var client = connect.For(region);
        var queues = new List<string>();
        await foreach (var queue in client.ListQueuesAllAsync(new ListQueuesRequest { InstanceId = instanceId, QueueTypes = ["STANDARD"] }, cancellationToken))
        {
            if (queue.Id is { } id)
            {
                queues.Add(id);
            }
        }
        var total = 0;
        foreach (var chunk in queues.Chunk(100))
        {
            var response = await client.GetCurrentMetricDataAsync(new GetCurrentMetricDataRequest
            {
                InstanceId = instanceId,
                Filters = new Filters { Queues = chunk, Channels = ["VOICE"] },
                CurrentMetrics = [new CurrentMetric { Name = "AGENTS_AVAILABLE", Unit = "COUNT" }],
            }, cancellationToken);
            total += (int)(response.MetricResults ?? []).SelectMany(r => r.Collections ?? []).Sum(c => c.Value ?? 0);
        }
        return total;
    }

    // ---- Route 53 ARC data plane (five-endpoint rotation in ArcClusterClient) ----

    public async Task<bool> IsOnAsync(string clusterArn, string controlArn, CancellationToken cancellationToken)
    {
        var cluster = await ClusterAsync(clusterArn, cancellationToken);
        var state = await cluster.GetRoutingControlStateAsync(new DataPlane.GetRoutingControlStateRequest { RoutingControlArn = controlArn }, cancellationToken);
        return state.RoutingControlState == "On";
    }

    /// <summary>One UpdateRoutingControlStates call: <paramref name="onArn"/> On and <paramref name="offArn"/> Off together.</summary>
    public async Task SwitchAsync(string clusterArn, string onArn, string offArn, IReadOnlyList<string> safetyRulesToOverride, CancellationToken cancellationToken)
    {
        var cluster = await ClusterAsync(clusterArn, cancellationToken);
        await cluster.UpdateRoutingControlStatesAsync(new DataPlane.UpdateRoutingControlStatesRequest
        {
            UpdateRoutingControlStateEntries =
            [
                new DataPlane.UpdateRoutingControlStateEntry { RoutingControlArn = onArn, RoutingControlState = "On" },
                new DataPlane.UpdateRoutingControlStateEntry { RoutingControlArn = offArn, RoutingControlState = "Off" },
            ],
            SafetyRulesToOverride = safetyRulesToOverride.Count == 0 ? null : safetyRulesToOverride,
        }, cancellationToken);
    }

    /// <summary>The cluster's endpoints are read once (DescribeCluster) and kept: the data plane must work while the control plane does not.</summary>
    private async Task<IArcClusterClient> ClusterAsync(string clusterArn, CancellationToken cancellationToken)
    {
        if (clusters.TryGetValue(clusterArn, out var known))
        {
            return known;
        }
        var cluster = (await arcConfig.DescribeClusterAsync(new DescribeClusterRequest { ClusterArn = clusterArn }, cancellationToken)).Cluster;
        var endpoints = cluster?.ClusterEndpoints is { Count: > 0 } e ? e : throw new InvalidOperationException($"ARC cluster {clusterArn} reports no endpoints");
        return clusters.GetOrAdd(clusterArn, _ => arcCluster(endpoints));
    }
}
