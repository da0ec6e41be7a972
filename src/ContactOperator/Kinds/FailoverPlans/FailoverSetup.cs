using ContactOperator.Api.Kinds;
using ContactOperator.AwsResources;
using ContactOperator.AwsResources.Arc;
using ContactOperator.AwsResources.Connect;
using ContactOperator.Reconciliation;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>Whether every part of a plan is ready, and if not, what it waits for (or why it cannot be made).</summary>
public sealed record SetupOutcome(bool Ready, string Message, string? Refusal = null);

/// <summary>
/// Ensures the plan's parts in order, each through the shared create/adopt flow (<see cref="AwsResourceFlow"/>): the
/// replica (ReplicateInstance), the traffic distribution group, and with spec.arc the control panel, routing controls
/// (set to the active Region before the first safety rule) and safety rules. Each create carries a ClientToken derived
/// from the plan's uid, and its id is recorded in status (a checkpoint) before the next part.
/// </summary>
public sealed class FailoverSetup(FailoverAws aws, AwsResourceFlow flow)
{
    private static readonly ReplicaInstanceManager Replicas = new();
    private static readonly TrafficDistributionGroupManager Groups = new();
    private static readonly ControlPanelManager Panels = new();
    private static readonly RoutingControlManager Controls = new();
    private static readonly SafetyRuleManager Rules = new();

    public async Task<SetupOutcome> RunAsync(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, string primaryRegion, string primaryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Resource;
        var spec = plan.Spec;
        var replicaRegion = spec.Replica.Region;
        context.Status = context.Status with { Region = primaryRegion, Id = primaryId };

        var replicaAt = new ReplicaPlacement(aws.Connect(primaryRegion), primaryId, aws.Connect(replicaRegion), replicaRegion);
        var replica = await EnsureAsync(context, Replicas, replicaAt, new DesiredReplica(spec.Replica.InstanceAlias), context.Status.ReplicaInstanceId,
            (s, id) => s with { ReplicaInstanceId = id }, cancellationToken);
        SetParts(context, p => p with { Replica = Observed(replica)?.Status ?? "NotFound" });
        if (replica is not Ensured<ObservedReplica>.Active { Observed: var activeReplica })
        {
            return NotReady(replica, $"replica {context.Status.ReplicaInstanceId ?? spec.Replica.InstanceAlias} in {replicaRegion} is {context.Status.Parts!.Replica}");
        }
        context.Status = context.Status with { ReplicaInstanceId = activeReplica.Id };

        var groupSpec = spec.TrafficDistributionGroup;
        var owner = OwnerTag.ValueFor(plan.Metadata.NamespaceProperty, plan.Metadata.Name);
        var desiredGroup = new DesiredTrafficDistributionGroup(groupSpec.Name, groupSpec.Description, new Dictionary<string, string>(StringComparer.Ordinal) { [OwnerTag.Key] = owner });
        var group = await EnsureAsync(context, Groups, new InstancePlacement(aws.Connect(primaryRegion), primaryRegion, primaryId), desiredGroup,
            context.Status.TrafficDistributionGroupId, (s, id) => s with { TrafficDistributionGroupId = id }, cancellationToken);
        SetParts(context, p => p with { TrafficDistributionGroup = Observed(group)?.Status ?? "NotFound" });
        if (group is not Ensured<ObservedTrafficDistributionGroup>.Active { Observed: var activeGroup })
        {
            return NotReady(group, $"traffic distribution group {context.Status.TrafficDistributionGroupId ?? groupSpec.Name} is {context.Status.Parts!.TrafficDistributionGroup}");
        }
        context.Status = context.Status with { TrafficDistributionGroupId = activeGroup.Id, TrafficDistributionGroupArn = activeGroup.Arn };
        if (context.Status.ActiveRegion is null)
        {
            var distribution = await aws.GetDistributionAsync(primaryRegion, activeGroup.Arn, cancellationToken);
            context.Status = context.Status with { ActiveRegion = distribution.FullyOn() ?? primaryRegion };
        }

        if (spec.Arc is not { } arc)
        {
            context.Status = context.Status with { Arc = null };
            SetParts(context, p => p with { RoutingControls = "NotConfigured" });
            return new SetupOutcome(true, "ready");
        }
        var outcome = await ArcAsync(context, arc, primaryRegion, replicaRegion, cancellationToken);
        SetParts(context, p => p with { RoutingControls = outcome.Ready ? "Ready" : "Pending" });
        return outcome;
    }

