using System.Text.Json;
using ContactOperator.Api.Kinds;
using ContactOperator.Kinds.FailoverPlans;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace ContactOperator.Tests.Kinds;

/// <summary>The failover state machine: given spec, status and the time, the next step (no AWS, no Kubernetes).</summary>
public class FailoverPlannerTests
{
    private const string East = "us-east-1";
    private const string West = "us-west-2";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    private static FailoverPlanSpec Spec(string active = East, Func<FailoverPlanSpec, FailoverPlanSpec>? change = null)
    {
        var spec = new FailoverPlanSpec
        {
            InstanceRef = new() { Name = "support" },
            Replica = new() { Region = West, InstanceAlias = "support-west" },
            TrafficDistributionGroup = new() { Name = "support-tdg" },
            ActiveRegion = active,
            Arc = new()
            {
                ClusterArn = "arn:aws:route53-recovery-control::123456789012:cluster/c1",
                ControlPanelName = "support",
                RoutingControls = [new() { Region = East, Name = "east" }, new() { Region = West, Name = "west" }],
            },
            Preconditions = new() { MinTimeBetweenMoves = "15m" },
        };
        return change?.Invoke(spec) ?? spec;
    }

    private static FailoverPlanStatus Steady(string active = East) => new() { ActiveRegion = active, Phase = FailoverPhases.Ready };

    private FailoverDecision Decide(FailoverPlanSpec spec, FailoverPlanStatus status, long generation = 2) =>
        FailoverPlanner.Decide(new PlanSnapshot(spec, status, generation, East, clock.GetUtcNow(), "kubectl-patch"));

    private FailoverRecord Moved(string from, string to, TimeSpan ago, string result = MoveResults.Succeeded, long generation = 1) => new()
    {
        FromRegion = from,
        ToRegion = to,
        Result = result,
        StartedTime = (clock.GetUtcNow() - ago - TimeSpan.FromSeconds(2)).UtcDateTime,
        CompletedTime = (clock.GetUtcNow() - ago).UtcDateTime,
        Kind = MoveKinds.Failover,
        Generation = generation,
        Message = "safety rule blocked",
    };

    [Fact]
    public void Spec_matching_the_active_region_is_steady()
    {
        Assert.Equal(new Steady(null), Decide(Spec(), Steady()));
    }

    [Fact]
    public void Editing_the_active_region_starts_a_move_that_switches_routing_controls_first()
    {
        var start = Assert.IsType<StartMove>(Decide(Spec(West), Steady()));

        Assert.Equal((East, West, MoveKinds.Failover, FailoverSteps.SwitchingRoutingControls), (start.Move.FromRegion, start.Move.ToRegion, start.Move.Kind, start.Move.Step));
        Assert.Equal(("kubectl-patch", 2L, clock.GetUtcNow().UtcDateTime), (start.Move.RequestedBy, start.Move.Generation, start.Move.StartedTime));
        Assert.Empty(start.SkippedChecks);
    }

    [Fact]
    public void Without_arc_the_move_starts_with_the_traffic_shift()
    {
        var start = Assert.IsType<StartMove>(Decide(Spec(West, s => s with { Arc = null }), Steady()));
        Assert.Equal(FailoverSteps.ShiftingTraffic, start.Move.Step);
    }

    [Fact]
    public void A_move_before_min_time_between_moves_is_refused_with_the_time_it_may_happen()
    {
        var status = Steady(West) with { History = [Moved(East, West, TimeSpan.FromMinutes(5))] };

        var refused = Assert.IsType<RefuseMove>(Decide(Spec(East), status));

        Assert.Equal(FailoverReasons.TooSoon, refused.Reason);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(10), refused.RetryAt);
        Assert.Contains("allows the move to us-east-1 at 2026-12-01T10:10:00Z", refused.Message, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.IsType<StartMove>(Decide(Spec(East), status));
    }

    [Fact]
    public void Override_skips_min_time_between_moves_and_says_so()
    {
        var status = Steady(West) with { History = [Moved(East, West, TimeSpan.FromMinutes(1))] };
        var spec = Spec(East, s => s with { Override = new() { SkipChecks = [FailoverChecks.MinTimeBetweenMoves, FailoverChecks.ReplicaActive] } });

        var start = Assert.IsType<StartMove>(Decide(spec, status));

        Assert.Equal([FailoverChecks.MinTimeBetweenMoves, FailoverChecks.ReplicaActive], start.SkippedChecks);
        Assert.Equal(["skipped MinTimeBetweenMoves", "skipped ReplicaActive"], start.Move.OverridesUsed!);
    }

