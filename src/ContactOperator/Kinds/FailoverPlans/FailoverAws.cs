using System.Collections.Concurrent;
using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Controllers.Sync;
using DataPlane = ContactOperator.Aws.Arc.DataPlane;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>An instance as DescribeInstance reports it.</summary>
public sealed record InstanceState(string Id, string Arn, string Status);

/// <summary>A traffic distribution group as DescribeTrafficDistributionGroup reports it.</summary>
public sealed record GroupState(string Id, string Arn, string Status);

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
/// The AWS calls of a failover plan: Connect Global Resiliency (replica, traffic distribution group, distribution,
/// agent staffing) and Route 53 ARC (control panel, routing controls, safety rules, routing control states).
/// Finds-by-name come before creates, so a crash between a create and recording its id adopts rather than duplicates.
/// </summary>
public sealed class FailoverAws(ConnectClients connect, IArcControlConfigClient arcConfig, Func<IReadOnlyList<ClusterEndpoint>, IArcClusterClient> arcCluster)
{
    private readonly ConcurrentDictionary<string, IArcClusterClient> clusters = new(StringComparer.Ordinal);

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

    public async Task<string?> FindInstanceByAliasAsync(string region, string alias, CancellationToken cancellationToken)
    {
        await foreach (var summary in connect.For(region).ListInstancesAllAsync(new ListInstancesRequest(), cancellationToken))
        {
            if (string.Equals(summary.InstanceAlias, alias, StringComparison.OrdinalIgnoreCase) && summary.InstanceStatus != "CREATION_FAILED")
            {
                return summary.Id;
            }
        }
        return null;
    }

    public async Task<string> ReplicateAsync(string primaryRegion, string primaryId, string replicaRegion, string alias, string clientToken, CancellationToken cancellationToken)
    {
        var response = await connect.For(primaryRegion).ReplicateInstanceAsync(new ReplicateInstanceRequest
        {
            InstanceId = primaryId,
            ReplicaRegion = replicaRegion,
            ReplicaAlias = alias,
            ClientToken = clientToken,
        }, cancellationToken);
        return response.Id ?? throw new InvalidOperationException("ReplicateInstance returned no Id");
    }

    public async Task<GroupState?> DescribeGroupAsync(string region, string id, CancellationToken cancellationToken)
    {
        try
        {
            var group = (await connect.For(region).DescribeTrafficDistributionGroupAsync(new DescribeTrafficDistributionGroupRequest { TrafficDistributionGroupId = id }, cancellationToken)).TrafficDistributionGroup;
            return group is null ? null : new GroupState(group.Id ?? id, group.Arn ?? "", group.Status ?? "");
        }
        catch (AwsServiceException e) when (e.Class == AwsErrorClass.NotFound)
        {
            return null;
        }
    }

    public async Task<GroupState?> FindGroupAsync(string region, string instanceId, string name, CancellationToken cancellationToken)
    {
        await foreach (var group in connect.For(region).ListTrafficDistributionGroupsAllAsync(new ListTrafficDistributionGroupsRequest { InstanceId = instanceId }, cancellationToken))
        {
            if (group.Name == name && group.Id is { } id)
            {
                return new GroupState(id, group.Arn ?? "", group.Status ?? "");
            }
        }
        return null;
    }