    private async Task<SetupOutcome> ArcAsync(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, ArcRoutingSpec arc, string primaryRegion, string replicaRegion, CancellationToken cancellationToken)
    {
        var panel = await EnsureAsync(context, Panels, new ClusterPlacement(aws.ArcConfig, arc.ClusterArn), new DesiredControlPanel(arc.ControlPanelName),
            context.Status.Arc?.ControlPanelArn, (s, arn) => s with { Arc = (s.Arc ?? new ArcStatus()) with { ControlPanelArn = arn } }, cancellationToken);
        if (panel is not Ensured<ObservedArcResource>.Active { Observed: var activePanel })
        {
            return NotReady(panel, $"ARC control panel {arc.ControlPanelName} is not deployed yet");
        }
        SetArc(context, a => a with { ControlPanelArn = activePanel.Arn });
        var panelAt = new PanelPlacement(aws.ArcConfig, arc.ClusterArn, activePanel.Arn);

        foreach (var control in arc.RoutingControls)
        {
            var ensured = await EnsureAsync(context, Controls, panelAt, new DesiredRoutingControl(control.Name),
                context.Status.Arc?.RoutingControls?.FirstOrDefault(c => c.Region == control.Region)?.Arn,
                (s, arn) => WithRoutingControl(s, control.Region, arn), cancellationToken);
            if (ensured is not Ensured<ObservedArcResource>.Active { Observed: var routingControl })
            {
                return NotReady(ensured, $"ARC routing control {control.Name} is not deployed yet");
            }
            context.Status = WithRoutingControl(context.Status, control.Region, routingControl.Arn);
        }

        var rules = arc.SafetyRules ?? [];
        var active = context.Status.ActiveRegion ?? primaryRegion;
        var on = ControlArn(context.Status.Arc!, active);
        var off = ControlArn(context.Status.Arc!, active == primaryRegion ? replicaRegion : primaryRegion);
        if (rules.Count > 0 && context.Status.Arc?.SafetyRules is not { Count: > 0 }
            && (!await aws.IsOnAsync(arc.ClusterArn, on, cancellationToken) || await aws.IsOnAsync(arc.ClusterArn, off, cancellationToken)))
        {
            // Before the first rule exists, the controls start out matching the active Region (new controls are Off).
            await aws.SwitchAsync(arc.ClusterArn, on, off, [], cancellationToken);
        }
        IReadOnlyList<string> planControls = [on, off];
        foreach (var rule in rules)
        {
            string? gating = null;
            if (rule.GatingControlName is { } gatingName)
            {
                var ensured = await EnsureAsync(context, Controls, panelAt, new DesiredRoutingControl(gatingName),
                    context.Status.Arc?.GatingControls?.FirstOrDefault(c => c.Name == gatingName)?.Arn,
                    (s, arn) => WithNamed(s, gatingName, arn, gatingControl: true), cancellationToken);
                if (ensured is not Ensured<ObservedArcResource>.Active { Observed: var gatingControl })
                {
                    return NotReady(ensured, $"ARC gating control {gatingName} is not deployed yet");
                }
                gating = gatingControl.Arn;
                context.Status = WithNamed(context.Status, gatingName, gating, gatingControl: true);
            }
            var desired = new DesiredSafetyRule(rule.Name, rule.Type == "Gating", planControls, gating, rule.MinOn ?? 1, WaitPeriodMs(rule));
            var safety = await EnsureAsync(context, Rules, panelAt, desired, context.Status.Arc?.SafetyRules?.FirstOrDefault(s => s.Name == rule.Name)?.Arn,
                (s, arn) => WithNamed(s, rule.Name, arn, gatingControl: false), cancellationToken);
            if (safety is not Ensured<ObservedArcResource>.Active { Observed: var activeRule })
            {
                return NotReady(safety, $"ARC safety rule {rule.Name} is not deployed yet");
            }
            context.Status = WithNamed(context.Status, rule.Name, activeRule.Arn, gatingControl: false);
        }
        return new SetupOutcome(true, "ready");
    }