    [Fact]
    public void An_override_is_spent_by_the_move_that_used_it_and_the_fail_back_runs_every_check()
    {
        var withOverride = Spec(West, s => s with { Override = new() { SkipChecks = [FailoverChecks.AgentsAvailable] } });
        var failover = Assert.IsType<StartMove>(Decide(withOverride, Steady()));
        Assert.Equal(["skipped AgentsAvailable"], failover.Move.OverridesUsed!);
        clock.Advance(TimeSpan.FromSeconds(1));
        var moved = MoveRecords.Completed(MoveRecords.Started(Steady(), failover.Move, [.. failover.Move.OverridesUsed!], null), failover.Move, clock.GetUtcNow(), TimeSpan.FromMinutes(15));
        Assert.Equal(["skipped AgentsAvailable"], moved.SpentOverride!);
        Assert.Equal(["skipped AgentsAvailable"], moved.History![0].OverridesUsed!);

        // The override is still in the spec (the operator never edits it) but belongs to the move that is over.
        var failBack = withOverride with { ActiveRegion = East };
        var refused = Assert.IsType<RefuseMove>(Decide(failBack, MoveRecords.WithSpecOverride(moved, failBack)));
        Assert.Equal(FailoverReasons.TooSoon, refused.Reason);
        Assert.Contains("spec.override (skipped AgentsAvailable) was used by the move to us-west-2 that completed at 2026-12-01T10:00:01Z and applies to no other move", refused.Message, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(15));
        var back = Assert.IsType<StartMove>(Decide(failBack, moved));
        Assert.Empty(back.SkippedChecks);
        Assert.Null(back.Move.OverridesUsed);
        Assert.Contains("applies to no other move", back.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_override_or_one_removed_and_set_again_applies_to_the_next_move()
    {
        var spent = Steady(West) with { SpentOverride = ["skipped AgentsAvailable"], History = [Moved(East, West, TimeSpan.FromMinutes(1))] };
        var same = Spec(East, s => s with { Override = new() { SkipChecks = [FailoverChecks.AgentsAvailable] } });
        var changed = Spec(East, s => s with { Override = new() { SkipChecks = [FailoverChecks.AgentsAvailable, FailoverChecks.MinTimeBetweenMoves] } });

        Assert.IsType<RefuseMove>(Decide(same, MoveRecords.WithSpecOverride(spent, same)));
        var start = Assert.IsType<StartMove>(Decide(changed, MoveRecords.WithSpecOverride(spent, changed)));
        Assert.Equal(["skipped AgentsAvailable", "skipped MinTimeBetweenMoves"], start.Move.OverridesUsed!);

        var removed = MoveRecords.WithSpecOverride(spent, Spec(West));
        Assert.Null(removed.SpentOverride);
        var again = Assert.IsType<StartMove>(Decide(same with { Preconditions = null }, MoveRecords.WithSpecOverride(removed, same)));
        Assert.Equal(["skipped AgentsAvailable"], again.Move.OverridesUsed!);
    }

    [Fact]
    public void A_failed_move_does_not_spend_its_override_and_safety_rules_come_from_the_move()
    {
        var spec = Spec(West, s => s with { Override = new() { SafetyRulesToOverride = ["change-window"] } });
        var start = Assert.IsType<StartMove>(Decide(spec, Steady()));
        Assert.Equal(["change-window"], OverrideTerms.SafetyRules(start.Move.OverridesUsed));

        var failed = MoveRecords.Failed(MoveRecords.Started(Steady(), start.Move, [.. start.Move.OverridesUsed!], null), start.Move, clock.GetUtcNow(), "blocked");
        Assert.Null(failed.SpentOverride);
        Assert.Equal(["overrode safety rule change-window"], FailoverPlanner.UsableOverride(spec, failed));
    }

    [Fact]
    public void A_failed_move_is_not_retried_until_the_spec_changes()
    {
        var status = Steady() with { Phase = FailoverPhases.Failed, History = [Moved(East, West, TimeSpan.Zero, MoveResults.Failed, generation: 2)] };

        var refused = Assert.IsType<RefuseMove>(Decide(Spec(West), status, generation: 2));
        Assert.Equal((FailoverReasons.MoveFailed, null), (refused.Reason, refused.RetryAt));
        Assert.Contains("safety rule blocked", refused.Message, StringComparison.Ordinal);

        Assert.IsType<StartMove>(Decide(Spec(West), status, generation: 3));
    }

    [Fact]
    public void A_target_outside_the_plan_is_refused_naming_the_field()
    {
        var refused = Assert.IsType<RefuseMove>(Decide(Spec("eu-west-2"), Steady()));
        Assert.Equal("spec.activeRegion eu-west-2 is not one of the plan's regions (us-east-1, us-west-2)", refused.Message);
    }

    [Fact]
    public void A_recorded_move_continues_and_an_edit_during_it_is_held()
    {
        var move = new FailoverOperation { FromRegion = East, ToRegion = West, Kind = MoveKinds.Failover, Step = FailoverSteps.ShiftingTraffic };

        Assert.Equal(new ContinueMove(move, null), Decide(Spec(West), Steady() with { InProgress = move }));
        var held = Assert.IsType<ContinueMove>(Decide(Spec(East), Steady() with { InProgress = move }));
        Assert.Equal("spec.activeRegion us-east-1 waits for the move to us-west-2 to end", held.HeldEdit);
    }

    [Fact]
    public void A_gradual_shift_waits_for_its_pause_then_continues()
    {
        var move = new FailoverOperation
        {
            FromRegion = East, ToRegion = West, Kind = MoveKinds.Failover, Step = FailoverSteps.ShiftingTraffic, ShiftedPercent = 50,
            NextStepTime = (clock.GetUtcNow() + TimeSpan.FromMinutes(2)).UtcDateTime,
        };
        var wait = Assert.IsType<WaitUntil>(Decide(Spec(West), Steady() with { InProgress = move }));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(2), wait.Until);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.IsType<ContinueMove>(Decide(Spec(West), Steady() with { InProgress = move }));
    }

    [Theory]
    [InlineData(100, 0, 100)]
    [InlineData(50, 0, 50)]
    [InlineData(50, 50, 100)]
    [InlineData(30, 90, 100)]
    [InlineData(30, 60, 90)]
    public void Shift_steps_are_multiples_of_ten_ending_at_100(int step, int shifted, int next)
    {
        Assert.Equal(next, FailoverPlanner.NextShiftPercent(Spec(West, s => s with { Shift = new() { StepPercent = step } }), shifted));
    }

    [Fact]
    public void Scheduled_drill_is_due_at_its_cron_time_in_utc()
    {
        var spec = Spec(change: s => s with { Drill = new() { Schedule = "0 3 * * 1", Duration = "15m" } });

        var steady = Assert.IsType<Steady>(Decide(spec, Steady()));
        var monday = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
        Assert.Equal(monday, steady.WakeAt);

        clock.SetUtcNow(monday);
        var drill = Assert.IsType<StartMove>(Decide(spec, Steady() with { NextDrillTime = monday.UtcDateTime }));
        Assert.Equal((East, West, MoveKinds.DrillOut, "drill"), (drill.Move.FromRegion, drill.Move.ToRegion, drill.Move.Kind, drill.Move.RequestedBy));
        Assert.Equal(MoveResults.Running, drill.Drill!.Result);
    }

    [Fact]
    public void Suspended_schedule_has_no_next_drill_but_an_on_demand_run_id_starts_one()
    {
        var spec = Spec(change: s => s with { Drill = new() { Schedule = "0 3 * * 1", Suspend = true } });
        Assert.Equal(new Steady(null), Decide(spec, Steady()));

        var onDemand = spec with { Drill = spec.Drill! with { RunId = "2026-12-01" } };
        var drill = Assert.IsType<StartMove>(Decide(onDemand, Steady()));
        Assert.Equal("2026-12-01", drill.Drill!.RunId);
        Assert.Equal(new Steady(null), Decide(onDemand, Steady() with { LastDrill = new() { RunId = "2026-12-01", Result = MoveResults.Succeeded } }));
    }

    [Fact]
    public void Dry_run_drill_validates_instead_of_moving()
    {
        var spec = Spec(change: s => s with { Drill = new() { RunId = "check", DryRun = true } });
        var dry = Assert.IsType<DryRunDrill>(Decide(spec, Steady()));
        Assert.Equal((East, West, true), (dry.FromRegion, dry.ToRegion, dry.Drill.DryRun));
        Assert.Empty(dry.Failures);
        Assert.Null(dry.Note);
    }

    [Fact]
    public void Drills_and_dry_runs_check_min_time_between_moves_and_ignore_the_override()
    {
        var recent = Steady() with { History = [Moved(West, East, TimeSpan.FromMinutes(5))] };
        var overridden = new FailoverOverride { SkipChecks = [FailoverChecks.MinTimeBetweenMoves, FailoverChecks.AgentsAvailable] };
        var drill = Spec(change: s => s with { Drill = new() { RunId = "q4" }, Override = overridden });
        var dry = drill with { Drill = new() { RunId = "q4-dry", DryRun = true } };
        const string tooSoon = "the last move ended at 2026-12-01T09:55:00Z; spec.preconditions.minTimeBetweenMoves 15m allows the move to us-west-2 at 2026-12-01T10:10:00Z";

        var real = Assert.IsType<StartMove>(Decide(drill, recent));
        Assert.Equal([tooSoon], real.Failures);
        Assert.Equal("spec.override does not apply to drills", real.Note);
        Assert.Empty(real.SkippedChecks);
        Assert.Null(real.Move.OverridesUsed);

        var checkOnly = Assert.IsType<DryRunDrill>(Decide(dry, recent));
        Assert.Equal([tooSoon], checkOnly.Failures);
        Assert.Equal("spec.override does not apply to drills", checkOnly.Note);

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(Assert.IsType<StartMove>(Decide(drill, recent)).Failures);
    }

    [Fact]
    public void Drill_holds_traffic_on_the_replica_for_its_duration_then_moves_back_without_waiting_for_min_time()
    {
        var spec = Spec(change: s => s with { Drill = new() { RunId = "q4", Duration = "15m" } });
        var drilling = Steady(West) with
        {
            Phase = FailoverPhases.Drilling,
            DrillReturnTime = (clock.GetUtcNow() + TimeSpan.FromMinutes(15)).UtcDateTime,
            History = [Moved(East, West, TimeSpan.Zero)],
            LastDrill = new() { RunId = "q4", Result = MoveResults.Running },
        };

        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(15), Assert.IsType<WaitUntil>(Decide(spec, drilling)).Until);

        clock.Advance(TimeSpan.FromMinutes(15));
        var back = Assert.IsType<StartMove>(Decide(spec, drilling));
        Assert.Equal((West, East, MoveKinds.DrillBack), (back.Move.FromRegion, back.Move.ToRegion, back.Move.Kind));
    }

