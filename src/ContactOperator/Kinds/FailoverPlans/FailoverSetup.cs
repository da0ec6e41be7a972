using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Core;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>The result of a setup pass: the status to record, whether every part is ready, and what is missing.</summary>
public sealed record SetupOutcome(FailoverPlanStatus Status, bool Ready, string Message);

/// <summary>
/// Creates or adopts the plan's parts in order: the replica (ReplicateInstance), the traffic distribution group, and
/// with spec.arc the control panel, routing controls (set to the active region) and safety rules. Each create carries a
/// ClientToken derived from the plan's uid, and its id is recorded in status (through <c>record</c>) before the next step.
/// </summary>
public sealed class FailoverSetup(FailoverAws aws, Func<FailoverPlanStatus, string, CancellationToken, Task> record)
{
    public async Task<SetupOutcome> RunAsync(FailoverPlan plan, string primaryRegion, string primaryId, FailoverPlanStatus status, CancellationToken cancellationToken)
    {
        var spec = plan.Spec;
        var uid = plan.Metadata.Uid ?? plan.Metadata.Name;
        // The owner tag value every kind writes (namespace/name of the Kubernetes object).
        var owner = $"{plan.Metadata.NamespaceProperty ?? "default"}/{plan.Metadata.Name}";
        var replicaRegion = spec.Replica.Region;
        var parts = status.Parts ?? new FailoverParts();
        status = status with { Region = primaryRegion, Id = primaryId };

        if (status.ReplicaInstanceId is null)
        {
            var id = await aws.FindInstanceByAliasAsync(replicaRegion, spec.Replica.InstanceAlias, cancellationToken)
                ?? await aws.ReplicateAsync(primaryRegion, primaryId, replicaRegion, spec.Replica.InstanceAlias, ClientTokens.FromUid(uid, $"replicate:{replicaRegion}"), cancellationToken);
            status = status with { ReplicaInstanceId = id };
            await record(status, $"replica '{spec.Replica.InstanceAlias}' ({id}) requested in {replicaRegion}", cancellationToken);
        }
        var replica = await aws.DescribeInstanceAsync(replicaRegion, status.ReplicaInstanceId, cancellationToken);
        parts = parts with { Replica = replica?.Status ?? "NotFound" };
        if (replica?.Status != "ACTIVE")
        {
            return new SetupOutcome(status with { Parts = parts }, false, $"replica {status.ReplicaInstanceId} in {replicaRegion} is {parts.Replica}");
        }

        if (status.TrafficDistributionGroupId is null)
        {
            var group = await aws.FindGroupAsync(primaryRegion, primaryId, spec.TrafficDistributionGroup.Name, cancellationToken)
                ?? await aws.CreateGroupAsync(primaryRegion, primaryId, spec.TrafficDistributionGroup, owner, ClientTokens.FromUid(uid, $"traffic-distribution-group:{spec.TrafficDistributionGroup.Name}"), cancellationToken);
            status = status with { TrafficDistributionGroupId = group.Id, TrafficDistributionGroupArn = group.Arn };
            await record(status, $"traffic distribution group '{spec.TrafficDistributionGroup.Name}' ({group.Id}) requested", cancellationToken);
        }
        var observedGroup = await aws.DescribeGroupAsync(primaryRegion, status.TrafficDistributionGroupId, cancellationToken);
        parts = parts with { TrafficDistributionGroup = observedGroup?.Status ?? "NotFound" };
        if (observedGroup?.Status != "ACTIVE")
        {
            return new SetupOutcome(status with { Parts = parts }, false, $"traffic distribution group {status.TrafficDistributionGroupId} is {parts.TrafficDistributionGroup}");
        }
        status = status with { TrafficDistributionGroupArn = observedGroup.Arn };
        if (status.ActiveRegion is null)
        {
            var distribution = await aws.GetDistributionAsync(primaryRegion, observedGroup.Arn, cancellationToken);
            status = status with { ActiveRegion = distribution.FullyOn() ?? primaryRegion };
        }

        if (spec.Arc is not { } arc)
        {
            return new SetupOutcome(status with { Parts = parts with { RoutingControls = "NotConfigured" }, Arc = null }, true, "ready");
        }
        status = await ArcAsync(arc, uid, primaryRegion, replicaRegion, status, cancellationToken);
        return new SetupOutcome(status with { Parts = parts with { RoutingControls = "Ready" } }, true, "ready");
    }