    /// <summary>Deletes the parts whose deletion policy is Delete (the plan's ARC controls and group; the replica by its own policy).</summary>
    public async Task DeleteAsync(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Resource;
        var status = context.Status;
        var region = status.Region ?? plan.Spec.ActiveRegion;
        if (plan.Spec.DeletionPolicy == DeletionPolicies.Delete)
        {
            if (plan.Spec.Arc is { } arc && status.Arc is { } arcStatus)
            {
                var panel = arcStatus.ControlPanelArn is { } panelArn ? new PanelPlacement(aws.ArcConfig, arc.ClusterArn, panelArn) : null;
                foreach (var rule in arcStatus.SafetyRules ?? [])
                {
                    await Rules.DeleteIfExistsAsync(panel!, rule.Arn!, cancellationToken);
                }
                foreach (var control in (arcStatus.RoutingControls?.Select(c => c.Arn) ?? []).Concat(arcStatus.GatingControls?.Select(c => c.Arn) ?? []))
                {
                    await Controls.DeleteIfExistsAsync(panel!, control!, cancellationToken);
                }
                if (arcStatus.ControlPanelArn is { } arn)
                {
                    await Panels.DeleteIfExistsAsync(new ClusterPlacement(aws.ArcConfig, arc.ClusterArn), arn, cancellationToken);
                }
            }
            if (status.TrafficDistributionGroupId is { } group && status.Id is { } primaryId)
            {
                await Groups.DeleteIfExistsAsync(new InstancePlacement(aws.Connect(region), region, primaryId), group, cancellationToken);
            }
            await context.RecordAsync("Normal", "Deleted", "deleted the traffic distribution group and ARC controls the plan used (deletionPolicy Delete)", cancellationToken);
        }
        if (plan.Spec.Replica.DeletionPolicy == DeletionPolicies.Delete && status.ReplicaInstanceId is { } replica)
        {
            var replicaRegion = plan.Spec.Replica.Region;
            await Replicas.DeleteIfExistsAsync(new ReplicaPlacement(aws.Connect(region), status.Id ?? "", aws.Connect(replicaRegion), replicaRegion), replica, cancellationToken);
            await context.RecordAsync("Normal", "Deleted", $"deleted replica instance {replica} in {replicaRegion}", cancellationToken);
        }
    }

    /// <summary>A safety rule's wait period in milliseconds: the spec's, else ARC's 5 s that the operator asks for.</summary>
    public static int WaitPeriodMs(SafetyRuleSpec rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.WaitPeriodMs ?? 5000;
    }

    /// <summary>The routing control recorded for <paramref name="region"/>.</summary>
    public static string ControlArn(ArcStatus arc, string region)
    {
        ArgumentNullException.ThrowIfNull(arc);
        return arc.RoutingControls?.FirstOrDefault(c => c.Region == region)?.Arn
            ?? throw new InvalidOperationException($"no routing control recorded for {region}");
    }

