using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Api.Validation;
using ContactOperator.Aws.Core;
using ContactOperator.Controllers.Sync;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>
/// Reconciles a FailoverPlan: setup of its parts, then the failover state machine (<see cref="FailoverPlanner"/>), one
/// move step per reconcile. Every reconcile reads the plan fresh from the API server (the cache may lag the previous
/// step's status write), computes the outcome, and writes status once at the end; only ids of newly created AWS
/// resources are recorded earlier, right after their creation.
/// </summary>
public sealed partial class FailoverPlanReconciler(
    ResourceClient<FailoverPlan> client,
    Func<ObjectKey, ContactInstance?> instances,
    FailoverAws aws,
    IEventSink events,
    FailoverMetrics metrics,
    FailoverOptions options,
    TimeProvider time,
    ILogger logger) : IReconciler<FailoverPlan>
{
    public const string Finalizer = "connect.contact-operator.io/failover";

    /// <summary>Requeue delay between two steps of a move: the smallest the work queue takes, so the operator adds no polling delay.</summary>
    private static readonly TimeSpan NextStep = TimeSpan.FromTicks(1);

    private static readonly FailoverPlanValidator Validator = new();
    private readonly StatusWriter<FailoverPlan> statusWriter = new(client);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<FailoverPlan> request, CancellationToken cancellationToken)
    {
        if (request.Resource is null || await client.TryGetAsync(request.Key, cancellationToken) is not { } plan)
        {
            return ReconcileResult.Done;
        }
        var deleting = plan.Metadata.DeletionTimestamp is not null;
        if (deleting && plan.Status?.InProgress is null)
        {
            return await FinalizeAsync(plan, cancellationToken);
        }
        if (!deleting)
        {
            plan = await client.AddFinalizerAsync(plan, Finalizer, cancellationToken);
        }

        var validation = Validator.Validate(plan);
        if (!validation.IsValid)
        {
            var message = string.Join("; ", validation.Errors.Select(e => e.ErrorMessage));
            await WriteAsync(plan, plan.Status ?? new(), ConditionValue.False(ConditionReasons.InvalidSpec, message), ConditionValue.False(ConditionReasons.InvalidSpec, message), cancellationToken);
            await events.RecordAsync(plan, "Warning", ConditionReasons.InvalidSpec, message, cancellationToken);
            throw new TerminalReconcileException(message);
        }

        var instance = instances(new ObjectKey(request.Key.Namespace, plan.Spec.InstanceRef.Name));
        if (instance?.Status?.Id is not { } primaryId || !Conditions.IsTrue(instance.Status.Conditions, ConditionTypes.Ready))
        {
            var message = $"waiting for ContactInstance {plan.Spec.InstanceRef.Name} to be Ready";
            await WriteAsync(plan, (plan.Status ?? new()) with { Phase = FailoverPhases.Provisioning }, ConditionValue.False(ConditionReasons.WaitingForDependency, message), null, cancellationToken);
            return ReconcileResult.RequeueAfter(options.WaitPoll);
        }
        if (instance.Spec.IdentityManagementType != "SAML")
        {
            var message = $"Global Resiliency needs SAML identity management; ContactInstance {instance.Metadata.Name} uses {instance.Spec.IdentityManagementType}";
            await WriteAsync(plan, plan.Status ?? new(), ConditionValue.False(FailoverReasons.IdentityNotSaml, message), ConditionValue.False(FailoverReasons.IdentityNotSaml, message), cancellationToken);
            await events.RecordAsync(plan, "Warning", FailoverReasons.IdentityNotSaml, message, cancellationToken);
            throw new TerminalReconcileException(message);
        }

        try
        {
            return await SyncAsync(plan, instance.Spec.Region, primaryId, deleting, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Class is AwsErrorClass.InvalidInput or AwsErrorClass.QuotaExceeded && plan.Status?.InProgress is null)
        {
            var reason = e.Class == AwsErrorClass.QuotaExceeded ? ConditionReasons.AwsQuotaExceeded : ConditionReasons.AwsInvalidRequest;
            var message = $"AWS refused {e.Operation}: {e.ErrorCode}: {e.Message}";
            await WriteAsync(plan, plan.Status ?? new(), ConditionValue.False(reason, message), ConditionValue.False(reason, message), cancellationToken);
            await events.RecordAsync(plan, "Warning", reason, message, cancellationToken);
            throw new TerminalReconcileException(message, e);
        }
        catch (AwsServiceException e)
        {
            await WriteAsync(plan, plan.Status ?? new(), null, ConditionValue.False(ConditionReasons.AwsError, $"{e.Operation} failed: {e.ErrorCode}: {e.Message}; retrying with backoff"), cancellationToken);
            throw;
        }
    }

    private async Task<ReconcileResult> SyncAsync(FailoverPlan plan, string primaryRegion, string primaryId, bool deleting, CancellationToken cancellationToken)
    {
        var status = MoveRecords.WithSpecOverride(plan.Status ?? new FailoverPlanStatus(), plan.Spec);
        var now = time.GetUtcNow();
        if ((status.InProgress is null && !PartsReady(status)) || Steady(plan, status, primaryRegion, now))
        {
            var setup = await new FailoverSetup(aws, (s, note, ct) => RecordCreatedAsync(plan, s, note, ct)).RunAsync(plan, primaryRegion, primaryId, status, cancellationToken);
            status = setup.Status;
            if (!setup.Ready)
            {
                await WriteAsync(plan, status with { Phase = FailoverPhases.Provisioning }, ConditionValue.False(ConditionReasons.Creating, setup.Message), Synced(), cancellationToken);
                return ReconcileResult.RequeueAfter(options.WaitPoll);
            }
        }

        var decision = FailoverPlanner.Decide(new PlanSnapshot(plan.Spec, status, plan.Metadata.Generation ?? 0, primaryRegion, now, RequestedBy.Of(plan.Metadata)));
        if (deleting && decision is not (ContinueMove or WaitUntil))
        {
            return ReconcileResult.RequeueAfter(NextStep);
        }
        var other = (string region) => region == primaryRegion ? plan.Spec.Replica.Region : primaryRegion;
        switch (decision)
        {
            case ContinueMove(var move, var held):
                return await RunStepAsync(plan, status, move, held, primaryId, other(move.ToRegion!), cancellationToken);
            case WaitUntil(var until, var why, var held):
                var reason = held is not null ? FailoverReasons.EditHeld : status.DrillReturnTime is null ? "Moving" : "Drilling";
                await WriteAsync(plan, status, ConditionValue.False(reason, held is null ? why : $"{why}; {held}"), Synced(), cancellationToken);
                return ReconcileResult.RequeueAfter(Max(until - now, NextStep));
            case StartMove start:
                return await StartAsync(plan, status, start, primaryRegion, primaryId, cancellationToken);
            case DryRunDrill dry:
                return await DryRunAsync(plan, status, dry, primaryRegion, primaryId, cancellationToken);
            case RefuseMove refuse:
                return await RefuseAsync(plan, status, refuse, now, cancellationToken);
            case EndDrillInPlace(var message):
                var ended = status with
                {
                    DrillReturnTime = null,
                    Phase = FailoverPhases.Completed,
                    LastDrill = (status.LastDrill ?? new()) with { CompletedTime = now.UtcDateTime, Result = MoveResults.Succeeded, Message = message },
                };
                await events.RecordAsync(plan, "Normal", FailoverReasons.DrillCompleted, message, cancellationToken);
                await WriteAsync(plan, ended, Available(ended), Synced(), cancellationToken);
                return ReconcileResult.RequeueAfter(NextStep);
            case Steady(var wakeAt):
                var steady = status with { NextDrillTime = wakeAt?.UtcDateTime, Phase = status.Phase == FailoverPhases.Completed ? FailoverPhases.Completed : FailoverPhases.Ready };
                metrics.Active(plan.Metadata.NamespaceProperty ?? "default", plan.Metadata.Name, steady.ActiveRegion ?? primaryRegion, other(steady.ActiveRegion ?? primaryRegion));
                await WriteAsync(plan, steady, Available(steady), Synced(), cancellationToken);
                var resync = options.ResyncPeriod;
                return ReconcileResult.RequeueAfter(wakeAt is { } w && w - now < resync ? Max(w - now, NextStep) : resync);
            default:
                throw new InvalidOperationException($"unhandled decision {decision}");
        }
    }

    /// <summary>Checks the move's preconditions; on success records it in status (the steps run from the next reconcile).</summary>
    private async Task<ReconcileResult> StartAsync(FailoverPlan plan, FailoverPlanStatus status, StartMove start, string primaryRegion, string primaryId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var move = start.Move;
        List<string> failures = [.. await CheckPreconditionsAsync(plan, status, move.ToRegion!, primaryRegion, primaryId, start.SkippedChecks, cancellationToken), .. start.Failures];
        if (start.Drill is not null)
        {
            status = status with { NextDrillTime = FailoverPlanner.NextDrillTime(plan.Spec.Drill, null, now)?.UtcDateTime };
        }
        if (failures.Count > 0)
        {
            var message = FailoverPlanner.WithNote($"move from {move.FromRegion} to {move.ToRegion} refused: {string.Join("; ", failures)}", start.Note);
            if (start.Drill is { } drill)
            {
                var failedDrill = status with { LastDrill = drill with { CompletedTime = now.UtcDateTime, Result = MoveResults.Failed, Message = message } };
                await events.RecordAsync(plan, "Warning", FailoverReasons.DrillCompleted, $"drill failed: {message}", cancellationToken);
                await WriteAsync(plan, failedDrill, Available(failedDrill), Synced(), cancellationToken);
                return ReconcileResult.RequeueAfter(NextStep);
            }
            return await RefuseAsync(plan, status, new RefuseMove(FailoverReasons.PreconditionFailed, message, now + options.RecheckRefused), now, cancellationToken);
        }

        var overrides = move.OverridesUsed ?? [];
        await AfterStepAsync(FailoverSteps.CheckingPreconditions, cancellationToken);
        var started = MoveRecords.Started(status, move, [.. overrides], start.Drill);
        var note = $"{move.Kind} from {move.FromRegion} to {move.ToRegion} started (requested by {move.RequestedBy ?? "unknown"}{(overrides.Count > 0 ? "; " + string.Join(", ", overrides) : "")})";
        await events.RecordAsync(plan, "Normal", start.Drill is null ? FailoverReasons.MoveStarted : FailoverReasons.DrillStarted, note, cancellationToken);
        LogMove(logger, plan.Metadata.NamespaceProperty, plan.Metadata.Name, note);
        await WriteAsync(plan, started, ConditionValue.False("Moving", note), Synced(), cancellationToken);
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
    private async Task<ReconcileResult> RunStepAsync(FailoverPlan plan, FailoverPlanStatus status, FailoverOperation move, string? held, string primaryId, string otherRegion, CancellationToken cancellationToken)
    {
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
                    next = move with { Step = FailoverSteps.ShiftingTraffic };
                    await events.RecordAsync(plan, "Normal", FailoverReasons.RoutingControlsSwitched, note, cancellationToken);
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
                    await events.RecordAsync(plan, "Normal", FailoverReasons.TrafficShifted, note, cancellationToken);
                    break;
                case FailoverSteps.Verifying:
                    return await VerifyAsync(plan, status, move, otherRegion, cancellationToken);
                default:
                    throw new InvalidOperationException($"unknown step {move.Step}");
            }
        }
        catch (AwsServiceException e) when (e.Class is AwsErrorClass.InvalidInput or AwsErrorClass.QuotaExceeded or AwsErrorClass.Conflict or AwsErrorClass.NotFound)
        {
            var blocked = move.Step == FailoverSteps.SwitchingRoutingControls && e.Class == AwsErrorClass.Conflict;
            var message = blocked
                ? $"an ARC safety rule blocked switching the routing controls to {target}: {e.Message}"
                : $"{e.Operation} failed: {e.ErrorCode}: {e.Message}";
            return await FailAsync(plan, status, move, blocked ? FailoverReasons.SafetyRuleBlocked : FailoverReasons.MoveFailed, message, cancellationToken);
        }
        await AfterStepAsync(move.Step, cancellationToken);
        LogMove(logger, plan.Metadata.NamespaceProperty, plan.Metadata.Name, note);
        var advanced = status with { InProgress = next };
        var progress = $"{move.Kind} from {move.FromRegion} to {target}: {note}; next {next.Step}{(held is null ? "" : "; " + held)}";
        await WriteAsync(plan, advanced, ConditionValue.False(held is null ? "Moving" : FailoverReasons.EditHeld, progress), Synced(), cancellationToken);
        var now = time.GetUtcNow();
        return ReconcileResult.RequeueAfter(next.NextStepTime is { } at ? Max(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) - now, NextStep) : NextStep);
    }

    private async Task<ReconcileResult> VerifyAsync(FailoverPlan plan, FailoverPlanStatus status, FailoverOperation move, string otherRegion, CancellationToken cancellationToken)
    {
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
            return await FailAsync(plan, status, move, FailoverReasons.MoveFailed, $"verification failed: {string.Join("; ", problems)}", cancellationToken);
        }

        await AfterStepAsync(FailoverSteps.Verifying, cancellationToken);
        var now = time.GetUtcNow();
        var completed = MoveRecords.Completed(status, move, now, PrometheusDuration.Parse(plan.Spec.Drill?.Duration) ?? TimeSpan.FromMinutes(15));
        var elapsed = now - new DateTimeOffset(DateTime.SpecifyKind(move.StartedTime ?? now.UtcDateTime, DateTimeKind.Utc));
        metrics.Completed(move.Kind ?? MoveKinds.Failover, elapsed);
        metrics.Active(plan.Metadata.NamespaceProperty ?? "default", plan.Metadata.Name, target, otherRegion);
        var note = $"{move.Kind} from {move.FromRegion} to {target} completed in {DurationText.Format(elapsed)}: telephony and agents 100% on {target}{(plan.Spec.Arc is null ? "" : ", routing controls switched")}";
        await events.RecordAsync(plan, "Normal", move.Kind == MoveKinds.DrillBack ? FailoverReasons.DrillCompleted : FailoverReasons.MoveCompleted, note, cancellationToken);
        LogMove(logger, plan.Metadata.NamespaceProperty, plan.Metadata.Name, note);
        await WriteAsync(plan, completed, Available(completed), Synced(), cancellationToken);
        // Parts were ready when the move started: unless something else is due, the next look is the resync, so an
        // edit right after the move does not wait behind a reconcile that only re-reads the parts.
        var primaryRegion = status.Region ?? move.FromRegion!;
        return FailoverPlanner.Decide(new PlanSnapshot(plan.Spec, completed, plan.Metadata.Generation ?? 0, primaryRegion, now, null)) is Steady(var wakeAt)
            ? ReconcileResult.RequeueAfter(wakeAt is { } w && w - now < options.ResyncPeriod ? Max(w - now, NextStep) : options.ResyncPeriod)
            : ReconcileResult.RequeueAfter(NextStep);
    }

    private async Task<ReconcileResult> FailAsync(FailoverPlan plan, FailoverPlanStatus status, FailoverOperation move, string reason, string message, CancellationToken cancellationToken)
    {
        var failed = MoveRecords.Failed(status, move, time.GetUtcNow(), message);
        metrics.Failed();
        await events.RecordAsync(plan, "Warning", reason, message, cancellationToken);
        LogMove(logger, plan.Metadata.NamespaceProperty, plan.Metadata.Name, message);
        await WriteAsync(plan, failed, ConditionValue.False(reason, message), Synced(), cancellationToken);
        return ReconcileResult.Done;
    }

    private async Task<ReconcileResult> RefuseAsync(FailoverPlan plan, FailoverPlanStatus status, RefuseMove refuse, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var previous = Conditions.Find(status.Conditions, ConditionTypes.Ready);
        if (previous?.Reason != refuse.Reason || previous.Message != refuse.Message)
        {
            metrics.Refused();
            await events.RecordAsync(plan, "Warning", refuse.Reason, refuse.Message, cancellationToken);
        }
        var phase = refuse.Reason == FailoverReasons.MoveFailed ? FailoverPhases.Failed : FailoverPhases.Refused;
        await WriteAsync(plan, status with { Phase = phase }, ConditionValue.False(refuse.Reason, refuse.Message), Synced(), cancellationToken);
        return refuse.RetryAt is { } at ? ReconcileResult.RequeueAfter(Max(at - now, NextStep)) : ReconcileResult.Done;
    }

    /// <summary>A dry-run drill: every precondition and every read a drill makes, and no write.</summary>
    private async Task<ReconcileResult> DryRunAsync(FailoverPlan plan, FailoverPlanStatus status, DryRunDrill dry, string primaryRegion, string primaryId, CancellationToken cancellationToken)
    {
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
        var next = status with
        {
            LastDrill = dry.Drill with { CompletedTime = now.UtcDateTime, Result = result, Message = message },
            NextDrillTime = FailoverPlanner.NextDrillTime(plan.Spec.Drill, null, now)?.UtcDateTime,
        };
        await events.RecordAsync(plan, problems.Count == 0 ? "Normal" : "Warning", FailoverReasons.DrillCompleted, message, cancellationToken);
        await WriteAsync(plan, next, Available(next), Synced(), cancellationToken);
        return ReconcileResult.RequeueAfter(NextStep);
    }

    private async Task<ReconcileResult> FinalizeAsync(FailoverPlan plan, CancellationToken cancellationToken)
    {
        if (!Finalizers.Has(plan, Finalizer))
        {
            return ReconcileResult.Done;
        }
        var status = plan.Status ?? new FailoverPlanStatus();
        var region = status.Region ?? plan.Spec.ActiveRegion;
        if (plan.Spec.DeletionPolicy == DeletionPolicies.Delete)
        {
            foreach (var rule in status.Arc?.SafetyRules ?? [])
            {
                await aws.DeleteSafetyRuleAsync(rule.Arn!, cancellationToken);
            }
            foreach (var control in (status.Arc?.RoutingControls?.Select(c => c.Arn) ?? []).Concat(status.Arc?.GatingControls?.Select(c => c.Arn) ?? []))
            {
                await aws.DeleteRoutingControlAsync(control!, cancellationToken);
            }
            if (status.Arc?.ControlPanelArn is { } panel)
            {
                await aws.DeleteControlPanelAsync(panel, cancellationToken);
            }
            if (status.TrafficDistributionGroupId is { } group)
            {
                await aws.DeleteGroupAsync(region, group, cancellationToken);
            }
            await events.RecordAsync(plan, "Normal", "Deleted", "deleted the traffic distribution group and ARC controls the plan used (deletionPolicy Delete)", cancellationToken);
        }
        if (plan.Spec.Replica.DeletionPolicy == DeletionPolicies.Delete && status.ReplicaInstanceId is { } replica)
        {
            await aws.DeleteInstanceAsync(plan.Spec.Replica.Region, replica, cancellationToken);
            await events.RecordAsync(plan, "Normal", "Deleted", $"deleted replica instance {replica} in {plan.Spec.Replica.Region}", cancellationToken);
        }
        metrics.Forget(plan.Metadata.NamespaceProperty ?? "default", plan.Metadata.Name, [region, plan.Spec.Replica.Region]);
        await client.RemoveFinalizerAsync(plan, Finalizer, cancellationToken);
        return ReconcileResult.Done;
    }

    /// <summary>Records ids of a just-created AWS resource before any further step (the one write allowed mid-reconcile).</summary>
    private async Task RecordCreatedAsync(FailoverPlan plan, FailoverPlanStatus status, string note, CancellationToken cancellationToken)
    {
        await statusWriter.WriteAsync(plan, status, cancellationToken);
        plan.Status = status;
        await events.RecordAsync(plan, "Normal", "Created", note, cancellationToken);
        LogMove(logger, plan.Metadata.NamespaceProperty, plan.Metadata.Name, note);
    }

    private Task AfterStepAsync(string step, CancellationToken cancellationToken) =>
        options.AfterStep?.Invoke(step, cancellationToken) ?? Task.CompletedTask;

    private static bool Steady(FailoverPlan plan, FailoverPlanStatus status, string primaryRegion, DateTimeOffset now) =>
        status.InProgress is null && FailoverPlanner.Decide(new PlanSnapshot(plan.Spec, status, plan.Metadata.Generation ?? 0, primaryRegion, now, null)) is Steady;

    private static bool PartsReady(FailoverPlanStatus status) =>
        status.Parts is { Replica: "ACTIVE", TrafficDistributionGroup: "ACTIVE", RoutingControls: "Ready" or "NotConfigured" } && status.ActiveRegion is not null;

    private static ConditionValue Available(FailoverPlanStatus status) => ConditionValue.True(ConditionReasons.Available,
        $"traffic on {status.ActiveRegion}; replica {status.ReplicaInstanceId} {status.Parts?.Replica}, traffic distribution group {status.Parts?.TrafficDistributionGroup}, routing controls {status.Parts?.RoutingControls}{(status.SpentOverride is { Count: > 0 } ? "; spec.override is spent (status.spentOverride): remove it" : "")}");

    private static ConditionValue Synced() => ConditionValue.True(ConditionReasons.ReconcileSuccess, "last reconcile reached AWS without error");

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private Task<FailoverPlan> WriteAsync(FailoverPlan plan, FailoverPlanStatus status, ConditionValue? ready, ConditionValue? synced, CancellationToken cancellationToken) =>
        statusWriter.WriteAsync(plan, StatusConditions.With(status, plan.Metadata.Generation, time.GetUtcNow(), ready, synced), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "FailoverPlan {Namespace}/{Name}: {Summary}")]
    private static partial void LogMove(ILogger logger, string? @namespace, string name, string summary);
}
