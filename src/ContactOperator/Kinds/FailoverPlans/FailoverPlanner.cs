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

/// <summary>Check the preconditions of <paramref name="Move"/> (skipping <paramref name="SkippedChecks"/>) and start it if they pass.</summary>
public sealed record StartMove(FailoverOperation Move, IReadOnlyList<string> SkippedChecks, DrillRecord? Drill) : FailoverDecision;

/// <summary>Validate a drill's preconditions and reads without moving traffic.</summary>
public sealed record DryRunDrill(string FromRegion, string ToRegion, DrillRecord Drill) : FailoverDecision;

/// <summary>The move the spec asks for is not allowed (now). <paramref name="RetryAt"/>: when it may happen.</summary>
public sealed record RefuseMove(string Reason, string Message, DateTimeOffset? RetryAt) : FailoverDecision;

/// <summary>A drill's return trip ended with the person's edit: the plan stays where spec.activeRegion says.</summary>
public sealed record EndDrillInPlace(string Message) : FailoverDecision;

/// <summary>
/// The failover state machine as a pure function: given the spec, the status (the recorded move, history, drills) and
/// the time, the next thing to do. One move at a time: while one is recorded it runs to its end and any edit waits.
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
                ? new WaitUntil(new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)), $"gradual shift: {move.ShiftedPercent}% on {move.ToRegion}, next step at {Format(next)}", held)
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
            var skipped = SkippedChecks(spec);
            if (!skipped.Contains(FailoverChecks.MinTimeBetweenMoves)
                && PrometheusDuration.Parse(spec.Preconditions?.MinTimeBetweenMoves) is { } minimum
                && LastMoveEnd(status) is { } lastEnd && lastEnd + minimum > now)
            {
                var allowedAt = lastEnd + minimum;
                return new RefuseMove(FailoverReasons.TooSoon,
                    $"the last move ended at {Format(lastEnd.UtcDateTime)}; spec.preconditions.minTimeBetweenMoves {spec.Preconditions!.MinTimeBetweenMoves} allows the move to {spec.ActiveRegion} at {Format(allowedAt.UtcDateTime)}",
                    allowedAt);
            }
            return new StartMove(Move(plan, current, spec.ActiveRegion, MoveKinds.Failover), skipped, null);
        }

        if (DueDrill(plan) is { } drill)
        {
            var other = current == replicaRegion ? plan.PrimaryRegion : replicaRegion;
            return drill.DryRun
                ? new DryRunDrill(current, other, drill)
                : new StartMove(Move(plan, current, other, MoveKinds.DrillOut), [], drill);
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

    public static IReadOnlyList<string> SkippedChecks(FailoverPlanSpec spec) =>
        spec.Override?.SkipChecks?.Where(c => FailoverChecks.All.Contains(c)).Distinct(StringComparer.Ordinal).ToList() ?? [];

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

    private static DateTimeOffset? LastMoveEnd(FailoverPlanStatus status) =>
        status.History?.FirstOrDefault(h => h.Result == MoveResults.Succeeded)?.CompletedTime is { } end ? Utc(end) : null;

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static string Format(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