    private Task<Ensured<TObserved>> EnsureAsync<TPlacement, TDesired, TObserved>(
        ReconcileContext<FailoverPlan, FailoverPlanStatus> context, AwsResourceManager<TPlacement, TDesired, TObserved> manager, TPlacement at, TDesired desired,
        string? recordedId, Func<FailoverPlanStatus, string, FailoverPlanStatus> record, CancellationToken cancellationToken)
        where TPlacement : IAwsPlacement
        where TDesired : class
        where TObserved : class, IObservedResource
    {
        var plan = context.Resource;
        var created = plan.Metadata.CreationTimestamp is { } stamp ? new DateTimeOffset(DateTime.SpecifyKind(stamp, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        var request = new EnsureRequest(recordedId, OwnerTag.ValueFor(plan.Metadata.NamespaceProperty, plan.Metadata.Name), plan.Metadata.Uid ?? plan.Metadata.Name, created);
        return flow.EnsureAsync(manager, at, desired, request, new PartRecorder(context, record), cancellationToken);
    }

    private static SetupOutcome NotReady<TObserved>(Ensured<TObserved> ensured, string waiting)
        where TObserved : class => ensured switch
        {
            Ensured<TObserved>.Refused refused => new SetupOutcome(false, refused.Message, refused.Reason),
            Ensured<TObserved>.InProgress progress when progress.Observed is null => new SetupOutcome(false, progress.Message),
            _ => new SetupOutcome(false, waiting),
        };

    private static TObserved? Observed<TObserved>(Ensured<TObserved> ensured)
        where TObserved : class => ensured switch
        {
            Ensured<TObserved>.Active active => active.Observed,
            Ensured<TObserved>.InProgress progress => progress.Observed,
            _ => null,
        };

    private static void SetParts(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, Func<FailoverParts, FailoverParts> change) =>
        context.Status = context.Status with { Parts = change(context.Status.Parts ?? new FailoverParts()) };

    private static void SetArc(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, Func<ArcStatus, ArcStatus> change) =>
        context.Status = context.Status with { Arc = change(context.Status.Arc ?? new ArcStatus()) };

    private static FailoverPlanStatus WithRoutingControl(FailoverPlanStatus status, string region, string arn)
    {
        var arc = status.Arc ?? new ArcStatus();
        var others = (arc.RoutingControls ?? []).Where(c => c.Region != region);
        return status with { Arc = arc with { RoutingControls = [.. (arc.RoutingControls ?? []).Any(c => c.Region == region)
            ? (arc.RoutingControls ?? []).Select(c => c.Region == region ? c with { Arn = arn } : c)
            : others.Append(new RegionRoutingControlStatus { Region = region, Arn = arn })] } };
    }

    private static FailoverPlanStatus WithNamed(FailoverPlanStatus status, string name, string arn, bool gatingControl)
    {
        var arc = status.Arc ?? new ArcStatus();
        var list = (gatingControl ? arc.GatingControls : arc.SafetyRules) ?? [];
        IList<NamedArn> updated = list.Any(n => n.Name == name)
            ? [.. list.Select(n => n.Name == name ? n with { Arn = arn } : n)]
            : [.. list, new NamedArn { Name = name, Arn = arn }];
        return status with { Arc = gatingControl ? arc with { GatingControls = updated } : arc with { SafetyRules = updated } };
    }

    /// <summary>Records a just-created part's id in the plan's status at once (the one write allowed mid-reconcile).</summary>
    private sealed class PartRecorder(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, Func<FailoverPlanStatus, string, FailoverPlanStatus> record) : IAwsResourceRecorder
    {
        public Task RecordEventAsync(string type, string reason, string note, CancellationToken cancellationToken) =>
            context.RecordAsync(type, reason, note, cancellationToken);

        public async Task RecordCreatedAsync(CreatedResource created, string message, CancellationToken cancellationToken)
        {
            context.Status = record(context.Status, created.Id);
            await context.CheckpointAsync(null, cancellationToken);
            await context.RecordAsync("Normal", "Created", message, cancellationToken);
        }
    }
}
