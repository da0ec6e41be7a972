using ContactOperator.Api.Kinds;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>How a move's start, end and failure change the status (pure: copies in, copies out).</summary>
public static class MoveRecords
{
    /// <summary>Most recent moves kept in status.history.</summary>
    public const int HistoryLimit = 20;

    public static FailoverPlanStatus Started(FailoverPlanStatus status, FailoverOperation move, IReadOnlyList<string> overrides, DrillRecord? drill) => status with
    {
        InProgress = move with { OverridesUsed = overrides.Count == 0 ? null : [.. overrides] },
        Phase = drill is null && move.Kind == MoveKinds.Failover ? FailoverPhases.Moving : FailoverPhases.Drilling,
        LastDrill = drill ?? status.LastDrill,
    };

    /// <summary>
    /// The move reached its target: active region, history entry, and for a drill the return time or outcome. An override
    /// the move used is spent: no other move uses it while spec.override says the same.
    /// </summary>
    public static FailoverPlanStatus Completed(FailoverPlanStatus status, FailoverOperation move, DateTimeOffset now, TimeSpan drillDuration)
    {
        var entry = Entry(move, now, MoveResults.Succeeded, $"telephony and agents 100% on {move.ToRegion}");
        var next = status with
        {
            ActiveRegion = move.ToRegion,
            InProgress = null,
            History = Prepend(status.History, entry),
            SpentOverride = move.OverridesUsed is { Count: > 0 } used ? [.. used] : status.SpentOverride,
        };
        return move.Kind switch
        {
            MoveKinds.DrillOut => next with { Phase = FailoverPhases.Drilling, DrillReturnTime = (now + drillDuration).UtcDateTime },
            MoveKinds.DrillBack => next with
            {
                Phase = FailoverPhases.Completed,
                DrillReturnTime = null,
                LastDrill = (status.LastDrill ?? new DrillRecord()) with
                {
                    CompletedTime = now.UtcDateTime,
                    Result = MoveResults.Succeeded,
                    Message = $"moved to {move.FromRegion} and back to {move.ToRegion}",
                },
            },
            _ => next with { Phase = FailoverPhases.Completed },
        };
    }

    /// <summary>The move stopped with an error that retrying will not fix: history says why; the active region is what was verified.</summary>
    public static FailoverPlanStatus Failed(FailoverPlanStatus status, FailoverOperation move, DateTimeOffset now, string message)
    {
        var entry = Entry(move, now, MoveResults.Failed, message);
        var drillFailed = move.Kind != MoveKinds.Failover;
        return status with
        {
            InProgress = null,
            Phase = FailoverPhases.Failed,
            History = Prepend(status.History, entry),
            DrillReturnTime = null,
            LastDrill = drillFailed
                ? (status.LastDrill ?? new DrillRecord()) with { CompletedTime = now.UtcDateTime, Result = MoveResults.Failed, Message = message }
                : status.LastDrill,
        };
    }

    /// <summary>
    /// Forgets the spent override once spec.override no longer says the same (removed or changed), so an override set
    /// again, or a new one, applies to the next move.
    /// </summary>
    public static FailoverPlanStatus WithSpecOverride(FailoverPlanStatus status, FailoverPlanSpec spec)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(spec);
        return status.SpentOverride is { } spent && !OverrideTerms.Same(spent, OverrideTerms.Of(spec.Override)) ? status with { SpentOverride = null } : status;
    }

    private static FailoverRecord Entry(FailoverOperation move, DateTimeOffset now, string result, string message)
    {
        var started = move.StartedTime is { } s ? new DateTimeOffset(DateTime.SpecifyKind(s, DateTimeKind.Utc)) : now;
        return new FailoverRecord
        {
            FromRegion = move.FromRegion,
            ToRegion = move.ToRegion,
            RequestedBy = move.RequestedBy,
            OverridesUsed = move.OverridesUsed,
            StartedTime = started.UtcDateTime,
            CompletedTime = now.UtcDateTime,
            Duration = DurationText.Format(now - started),
            Result = result,
            Message = message,
            Kind = move.Kind,
            Generation = move.Generation,
        };
    }

    private static List<FailoverRecord> Prepend(IList<FailoverRecord>? history, FailoverRecord entry) =>
        [entry, .. (history ?? []).Take(HistoryLimit - 1)];
}