    public async Task<GroupState> CreateGroupAsync(string region, string instanceId, TrafficDistributionGroupSpec spec, string owner, string clientToken, CancellationToken cancellationToken)
    {
        var created = await connect.For(region).CreateTrafficDistributionGroupAsync(new CreateTrafficDistributionGroupRequest
        {
            InstanceId = instanceId,
            Name = spec.Name,
            Description = spec.Description,
            ClientToken = clientToken,
            Tags = new Dictionary<string, string>(StringComparer.Ordinal) { [TagDelta.OwnerTag] = owner },
        }, cancellationToken);
        return new GroupState(created.Id ?? throw new InvalidOperationException("CreateTrafficDistributionGroup returned no Id"), created.Arn ?? "", "CREATION_IN_PROGRESS");
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

    public Task DeleteGroupAsync(string region, string id, CancellationToken cancellationToken) =>
        IgnoreNotFound(() => connect.For(region).DeleteTrafficDistributionGroupAsync(new DeleteTrafficDistributionGroupRequest { TrafficDistributionGroupId = id }, cancellationToken));

    public Task DeleteInstanceAsync(string region, string id, CancellationToken cancellationToken) =>
        IgnoreNotFound(() => connect.For(region).DeleteInstanceAsync(new DeleteInstanceRequest { InstanceId = id }, cancellationToken));

    // ---- Route 53 ARC control configuration ----

    public async Task<string?> FindPanelAsync(string clusterArn, string name, CancellationToken cancellationToken)
    {
        await foreach (var panel in arcConfig.ListControlPanelsAllAsync(new ListControlPanelsRequest { ClusterArn = clusterArn }, cancellationToken))
        {
            if (panel.Name == name)
            {
                return panel.ControlPanelArn;
            }
        }
        return null;
    }

    public async Task<string> CreatePanelAsync(string clusterArn, string name, string clientToken, CancellationToken cancellationToken) =>
        (await arcConfig.CreateControlPanelAsync(new CreateControlPanelRequest { ClusterArn = clusterArn, ControlPanelName = name, ClientToken = clientToken }, cancellationToken))
            .ControlPanel?.ControlPanelArn ?? throw new InvalidOperationException("CreateControlPanel returned no ARN");

    public async Task<string?> FindRoutingControlAsync(string panelArn, string name, CancellationToken cancellationToken)
    {
        await foreach (var control in arcConfig.ListRoutingControlsAllAsync(new ListRoutingControlsRequest { ControlPanelArn = panelArn }, cancellationToken))
        {
            if (control.Name == name)
            {
                return control.RoutingControlArn;
            }
        }
        return null;
    }

    public async Task<string> CreateRoutingControlAsync(string clusterArn, string panelArn, string name, string clientToken, CancellationToken cancellationToken) =>
        (await arcConfig.CreateRoutingControlAsync(new CreateRoutingControlRequest { ClusterArn = clusterArn, ControlPanelArn = panelArn, RoutingControlName = name, ClientToken = clientToken }, cancellationToken))
            .RoutingControl?.RoutingControlArn ?? throw new InvalidOperationException("CreateRoutingControl returned no ARN");

    public async Task<string?> FindSafetyRuleAsync(string panelArn, string name, CancellationToken cancellationToken)
    {
        await foreach (var rule in arcConfig.ListSafetyRulesAllAsync(new ListSafetyRulesRequest { ControlPanelArn = panelArn }, cancellationToken))
        {
            if (rule.ASSERTION?.Name == name)
            {
                return rule.ASSERTION.SafetyRuleArn;
            }
            if (rule.GATING?.Name == name)
            {
                return rule.GATING.SafetyRuleArn;
            }
        }
        return null;
    }

    /// <summary>
    /// Assertion: at least minOn of the plan's two controls stay On. Gating: the plan's controls change only while the
    /// gating control is On.
    /// </summary>
    public async Task<string> CreateSafetyRuleAsync(string panelArn, SafetyRuleSpec rule, IReadOnlyList<string> planControls, string? gatingControlArn, string clientToken, CancellationToken cancellationToken)
    {
        var wait = rule.WaitPeriodMs ?? 5000;
        var request = rule.Type == "Gating"
            ? new CreateSafetyRuleRequest
            {
                ClientToken = clientToken,
                GatingRule = new NewGatingRule
                {
                    ControlPanelArn = panelArn,
                    Name = rule.Name,
                    GatingControls = [gatingControlArn ?? throw new InvalidOperationException($"gating rule {rule.Name} has no gating control")],
                    TargetControls = planControls,
                    RuleConfig = new RuleConfig { Type = "OR", Threshold = 1, Inverted = false },
                    WaitPeriodMs = wait,
                },
            }
            : new CreateSafetyRuleRequest
            {
                ClientToken = clientToken,
                AssertionRule = new NewAssertionRule
                {
                    ControlPanelArn = panelArn,
                    Name = rule.Name,
                    AssertedControls = planControls,
                    RuleConfig = new RuleConfig { Type = "ATLEAST", Threshold = rule.MinOn ?? 1, Inverted = false },
                    WaitPeriodMs = wait,
                },
            };
        var response = await arcConfig.CreateSafetyRuleAsync(request, cancellationToken);
        return response.AssertionRule?.SafetyRuleArn ?? response.GatingRule?.SafetyRuleArn ?? throw new InvalidOperationException("CreateSafetyRule returned no ARN");
    }

    public Task DeleteSafetyRuleAsync(string arn, CancellationToken cancellationToken) =>
        IgnoreNotFound(() => arcConfig.DeleteSafetyRuleAsync(new DeleteSafetyRuleRequest { SafetyRuleArn = arn }, cancellationToken));

    public Task DeleteRoutingControlAsync(string arn, CancellationToken cancellationToken) =>
        IgnoreNotFound(() => arcConfig.DeleteRoutingControlAsync(new DeleteRoutingControlRequest { RoutingControlArn = arn }, cancellationToken));

    public Task DeleteControlPanelAsync(string arn, CancellationToken cancellationToken) =>
        IgnoreNotFound(() => arcConfig.DeleteControlPanelAsync(new DeleteControlPanelRequest { ControlPanelArn = arn }, cancellationToken));

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

    private static async Task IgnoreNotFound(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (AwsServiceException e) when (e.Class == AwsErrorClass.NotFound)
        {
            // Already gone.
        }
    }
}
