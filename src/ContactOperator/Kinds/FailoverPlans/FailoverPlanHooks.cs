using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Core;
using ContactOperator.Reconciliation;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>
/// A FailoverPlan's own part of the reconcile: setup of its parts (<see cref="FailoverSetup"/>), then the failover state
/// machine (<see cref="FailoverPlanner"/>), one move step per reconcile. The plan is read fresh before each reconcile
/// (the cache may lag the previous step's status write); the skeleton writes the status once at the end, and only ids
/// of newly created AWS resources are recorded earlier, right after their creation.
/// </summary>
public sealed partial class FailoverPlanHooks(
    Func<ObjectKey, ContactInstance?> instances,
    FailoverAws aws,
    FailoverSetup setup,
    FailoverMetrics metrics,
    FailoverOptions options,
    TimeProvider time,
    ILogger logger) : IKindHooks<FailoverPlan, FailoverPlanStatus>
{
    public const string FinalizerName = "connect.contact-operator.io/failover";

    /// <summary>Requeue delay between two steps of a move: the smallest the work queue takes, so the operator adds no polling delay.</summary>
    private static readonly TimeSpan NextStep = TimeSpan.FromTicks(1);

    public string? Finalizer => FinalizerName;

    public bool ReadsFresh => true;

    public bool AddsFinalizer(FailoverPlan resource) => true;

    public FailoverPlanStatus StatusOf(FailoverPlan resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Status ?? new FailoverPlanStatus();
    }

    public Task<ReconcileResult> SyncAsync(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, CancellationToken cancellationToken) =>
        PlanAsync(context, deleting: false, cancellationToken);

    /// <summary>A move in progress runs to its end first; then the parts are deleted or kept as the policies say.</summary>
    public async Task<ReconcileResult?> FinalizeAsync(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Status.InProgress is not null)
        {
            return await PlanAsync(context, deleting: true, cancellationToken);
        }
        await setup.DeleteAsync(context, cancellationToken);
        return null;
    }

    private async Task<ReconcileResult> PlanAsync(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, bool deleting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Resource;
        var instance = instances(new ObjectKey(plan.Metadata.NamespaceProperty, plan.Spec.InstanceRef.Name));
        if (instance?.Status?.Id is not { } primaryId || !Conditions.IsTrue(instance.Status.Conditions, ConditionTypes.Ready))
        {
            context.Status = context.Status with { Phase = FailoverPhases.Provisioning };
            context.Ready = ConditionValue.False(ConditionReasons.WaitingForDependency, $"waiting for ContactInstance {plan.Spec.InstanceRef.Name} to be Ready");
            return ReconcileResult.RequeueAfter(options.WaitPoll);
        }
        if (instance.Spec.IdentityManagementType != "SAML")
        {
            await context.FailAsync(FailoverReasons.IdentityNotSaml,
                $"Global Resiliency needs SAML identity management; ContactInstance {instance.Metadata.Name} uses {instance.Spec.IdentityManagementType}", cancellationToken);
            return ReconcileResult.Done;
        }
        return await MoveAsync(context, instance.Spec.Region, primaryId, deleting, cancellationToken);
    }

    private async Task<ReconcileResult> MoveAsync(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, string primaryRegion, string primaryId, bool deleting, CancellationToken cancellationToken)
    {
        var plan = context.Resource;
        context.Status = MoveRecords.WithSpecOverride(context.Status, plan.Spec);
        var now = time.GetUtcNow();
        if ((context.Status.InProgress is null && !PartsReady(context.Status)) || Steady(plan, context.Status, primaryRegion, now))
        {
            var parts = await setup.RunAsync(context, primaryRegion, primaryId, cancellationToken);
            if (parts.Refusal is { } refusal)
            {
                await context.FailAsync(refusal, parts.Message, cancellationToken);
                return ReconcileResult.Done;
            }
            if (!parts.Ready)
            {
                context.Status = context.Status with { Phase = FailoverPhases.Provisioning };
                context.Succeeded(ConditionValue.False(ConditionReasons.Creating, parts.Message));
                return ReconcileResult.RequeueAfter(options.WaitPoll);
            }
        }

        var status = context.Status;
        var decision = FailoverPlanner.Decide(new PlanSnapshot(plan.Spec, status, plan.Metadata.Generation ?? 0, primaryRegion, now, RequestedBy.Of(plan.Metadata)));
        if (deleting && decision is not (ContinueMove or WaitUntil))
        {
            return ReconcileResult.RequeueAfter(NextStep);
        }
        var other = (string region) => region == primaryRegion ? plan.Spec.Replica.Region : primaryRegion;
        switch (decision)
        {
            case ContinueMove(var move, var held):
                return await RunStepAsync(context, move, held, other(move.ToRegion!), cancellationToken);
            case WaitUntil(var until, var why, var held):
                var reason = held is not null ? FailoverReasons.EditHeld : status.DrillReturnTime is null ? "Moving" : "Drilling";
                context.Succeeded(ConditionValue.False(reason, held is null ? why : $"{why}; {held}"));
                return ReconcileResult.RequeueAfter(Max(until - now, NextStep));
            case StartMove start:
                return await StartAsync(context, start, primaryRegion, primaryId, cancellationToken);
            case DryRunDrill dry:
                return await DryRunAsync(context, dry, primaryRegion, primaryId, cancellationToken);
            case RefuseMove refuse:
                return await RefuseAsync(context, refuse, now, cancellationToken);
            case EndDrillInPlace(var message):
                context.Status = status with
                {
                    DrillReturnTime = null,
                    Phase = FailoverPhases.Completed,
                    LastDrill = (status.LastDrill ?? new()) with { CompletedTime = now.UtcDateTime, Result = MoveResults.Succeeded, Message = message },
                };
                await context.RecordAsync("Normal", FailoverReasons.DrillCompleted, message, cancellationToken);
                context.Succeeded(Available(context.Status));
                return ReconcileResult.RequeueAfter(NextStep);
            case Steady(var wakeAt):
                context.Status = status with { NextDrillTime = wakeAt?.UtcDateTime, Phase = status.Phase == FailoverPhases.Completed ? FailoverPhases.Completed : FailoverPhases.Ready };
                context.Succeeded(Available(context.Status));
                var resync = options.ResyncPeriod;
                return ReconcileResult.RequeueAfter(wakeAt is { } w && w - now < resync ? Max(w - now, NextStep) : resync);
            default:
                throw new InvalidOperationException($"unhandled decision {decision}");
        }
    }

    /// <summary>Checks the move's preconditions; on success records it in status (the steps run from the next reconcile).</summary>
    private async Task<ReconcileResult> StartAsync(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, StartMove start, string primaryRegion, string primaryId, CancellationToken cancellationToken)
    {
        var plan = context.Resource;
        var status = context.Status;
        var now = time.GetUtcNow();
        var move = start.Move;
        List<string> failures = [.. await CheckPreconditionsAsync(plan, status, move.ToRegion!, primaryRegion, primaryId, start.SkippedChecks, cancellationToken), .. start.Failures];
        if (start.Drill is not null)
        {
            status = status with { NextDrillTime = FailoverPlanner.NextDrillTime(plan.Spec.Drill, null, now)?.UtcDateTime };
        }
        context.Status = status;
        if (failures.Count > 0)
        {
            var message = FailoverPlanner.WithNote($"move from {move.FromRegion} to {move.ToRegion} refused: {string.Join("; ", failures)}", start.Note);
            if (start.Drill is { } drill)
            {
                context.Status = status with { LastDrill = drill with { CompletedTime = now.UtcDateTime, Result = MoveResults.Failed, Message = message } };
                await context.RecordAsync("Warning", FailoverReasons.DrillCompleted, $"drill failed: {message}", cancellationToken);
                context.Succeeded(Available(context.Status));
                return ReconcileResult.RequeueAfter(NextStep);
            }
            return await RefuseAsync(context, new RefuseMove(FailoverReasons.PreconditionFailed, message, now + options.RecheckRefused), now, cancellationToken);
        }

        var overrides = move.OverridesUsed ?? [];
        context.Status = MoveRecords.Started(status, move, [.. overrides], start.Drill);
        var note = $"{move.Kind} from {move.FromRegion} to {move.ToRegion} started (requested by {move.RequestedBy ?? "unknown"}{(overrides.Count > 0 ? "; " + string.Join(", ", overrides) : "")})";
        await context.RecordAsync("Normal", start.Drill is null ? FailoverReasons.MoveStarted : FailoverReasons.DrillStarted, note, cancellationToken);
        LogMove(logger, plan.Metadata.NamespaceProperty, plan.Metadata.Name, note);
        context.Succeeded(ConditionValue.False("Moving", note));
        return ReconcileResult.RequeueAfter(NextStep);
    }

    private async Task<List<string>> CheckPreconditionsAsync(FailoverPlan plan, FailoverPlanStatus status, string target, string primaryRegion, string primaryId, IReadOnlyList<string> skipped, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var preconditions = plan.Spec.Preconditions ?? new FailoverPreconditions();
        var targetId = target == primaryRegion ? primaryId : status.ReplicaInstanceId!;
        if (preconditions.RequireReplicaActive && !skipped.Contains(FailoverChecks.ReplicaActive)
            && await aws.DescribeInstanceAsync(target, targetId, cancellationToken) is not { Status: "ACTIVE" })
        {
            failures.Add($"the instance {targetId} in {target} is not ACTIVE");
        }
        if (preconditions.MinAgentsAvailableInTarget is int minimum and > 0 && !skipped.Contains(FailoverChecks.AgentsAvailable))
        {
            var available = await aws.AgentsAvailableAsync(target, targetId, cancellationToken);
            if (available < minimum)
            {
                failures.Add($"{available} agents available in {target}, spec.preconditions.minAgentsAvailableInTarget is {minimum}");
            }
        }
        return failures;
    }

    /// <summary>Runs the recorded step of a move, skipping its AWS write when AWS already shows the step's result.</summary>
    private async Task<ReconcileResult> RunStepAsync(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, FailoverOperation move, string? held, string otherRegion, CancellationToken cancellationToken)
    {
        var plan = context.Resource;
        var status = context.Status;
        var target = move.ToRegion!;
        var spec = plan.Spec;
        FailoverOperation next;
        string note;
        try
        {
            switch (move.Step)
            {
                case FailoverSteps.SwitchingRoutingControls:
                    var arc = status.Arc!;
                    var on = FailoverSetup.ControlArn(arc, target);
                    var off = FailoverSetup.ControlArn(arc, otherRegion);
                    if (await aws.IsOnAsync(spec.Arc!.ClusterArn, on, cancellationToken) && !await aws.IsOnAsync(spec.Arc.ClusterArn, off, cancellationToken))
                    {
                        note = $"routing controls already On for {target} and Off for {otherRegion}";
                    }
                    else
                    {
                        var overrides = OverrideTerms.SafetyRules(move.OverridesUsed).Select(name => arc.SafetyRules?.FirstOrDefault(r => r.Name == name)?.Arn).OfType<string>().ToList();
                        await aws.SwitchAsync(spec.Arc.ClusterArn, on, off, overrides, cancellationToken);
                        note = $"routing control for {target} On and for {otherRegion} Off";
                    }
                    next = move with { Step = FailoverSteps.ShiftingTraffic, NextStepTime = null };
                    await context.RecordAsync("Normal", FailoverReasons.RoutingControlsSwitched, note, cancellationToken);
                    break;
                case FailoverSteps.ShiftingTraffic:
                    var percent = FailoverPlanner.NextShiftPercent(spec, move.ShiftedPercent);
                    var current = await aws.GetDistributionAsync(target, status.TrafficDistributionGroupArn!, cancellationToken);
                    if (current.Reached(target, percent))
                    {
                        note = $"telephony and agents already {percent}% on {target}";
                    }
                    else
                    {
                        await aws.UpdateDistributionAsync(target, otherRegion, status.TrafficDistributionGroupArn!, percent, cancellationToken);
                        note = $"telephony and agents {percent}% on {target}, {100 - percent}% on {otherRegion}";
                    }
                    var pause = PrometheusDuration.Parse(spec.Shift?.Pause) ?? TimeSpan.Zero;
                    next = percent < 100
                        ? move with { ShiftedPercent = percent, NextStepTime = pause > TimeSpan.Zero ? (time.GetUtcNow() + pause).UtcDateTime : null }
                        : move with { ShiftedPercent = percent, NextStepTime = null, Step = FailoverSteps.Verifying };
                    await context.RecordAsync("Normal", FailoverReasons.TrafficShifted, note, cancellationToken);
                    break;
                case FailoverSteps.Verifying:
                    return await VerifyAsync(context, move, otherRegion, cancellationToken);
                default:
                    throw new InvalidOperationException($"unknown step {move.Step}");
            }
        }
        catch (AwsServiceException e) when (e.Class is AwsErrorClass.InvalidInput or AwsErrorClass.QuotaExceeded or AwsErrorClass.Conflict or AwsErrorClass.NotFound)
        {
            var blocked = move.Step == FailoverSteps.SwitchingRoutingControls && e.Class == AwsErrorClass.Conflict;
            if (blocked && move.NextStepTime is null && WaitPeriodThatMayBlock(spec, e) is var (rule, wait))
            {
                // ARC refuses every change for a rule's wait period after the last one: hold the move once for that long,
                // then switch. A rule that still refuses afterwards really blocks, and the move fails as below.
                var until = time.GetUtcNow() + wait;
                context.Status = status with { InProgress = move with { NextStepTime = until.UtcDateTime } };
                var holding = $"{move.Kind} from {move.FromRegion} to {target} held: ARC safety rule {rule} refuses routing-control changes for {DurationText.Format(wait)} after the last one; switching again at {until.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}{(held is null ? "" : "; " + held)}";
                await context.RecordAsync("Normal", FailoverReasons.SafetyRuleWaitPeriod, holding, cancellationToken);
                LogMove(logger, plan.Metadata.NamespaceProperty, plan.Metadata.Name, holding);
                context.Succeeded(ConditionValue.False(FailoverReasons.SafetyRuleWaitPeriod, holding));
                return ReconcileResult.RequeueAfter(wait);
            }
            var message = blocked
                ? $"an ARC safety rule blocked switching the routing controls to {target}: {e.Message}"
                : $"{e.Operation} failed: {e.ErrorCode}: {e.Message}";
            return await FailMoveAsync(context, move, blocked ? FailoverReasons.SafetyRuleBlocked : FailoverReasons.MoveFailed, message, cancellationToken);
        }
        LogMove(logger, plan.Metadata.NamespaceProperty, plan.Metadata.Name, note);
        context.Status = status with { InProgress = next };
        var progress = $"{move.Kind} from {move.FromRegion} to {target}: {note}; next {next.Step}{(held is null ? "" : "; " + held)}";
        context.Succeeded(ConditionValue.False(held is null ? "Moving" : FailoverReasons.EditHeld, progress));
        var now = time.GetUtcNow();
        return ReconcileResult.RequeueAfter(next.NextStepTime is { } at ? Max(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) - now, NextStep) : NextStep);
    }

    /// <summary>
    /// The safety rule with a wait period that may have refused the switch: the one the error names, else the plan's
    /// longest wait period (ARC's refusal does not always say which rule); null when no rule of the plan has one.
    /// </summary>
    private static (string Rule, TimeSpan Wait)? WaitPeriodThatMayBlock(FailoverPlanSpec spec, AwsServiceException e)
    {
        var waiting = (spec.Arc?.SafetyRules ?? []).Where(r => FailoverSetup.WaitPeriodMs(r) > 0).ToList();
        var named = waiting.FirstOrDefault(r => e.Message.Contains($"({r.Name})", StringComparison.Ordinal))
            ?? waiting.OrderByDescending(FailoverSetup.WaitPeriodMs).FirstOrDefault();
        return named is null ? null : (named.Name, TimeSpan.FromMilliseconds(FailoverSetup.WaitPeriodMs(named)));
    }

    private async Task<ReconcileResult> VerifyAsync(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, FailoverOperation move, string otherRegion, CancellationToken cancellationToken)
    {
        var plan = context.Resource;
        var status = context.Status;
        var target = move.ToRegion!;
        var problems = new List<string>();
        var distribution = await aws.GetDistributionAsync(target, status.TrafficDistributionGroupArn!, cancellationToken);
        if (!distribution.Reached(target, 100))
        {
            problems.Add($"GetTrafficDistribution shows telephony {distribution.Telephony.GetValueOrDefault(target)}% and agents {distribution.Agents.GetValueOrDefault(target)}% on {target}");
        }
        if (plan.Spec.Arc is { } arc && status.Arc is { } arcStatus
            && (!await aws.IsOnAsync(arc.ClusterArn, FailoverSetup.ControlArn(arcStatus, target), cancellationToken)
                || await aws.IsOnAsync(arc.ClusterArn, FailoverSetup.ControlArn(arcStatus, otherRegion), cancellationToken)))
        {
            problems.Add($"GetRoutingControlState does not show {target} On and {otherRegion} Off");
        }
        if (problems.Count > 0)
        {
            return await FailMoveAsync(context, move, FailoverReasons.MoveFailed, $"verification failed: {string.Join("; ", problems)}", cancellationToken);
        }

        var now = time.GetUtcNow();
        var completed = MoveRecords.Completed(status, move, now, PrometheusDuration.Parse(plan.Spec.Drill?.Duration) ?? TimeSpan.FromMinutes(15));
        var elapsed = now - new DateTimeOffset(DateTime.SpecifyKind(move.StartedTime ?? now.UtcDateTime, DateTimeKind.Utc));
        metrics.Completed(move.Kind ?? MoveKinds.Failover, elapsed);
        var note = $"{move.Kind} from {move.FromRegion} to {target} completed in {DurationText.Format(elapsed)}: telephony and agents 100% on {target}{(plan.Spec.Arc is null ? "" : ", routing controls switched")}";
        await context.RecordAsync("Normal", move.Kind == MoveKinds.DrillBack ? FailoverReasons.DrillCompleted : FailoverReasons.MoveCompleted, note, cancellationToken);
        LogMove(logger, plan.Metadata.NamespaceProperty, plan.Metadata.Name, note);
        context.Status = completed;
        context.Succeeded(Available(completed));
        // Parts were ready when the move started: unless something else is due, the next look is the resync, so an
        // edit right after the move does not wait behind a reconcile that only re-reads the parts.
        var primaryRegion = status.Region ?? move.FromRegion!;
        return FailoverPlanner.Decide(new PlanSnapshot(plan.Spec, completed, plan.Metadata.Generation ?? 0, primaryRegion, now, null)) is Steady(var wakeAt)
            ? ReconcileResult.RequeueAfter(wakeAt is { } w && w - now < options.ResyncPeriod ? Max(w - now, NextStep) : options.ResyncPeriod)
            : ReconcileResult.RequeueAfter(NextStep);
    }

    private async Task<ReconcileResult> FailMoveAsync(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, FailoverOperation move, string reason, string message, CancellationToken cancellationToken)
    {
        var plan = context.Resource;
        context.Status = MoveRecords.Failed(context.Status, move, time.GetUtcNow(), message);
        metrics.Failed();
        await context.RecordAsync("Warning", reason, message, cancellationToken);
        LogMove(logger, plan.Metadata.NamespaceProperty, plan.Metadata.Name, message);
        context.Succeeded(ConditionValue.False(reason, message));
        return ReconcileResult.Done;
    }

    private async Task<ReconcileResult> RefuseAsync(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, RefuseMove refuse, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var previous = Conditions.Find(context.Status.Conditions, ConditionTypes.Ready);
        if (previous?.Reason != refuse.Reason || previous.Message != refuse.Message)
        {
            metrics.Refused();
            await context.RecordAsync("Warning", refuse.Reason, refuse.Message, cancellationToken);
        }
        var phase = refuse.Reason == FailoverReasons.MoveFailed ? FailoverPhases.Failed : FailoverPhases.Refused;
        context.Status = context.Status with { Phase = phase };
        context.Succeeded(ConditionValue.False(refuse.Reason, refuse.Message));
        return refuse.RetryAt is { } at ? ReconcileResult.RequeueAfter(Max(at - now, NextStep)) : ReconcileResult.Done;
    }

    /// <summary>A dry-run drill: every precondition and every read a drill makes, and no write.</summary>
    private async Task<ReconcileResult> DryRunAsync(ReconcileContext<FailoverPlan, FailoverPlanStatus> context, DryRunDrill dry, string primaryRegion, string primaryId, CancellationToken cancellationToken)
    {
        var plan = context.Resource;
        var status = context.Status;
        var now = time.GetUtcNow();
        List<string> problems = [.. await CheckPreconditionsAsync(plan, status, dry.ToRegion, primaryRegion, primaryId, [], cancellationToken), .. dry.Failures];
        var distribution = await aws.GetDistributionAsync(dry.ToRegion, status.TrafficDistributionGroupArn!, cancellationToken);
        if (!distribution.Reached(dry.FromRegion, 100))
        {
            problems.Add($"traffic is not all on {dry.FromRegion}");
        }
        if (plan.Spec.Arc is { } arc && status.Arc is { } arcStatus && !await aws.IsOnAsync(arc.ClusterArn, FailoverSetup.ControlArn(arcStatus, dry.FromRegion), cancellationToken))
        {
            problems.Add($"the routing control of {dry.FromRegion} is not On");
        }
        var result = problems.Count == 0 ? MoveResults.DryRunPassed : MoveResults.Failed;
        var message = FailoverPlanner.WithNote(problems.Count == 0
            ? $"dry run: a drill from {dry.FromRegion} to {dry.ToRegion} would start now (preconditions pass, traffic distribution and routing controls readable)"
            : $"dry run: a drill from {dry.FromRegion} to {dry.ToRegion} would not start: {string.Join("; ", problems)}", dry.Note);
        context.Status = status with
        {
            LastDrill = dry.Drill with { CompletedTime = now.UtcDateTime, Result = result, Message = message },
            NextDrillTime = FailoverPlanner.NextDrillTime(plan.Spec.Drill, null, now)?.UtcDateTime,
        };
        await context.RecordAsync(problems.Count == 0 ? "Normal" : "Warning", FailoverReasons.DrillCompleted, message, cancellationToken);
        context.Succeeded(Available(context.Status));
        return ReconcileResult.RequeueAfter(NextStep);
    }

    private static bool Steady(FailoverPlan plan, FailoverPlanStatus status, string primaryRegion, DateTimeOffset now) =>
        status.InProgress is null && FailoverPlanner.Decide(new PlanSnapshot(plan.Spec, status, plan.Metadata.Generation ?? 0, primaryRegion, now, null)) is Steady;

    private static bool PartsReady(FailoverPlanStatus status) =>
        status.Parts is { Replica: "ACTIVE", TrafficDistributionGroup: "ACTIVE", RoutingControls: "Ready" or "NotConfigured" } && status.ActiveRegion is not null;

    private static ConditionValue Available(FailoverPlanStatus status) => ConditionValue.True(ConditionReasons.Available,
        $"traffic on {status.ActiveRegion}; replica {status.ReplicaInstanceId} {status.Parts?.Replica}, traffic distribution group {status.Parts?.TrafficDistributionGroup}, routing controls {status.Parts?.RoutingControls}{(status.SpentOverride is { Count: > 0 } ? "; spec.override is spent (status.spentOverride): remove it" : "")}");

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "FailoverPlan {Namespace}/{Name}: {Summary}")]
    private static partial void LogMove(ILogger logger, string? @namespace, string name, string summary);
}
