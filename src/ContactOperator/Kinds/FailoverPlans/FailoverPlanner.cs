using ContactOperator.Api.Kinds;
using ContactOperator.Api.Validation;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>What the planner sees: the spec, the recorded status, the primary's region, who asked and the time.</summary>
public sealed record PlanSnapshot(FailoverPlanSpec Spec, FailoverPlanStatus Status, long Generation, string PrimaryRegion, DateTimeOffset Now, string? RequestedBy);

/// <summary>The planner's answer: what the reconciler does next.</summary>
public abstract record FailoverDecision;

/// <summary>Nothing to move; look again at <paramref name="WakeAt"/> (the next drill), if any.</summary>
public sealed record Steady(DateTimeOffset? WakeAt) : FailoverDecision;

/// <summary>Run the recorded move's next step now. <paramref name="HeldEdit"/> explains a spec edit that waits for it.</summary>
public sealed record ContinueMove(FailoverOperation Move, string? HeldEdit) : FailoverDecision;

/// <summary>The recorded move pauses (gradual shift) or a drill holds traffic on the replica until <paramref name="Until"/>.</summary>
public sealed record WaitUntil(DateTimeOffset Until, string Why, string? HeldEdit) : FailoverDecision;

/// <summary>
/// Check the preconditions of <paramref name="Move"/> (skipping <paramref name="SkippedChecks"/>) and start it if they pass.
/// The move carries the overrides it uses (<see cref="FailoverOperation.OverridesUsed"/>).
/// </summary>
public sealed record StartMove(FailoverOperation Move, IReadOnlyList<string> SkippedChecks, DrillRecord? Drill) : FailoverDecision
{
    /// <summary>Checks the planner found failing from status alone (a drill too soon after the last move).</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>Said with a refusal: why spec.override does not apply to this move.</summary>
    public string? Note { get; init; }
}

/// <summary>Validate a drill's preconditions and reads without moving traffic; the same checks a drill runs.</summary>
public sealed record DryRunDrill(string FromRegion, string ToRegion, DrillRecord Drill) : FailoverDecision
{
    /// <summary>Checks the planner found failing from status alone (a move too soon after the last one).</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>Said with the outcome: spec.override does not apply to drills.</summary>
    public string? Note { get; init; }
}

/// <summary>The move the spec asks for is not allowed (now). <paramref name="RetryAt"/>: when it may happen.</summary>
public sealed record RefuseMove(string Reason, string Message, DateTimeOffset? RetryAt) : FailoverDecision;

/// <summary>A drill's return trip ended with the person's edit: the plan stays where spec.activeRegion says.</summary>
public sealed record EndDrillInPlace(string Message) : FailoverDecision;

