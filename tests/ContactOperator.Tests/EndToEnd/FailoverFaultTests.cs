using System.Text.Json.Nodes;
using ContactOperator.Api.Common;
using ContactOperator.Controllers;
using ContactOperator.Emulators.Aws;
using ContactOperator.Emulators.Aws.Faults;
using ContactOperator.Kinds.FailoverPlans;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Tests.EndToEnd;

/// <summary>Failover under faults: the operator stopped mid-move, ARC endpoints down, safety rules, throttling, deletion mid-move.</summary>
public class FailoverFaultTests
{
    private const string East = FailoverScenario.East;
    private const string West = FailoverScenario.West;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData(FailoverSteps.CheckingPreconditions)]
    [InlineData(FailoverSteps.SwitchingRoutingControls)]
    [InlineData(FailoverSteps.ShiftingTraffic)]
    [InlineData(FailoverSteps.Verifying)]
    public async Task Operator_stopped_after_a_step_resumes_without_repeating_a_write(string step)
    {
        // Holds the answer of the step's last AWS call after the call took effect, then stops the operator: the status
        // does not know the step ran (the worst moment for the operator to stop).
        var hold = step switch
        {
            FailoverSteps.CheckingPreconditions => new FaultRule { Operation = "DescribeInstance", Region = West },
            FailoverSteps.SwitchingRoutingControls => new FaultRule { Operation = "UpdateRoutingControlStates" },
            FailoverSteps.ShiftingTraffic => new FaultRule { Operation = "UpdateTrafficDistribution" },
            _ => new FaultRule { Operation = "GetTrafficDistribution", Region = West, Skip = 1 },
        } with { AfterEffect = true, Latency = TimeSpan.FromHours(1) };
        await using var s = await FailoverScenario.StartAsync(failover: new FailoverOptions { WaitPoll = Poll });
        s.Aws.ClearRequestLog();
        var held = s.Aws.InjectFault(hold);

        await s.PatchActiveRegionAsync(West);
        await Eventually.TrueAsync(() => s.Aws.TimesApplied(held) >= 1, $"the {step} step's call took effect", TimeSpan.FromSeconds(30));
        await s.H.StopOperatorAsync();
        s.Aws.ClearFaults();
        var stopped = (await s.GetAsync())!;
        Assert.Equal(step == FailoverSteps.CheckingPreconditions ? null : step, stopped.Status!.InProgress?.Step);
        var writesBeforeRestart = (s.Succeeded("UpdateRoutingControlStates"), s.Succeeded("UpdateTrafficDistribution"));

        await s.H.StartOperatorAsync();
        var moved = await s.WaitForActiveAsync(West, moves: 1);

        Assert.Equal(step switch
        {
            FailoverSteps.CheckingPreconditions => (false, false),
            FailoverSteps.SwitchingRoutingControls => (true, false),
            _ => (true, true),
        }, (writesBeforeRestart.Item1 > 0, writesBeforeRestart.Item2 > 0));
        // The restarted operator repeats no write that took effect before the stop. (ARC's client may itself have sent
        // its idempotent UpdateRoutingControlStates to a second cluster endpoint when the first held its answer.)
        Assert.Equal(Math.Max(writesBeforeRestart.Item1, 1), s.Succeeded("UpdateRoutingControlStates"));
        Assert.Equal(Math.Max(writesBeforeRestart.Item2, 1), s.Succeeded("UpdateTrafficDistribution"));
        Assert.Equal(MoveResults.Succeeded, Assert.Single(moved.Status!.History!).Result);
        Assert.Equal(100, s.Distribution(moved).Telephony[West]);
    }

    [Fact]
    public async Task Four_of_five_arc_endpoints_down_still_fail_over()
    {
        await using var s = await FailoverScenario.StartAsync();
        for (var i = 0; i < 4; i++)
        {
            s.Aws.TakeArcEndpointDown(s.ClusterArn, i);
        }
        s.Aws.ClearRequestLog();

        await s.PatchActiveRegionAsync(West);
        var moved = await s.WaitForActiveAsync(West, moves: 1);

        Assert.Equal(("Off", "On"), (s.RoutingControl(moved, East), s.RoutingControl(moved, West)));
        var dataPlane = s.Aws.RequestLog.Where(e => e.ArcEndpoint is not null).ToList();
        Assert.Equal(4, dataPlane.Where(e => e.ErrorCode == "EndpointTemporarilyUnavailableException").Select(e => e.ArcEndpoint!.Index).Distinct().Count());
        Assert.All(dataPlane.Where(e => e.ErrorCode is null), e => Assert.Equal(4, e.ArcEndpoint!.Index));
        Assert.Equal(1, s.Succeeded("UpdateRoutingControlStates"));
    }

    [Fact]
    public async Task A_move_inside_a_safety_rules_wait_period_is_held_until_it_ends_and_then_done()
    {
        await using var s = await FailoverScenario.StartAsync(minTimeBetweenMoves: "1s", arcRules: "    - {name: calm, type: Assertion, minOn: 1, waitPeriodMs: 4000}");
        await s.PatchActiveRegionAsync(West);
        await s.WaitForActiveAsync(West, moves: 1);

        // Failing back right away asks ARC for a change inside calm's 4 s wait period: held, not failed.
        await s.PatchActiveRegionAsync(East);
        var holding = await s.H.WaitForAsync(Descriptors.FailoverPlan, FailoverScenario.Plan,
            p => Conditions.Find(p.Status?.Conditions, ConditionTypes.Ready)?.Reason == FailoverReasons.SafetyRuleWaitPeriod);
        var condition = Conditions.Find(holding.Status!.Conditions, ConditionTypes.Ready)!;
        Assert.Contains("ARC safety rule calm refuses routing-control changes for", condition.Message, StringComparison.Ordinal);
        Assert.Contains("switching again at", condition.Message, StringComparison.Ordinal);
        Assert.Equal(FailoverSteps.SwitchingRoutingControls, holding.Status.InProgress!.Step);

        var back = await s.WaitForActiveAsync(East, moves: 2, TimeSpan.FromSeconds(60));
        Assert.All(back.Status!.History!, h => Assert.Equal(MoveResults.Succeeded, h.Result));
        Assert.Equal(("On", "Off"), (s.RoutingControl(back, East), s.RoutingControl(back, West)));
        await s.H.WaitForEventAsync(FailoverScenario.Plan, e => e.Reason == FailoverReasons.SafetyRuleWaitPeriod);
    }

    [Fact]
    public async Task Safety_rule_blocks_the_move_with_a_clear_condition_until_the_spec_overrides_it()
    {
        await using var s = await FailoverScenario.StartAsync(arcRules: "    - {name: change-window, type: Gating, gatingControlName: change-window-open, waitPeriodMs: 0}");
        s.Aws.ClearRequestLog();

        await s.PatchActiveRegionAsync(West);
        var blocked = await s.H.WaitForAsync(Descriptors.FailoverPlan, FailoverScenario.Plan,
            p => Conditions.Find(p.Status?.Conditions, ConditionTypes.Ready)?.Reason == FailoverReasons.SafetyRuleBlocked);

        var condition = Conditions.Find(blocked.Status!.Conditions, ConditionTypes.Ready)!;
        Assert.Contains("an ARC safety rule blocked switching the routing controls to us-west-2", condition.Message, StringComparison.Ordinal);
        Assert.Contains("(change-window)", condition.Message, StringComparison.Ordinal);
        Assert.Equal((FailoverPhases.Failed, East), (blocked.Status.Phase, blocked.Status.ActiveRegion));
        Assert.Equal(MoveResults.Failed, Assert.Single(blocked.Status.History!).Result);
        Assert.Equal(0, s.Aws.CountOf("UpdateTrafficDistribution"));
        Assert.Equal(("On", "Off"), (s.RoutingControl(blocked, East), s.RoutingControl(blocked, West)));
        Assert.Equal(100, s.Distribution(blocked).Telephony[East]);
        await s.H.WaitForEventAsync(FailoverScenario.Plan, e => e.Reason == FailoverReasons.SafetyRuleBlocked);
        Assert.Equal(1, s.Aws.CountOf("UpdateRoutingControlStates"));

        var overridePatch = await s.KubectlAsync("patch", "failoverplan", FailoverScenario.Plan, "--type", "merge", "-p", """{"spec":{"override":{"safetyRulesToOverride":["change-window"]}}}""");
        Assert.True(overridePatch.ExitCode == 0, overridePatch.Output);
        var moved = await s.WaitForActiveAsync(West, moves: 2);

        Assert.Equal(["overrode safety rule change-window"], moved.Status!.History![0].OverridesUsed!);
        Assert.Equal(("Off", "On"), (s.RoutingControl(moved, East), s.RoutingControl(moved, West)));

        // deletionPolicy Delete (the default) removes what the plan created in ARC, gating control included.
        await s.H.Resources(Descriptors.FailoverPlan).DeleteAsync(new ObjectKey(ContactCenterHarness.Namespace, FailoverScenario.Plan));
        await s.H.WaitGoneAsync(Descriptors.FailoverPlan, FailoverScenario.Plan);
        Assert.Equal((2, 3, 1), (s.Succeeded("DeleteSafetyRule"), s.Succeeded("DeleteRoutingControl"), s.Succeeded("DeleteControlPanel")));
    }

    [Fact]
    public async Task Throttling_mid_failover_is_retried_and_the_move_completes()
    {
        await using var s = await FailoverScenario.StartAsync();
        s.Aws.ClearRequestLog();
        s.Aws.InjectFault(new FaultRule { Service = "connect", Operation = "UpdateTrafficDistribution", ErrorCode = "ThrottlingException", Count = 4 });

        await s.PatchActiveRegionAsync(West);
        var moved = await s.WaitForActiveAsync(West, moves: 1);

        Assert.Equal(4, s.Aws.CountOf("UpdateTrafficDistribution", "ThrottlingException"));
        Assert.Equal(1, s.Succeeded("UpdateTrafficDistribution"));
        Assert.Equal(1, s.Succeeded("UpdateRoutingControlStates"));
        Assert.Equal((100, 100), (s.Distribution(moved).Telephony[West], s.Distribution(moved).Agents[West]));
    }

    [Fact]
    public async Task Gradual_shift_pauses_between_steps_and_deleting_the_plan_mid_move_waits_for_the_move_to_end()
    {
        await using var s = await FailoverScenario.StartAsync(extraSpec: "  shift: {stepPercent: 50, pause: 2s}");
        s.Aws.ClearRequestLog();

        await s.PatchActiveRegionAsync(West);
        var halfway = await s.H.WaitForAsync(Descriptors.FailoverPlan, FailoverScenario.Plan, p => p.Status?.InProgress?.ShiftedPercent == 50);
        var (telephony, agents) = s.Distribution(halfway);
        Assert.Equal((50, 50, 50, 50), (telephony[East], telephony[West], agents[East], agents[West]));
        var groupId = halfway.Status!.TrafficDistributionGroupId!;
        var replicaId = halfway.Status.ReplicaInstanceId!;

        await s.PatchActiveRegionAsync(East);
        var held = await s.H.WaitForAsync(Descriptors.FailoverPlan, FailoverScenario.Plan,
            p => Conditions.Find(p.Status?.Conditions, ConditionTypes.Ready)?.Reason == FailoverReasons.EditHeld);
        Assert.Contains("spec.activeRegion us-east-1 waits for the move to us-west-2 to end", Conditions.Find(held.Status!.Conditions, ConditionTypes.Ready)!.Message, StringComparison.Ordinal);
        Assert.Equal(West, held.Status.InProgress!.ToRegion);

        await s.H.Resources(Descriptors.FailoverPlan).DeleteAsync(new ObjectKey(ContactCenterHarness.Namespace, FailoverScenario.Plan));
        var deleting = (await s.GetAsync())!;
        Assert.NotNull(deleting.Metadata.DeletionTimestamp);
        Assert.NotNull(deleting.Status!.InProgress);
        await s.H.WaitGoneAsync(Descriptors.FailoverPlan, FailoverScenario.Plan);

        Assert.Equal(2, s.Succeeded("UpdateTrafficDistribution"));
        Assert.Equal(1, s.Succeeded("DeleteTrafficDistributionGroup"));
        Assert.Equal(0, s.Aws.CountOf("DeleteInstance"));
        Assert.NotNull(s.Aws.GetInstance(West, replicaId));
        var gone = Assert.Throws<AwsEmulatorCallException>(() => s.Aws.InvokeOutOfBand("connect", East, "DescribeTrafficDistributionGroup", new JsonObject { ["TrafficDistributionGroupId"] = groupId }));
        Assert.Equal("ResourceNotFoundException", gone.ErrorCode);
    }
}