    [Fact]
    public void Setting_the_active_region_to_the_drill_region_ends_the_drill_in_place()
    {
        var drilling = Steady(West) with { DrillReturnTime = (clock.GetUtcNow() + TimeSpan.FromMinutes(5)).UtcDateTime };
        Assert.IsType<EndDrillInPlace>(Decide(Spec(West), drilling));
    }

    [Fact]
    public void Completed_move_records_history_newest_first_and_bounded()
    {
        var move = new FailoverOperation { FromRegion = East, ToRegion = West, Kind = MoveKinds.Failover, StartedTime = clock.GetUtcNow().UtcDateTime, RequestedBy = "alice", OverridesUsed = ["skipped AgentsAvailable"] };
        var full = Steady() with { History = [.. Enumerable.Range(0, MoveRecords.HistoryLimit).Select(_ => Moved(West, East, TimeSpan.FromHours(1)))] };

        clock.Advance(TimeSpan.FromSeconds(1.5));
        var done = MoveRecords.Completed(full with { InProgress = move }, move, clock.GetUtcNow(), TimeSpan.FromMinutes(15));

        Assert.Equal((West, FailoverPhases.Completed, null), (done.ActiveRegion, done.Phase, done.InProgress));
        Assert.Equal(MoveRecords.HistoryLimit, done.History!.Count);
        Assert.Equal(("alice", "1.5s", MoveResults.Succeeded), (done.History[0].RequestedBy, done.History[0].Duration, done.History[0].Result));
        Assert.Equal(["skipped AgentsAvailable"], done.History[0].OverridesUsed!);
    }