/// <summary>
/// The failover state machine as a pure function: given the spec, the status (the recorded move, history, drills) and
/// the time, the next thing to do. One move at a time: while one is recorded it runs to its end and any edit waits.
/// Every move away from where traffic is runs the same checks (ReplicaActive, AgentsAvailable, MinTimeBetweenMoves),
/// drills and dry runs included; only a person's move may skip some, with spec.override, which applies to one move.
/// </summary>
public static class FailoverPlanner
{
    public static FailoverDecision Decide(PlanSnapshot plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (spec, status, now) = (plan.Spec, plan.Status, plan.Now);
        var replicaRegion = spec.Replica.Region;
        var current = status.ActiveRegion ?? plan.PrimaryRegion;

        if (status.InProgress is { } move)
        {
            var held = spec.ActiveRegion != move.ToRegion && move.Kind == MoveKinds.Failover
                ? $"spec.activeRegion {spec.ActiveRegion} waits for the move to {move.ToRegion} to end"
                : null;
            return move.NextStepTime is { } next && next > now.UtcDateTime
                ? new WaitUntil(new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)), move.Step == FailoverSteps.SwitchingRoutingControls
                    ? $"held for an ARC safety rule's wait period: switching the routing controls to {move.ToRegion} at {Format(next)}"
                    : $"gradual shift: {move.ShiftedPercent}% on {move.ToRegion}, next step at {Format(next)}", held)
                : new ContinueMove(move, held);
        }

        if (spec.ActiveRegion != plan.PrimaryRegion && spec.ActiveRegion != replicaRegion)
        {
            return new RefuseMove(FailoverReasons.InvalidTarget,
                $"spec.activeRegion {spec.ActiveRegion} is not one of the plan's regions ({plan.PrimaryRegion}, {replicaRegion})", null);
        }

        if (status.DrillReturnTime is { } returnTime)
        {
            if (spec.ActiveRegion == current)
            {
                return new EndDrillInPlace($"spec.activeRegion is {current}: traffic stays there and the drill ends");
            }
            var returnAt = Utc(returnTime);
            return returnAt > now
                ? new WaitUntil(returnAt, $"drill: traffic stays on {current} until {Format(returnTime)}", null)
                : new StartMove(Move(plan, current, spec.ActiveRegion, MoveKinds.DrillBack), [], null);
        }

        if (spec.ActiveRegion != current)
        {
            if (status.History?.FirstOrDefault() is { Result: MoveResults.Failed } failed
                && failed.ToRegion == spec.ActiveRegion && failed.Generation == plan.Generation)
            {
                return new RefuseMove(FailoverReasons.MoveFailed,
                    $"the move to {spec.ActiveRegion} failed: {failed.Message}; edit the spec (for example spec.override) to try again", null);
            }
            var overrides = UsableOverride(spec, status);
            var skipped = OverrideTerms.SkippedChecks(overrides);
            var spent = overrides.Count == 0 ? SpentOverrideNote(spec, status) : null;
            if (!skipped.Contains(FailoverChecks.MinTimeBetweenMoves) && TooSoon(spec, status, spec.ActiveRegion, now) is { } tooSoon)
            {
                return new RefuseMove(FailoverReasons.TooSoon, WithNote(tooSoon.Message, spent), tooSoon.AllowedAt);
            }
            var failover = Move(plan, current, spec.ActiveRegion, MoveKinds.Failover) with { OverridesUsed = overrides.Count == 0 ? null : [.. overrides] };
            return new StartMove(failover, skipped, null) { Note = spent };
        }

        if (DueDrill(plan) is { } drill)
        {
            var other = current == replicaRegion ? plan.PrimaryRegion : replicaRegion;
            IReadOnlyList<string> failures = TooSoon(spec, status, other, now) is { } tooSoon ? [tooSoon.Message] : [];
            var note = OverrideTerms.Of(spec.Override).Count > 0 ? "spec.override does not apply to drills" : null;
            return drill.DryRun
                ? new DryRunDrill(current, other, drill) { Failures = failures, Note = note }
                : new StartMove(Move(plan, current, other, MoveKinds.DrillOut), [], drill) { Failures = failures, Note = note };
        }
        return new Steady(NextDrillTime(spec.Drill, status.NextDrillTime, now));
    }

    /// <summary>
    /// The next scheduled drill: the recorded time while it is still an occurrence of the schedule (so a due drill is
    /// not skipped), otherwise the schedule's next occurrence after now; none when there is no schedule or it is suspended.
    /// </summary>
    public static DateTimeOffset? NextDrillTime(DrillSpec? drill, DateTime? recorded, DateTimeOffset now)
    {
        if (drill?.Schedule is not { } schedule || drill.Suspend || CronSchedule.TryParse(schedule) is not { } cron)
        {
            return null;
        }
        if (recorded is { } r && cron.GetNextOccurrence(Utc(r).AddSeconds(-1), TimeZoneInfo.Utc) == Utc(r))
        {
            return Utc(r);
        }
        return cron.GetNextOccurrence(now, TimeZoneInfo.Utc);
    }

    /// <summary>The percentage on the target after the next ShiftingTraffic step.</summary>
    public static int NextShiftPercent(FailoverPlanSpec spec, int shiftedPercent)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var step = spec.Shift?.StepPercent is int p and >= 10 and <= 100 ? p - (p % 10) : 100;
        return Math.Min(100, shiftedPercent + step);
    }

    /// <summary>
    /// The overrides the next move of spec.activeRegion uses (in <see cref="OverrideTerms"/>): spec.override, unless a move
    /// already used it (status.spentOverride) and it has not changed since. Drills never use one.
    /// </summary>
    public static IReadOnlyList<string> UsableOverride(FailoverPlanSpec spec, FailoverPlanStatus status)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(status);
        var given = OverrideTerms.Of(spec.Override);
        return given.Count > 0 && status.SpentOverride is { } spent && OverrideTerms.Same(spent, given) ? [] : given;
    }

    /// <summary>Says that spec.override is spent, and what to do, while it still equals status.spentOverride; null otherwise.</summary>
    public static string? SpentOverrideNote(FailoverPlanSpec spec, FailoverPlanStatus status)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(status);
        if (status.SpentOverride is not { Count: > 0 } spent || !OverrideTerms.Same(spent, OverrideTerms.Of(spec.Override)))
        {
            return null;
        }
        var usedBy = status.History?.FirstOrDefault(h => h.Kind == MoveKinds.Failover && h.Result == MoveResults.Succeeded && OverrideTerms.Same(h.OverridesUsed, spent));
        var move = usedBy is { ToRegion: { } to, CompletedTime: { } at } ? $"the move to {to} that completed at {Format(at)}" : "an earlier move";
        return $"spec.override ({string.Join(", ", spent)}) was used by {move} and applies to no other move: remove it; to override this move's checks, set one after removing it";
    }

    /// <summary><paramref name="message"/> with <paramref name="note"/> in parentheses, when there is one.</summary>
    public static string WithNote(string message, string? note) => note is null ? message : $"{message} ({note})";

    private static DrillRecord? DueDrill(PlanSnapshot plan)
    {
        var (drill, status) = (plan.Spec.Drill, plan.Status);
        if (drill is null)
        {
            return null;
        }
        if (drill.RunId is { } runId && runId != status.LastDrill?.RunId)
        {
            return new DrillRecord { RunId = runId, DryRun = drill.DryRun, StartedTime = plan.Now.UtcDateTime, Result = MoveResults.Running };
        }
        return NextDrillTime(drill, status.NextDrillTime, plan.Now) is { } due && due <= plan.Now
            ? new DrillRecord { RunId = drill.RunId, DryRun = drill.DryRun, StartedTime = plan.Now.UtcDateTime, Result = MoveResults.Running }
            : null;
    }

    private static FailoverOperation Move(PlanSnapshot plan, string from, string to, string kind) => new()
    {
        FromRegion = from,
        ToRegion = to,
        Kind = kind,
        StartedTime = plan.Now.UtcDateTime,
        RequestedBy = kind == MoveKinds.Failover ? plan.RequestedBy : "drill",
        Generation = plan.Generation,
        Step = plan.Spec.Arc is null ? FailoverSteps.ShiftingTraffic : FailoverSteps.SwitchingRoutingControls,
    };

    /// <summary>
    /// spec.preconditions.minTimeBetweenMoves against the end of the last move: why a move to <paramref name="target"/>
    /// must wait, and until when; null when it need not.
    /// </summary>
    private static (string Message, DateTimeOffset AllowedAt)? TooSoon(FailoverPlanSpec spec, FailoverPlanStatus status, string target, DateTimeOffset now)
    {
        if (PrometheusDuration.Parse(spec.Preconditions?.MinTimeBetweenMoves) is not { } minimum || LastMoveEnd(status) is not { } lastEnd || lastEnd + minimum <= now)
        {
            return null;
        }
        var allowedAt = lastEnd + minimum;
        return ($"the last move ended at {Format(lastEnd.UtcDateTime)}; spec.preconditions.minTimeBetweenMoves {spec.Preconditions!.MinTimeBetweenMoves} allows the move to {target} at {Format(allowedAt.UtcDateTime)}", allowedAt);
    }

    private static DateTimeOffset? LastMoveEnd(FailoverPlanStatus status) =>
        status.History?.FirstOrDefault(h => h.Result == MoveResults.Succeeded)?.CompletedTime is { } end ? Utc(end) : null;

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static string Format(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