    private async Task<FailoverPlanStatus> ArcAsync(ArcRoutingSpec arc, string uid, string primaryRegion, string replicaRegion, FailoverPlanStatus status, CancellationToken cancellationToken)
    {
        var arcStatus = status.Arc ?? new ArcStatus();
        if (arcStatus.ControlPanelArn is null)
        {
            var panel = await aws.FindPanelAsync(arc.ClusterArn, arc.ControlPanelName, cancellationToken)
                ?? await aws.CreatePanelAsync(arc.ClusterArn, arc.ControlPanelName, ClientTokens.FromUid(uid, $"control-panel:{arc.ControlPanelName}"), cancellationToken);
            arcStatus = arcStatus with { ControlPanelArn = panel };
            status = status with { Arc = arcStatus };
            await record(status, $"ARC control panel '{arc.ControlPanelName}' ({panel})", cancellationToken);
        }
        var panelArn = arcStatus.ControlPanelArn;
        foreach (var control in arc.RoutingControls)
        {
            if (arcStatus.RoutingControls?.Any(c => c.Region == control.Region) == true)
            {
                continue;
            }
            var arn = await FindOrCreateControlAsync(arc.ClusterArn, panelArn, control.Name, uid, cancellationToken);
            arcStatus = arcStatus with { RoutingControls = [.. arcStatus.RoutingControls ?? [], new RegionRoutingControlStatus { Region = control.Region, Arn = arn }] };
            status = status with { Arc = arcStatus };
            await record(status, $"ARC routing control '{control.Name}' for {control.Region} ({arn})", cancellationToken);
        }

        var rules = arc.SafetyRules ?? [];
        if (rules.Any(r => arcStatus.SafetyRules?.Any(s => s.Name == r.Name) != true))
        {
            // Before the first rule exists, the controls start out matching the active region (new controls are Off).
            var active = status.ActiveRegion ?? primaryRegion;
            var on = ControlArn(arcStatus, active);
            var off = ControlArn(arcStatus, active == primaryRegion ? replicaRegion : primaryRegion);
            if (arcStatus.SafetyRules is not { Count: > 0 }
                && (!await aws.IsOnAsync(arc.ClusterArn, on, cancellationToken) || await aws.IsOnAsync(arc.ClusterArn, off, cancellationToken)))
            {
                await aws.SwitchAsync(arc.ClusterArn, on, off, [], cancellationToken);
            }
            IReadOnlyList<string> planControls = [on, off];
            foreach (var rule in rules.Where(r => arcStatus.SafetyRules?.Any(s => s.Name == r.Name) != true))
            {
                string? gating = null;
                if (rule.GatingControlName is { } gatingName)
                {
                    gating = arcStatus.GatingControls?.FirstOrDefault(c => c.Name == gatingName)?.Arn
                        ?? await FindOrCreateControlAsync(arc.ClusterArn, panelArn, gatingName, uid, cancellationToken);
                    if (arcStatus.GatingControls?.Any(c => c.Name == gatingName) != true)
                    {
                        arcStatus = arcStatus with { GatingControls = [.. arcStatus.GatingControls ?? [], new NamedArn { Name = gatingName, Arn = gating }] };
                        status = status with { Arc = arcStatus };
                        await record(status, $"ARC gating control '{gatingName}' ({gating})", cancellationToken);
                    }
                }
                var arn = await aws.FindSafetyRuleAsync(panelArn, rule.Name, cancellationToken)
                    ?? await aws.CreateSafetyRuleAsync(panelArn, rule, planControls, gating, ClientTokens.FromUid(uid, $"safety-rule:{rule.Name}"), cancellationToken);
                arcStatus = arcStatus with { SafetyRules = [.. arcStatus.SafetyRules ?? [], new NamedArn { Name = rule.Name, Arn = arn }] };
                status = status with { Arc = arcStatus };
                await record(status, $"ARC safety rule '{rule.Name}' ({arn})", cancellationToken);
            }
        }
        return status;
    }

    private async Task<string> FindOrCreateControlAsync(string clusterArn, string panelArn, string name, string uid, CancellationToken cancellationToken) =>
        await aws.FindRoutingControlAsync(panelArn, name, cancellationToken)
            ?? await aws.CreateRoutingControlAsync(clusterArn, panelArn, name, ClientTokens.FromUid(uid, $"routing-control:{name}"), cancellationToken);

    public static string ControlArn(ArcStatus arc, string region) =>
        arc.RoutingControls?.FirstOrDefault(c => c.Region == region)?.Arn
            ?? throw new InvalidOperationException($"no routing control recorded for {region}");
}