    [Fact]
    public void Requested_by_prefers_the_webhook_annotation_then_the_field_manager_of_active_region()
    {
        static V1ManagedFieldsEntry Entry(string manager, string fields, int minute) => new()
        {
            Manager = manager,
            Operation = "Update",
            Time = new DateTime(2026, 12, 1, 10, minute, 0, DateTimeKind.Utc),
            FieldsV1 = JsonDocument.Parse(fields).RootElement,
        };
        var metadata = new V1ObjectMeta
        {
            ManagedFields =
            [
                Entry("kubectl-client-side-apply", """{"f:spec":{"f:instanceRef":{}}}""", 1),
                Entry("kubectl-patch", """{"f:spec":{"f:activeRegion":{}}}""", 2),
                Entry("contact-operator", """{"f:status":{"f:activeRegion":{}}}""", 3),
            ],
        };
        Assert.Equal("kubectl-patch", RequestedBy.Of(metadata));

        metadata.Annotations = new Dictionary<string, string> { [RequestedBy.Annotation] = "alice@example.com" };
        Assert.Equal("alice@example.com", RequestedBy.Of(metadata));
    }

    [Theory]
    [InlineData("15m", 900)]
    [InlineData("1h30m", 5400)]
    [InlineData("500ms", 0.5)]
    public void Durations_parse_like_the_spec_writes_them(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), PrometheusDuration.Parse(text));
    }
}
