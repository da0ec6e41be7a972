using ContactOperator.Controllers;
using ContactOperator.Kinds.FailoverPlans;

namespace ContactOperator.Tests.EndToEnd;

/// <summary>Drills a person starts with kubectl: to the replica and back after the drill's duration, or a dry run that moves nothing.</summary>
public class FailoverDrillTests
{
    [Fact]
    public async Task On_demand_drill_moves_to_the_replica_and_back_and_metrics_show_it()
    {
        await using var s = await FailoverScenario.StartAsync();
        s.Aws.ClearRequestLog();

        var patch = await s.KubectlAsync("patch", "failoverplan", FailoverScenario.Plan, "--type", "merge", "-p", """{"spec":{"drill":{"runId":"q4-2026","duration":"1s"}}}""");
        Assert.True(patch.ExitCode == 0, patch.Output);
        var drilled = await s.H.WaitForAsync(Descriptors.FailoverPlan, FailoverScenario.Plan,
            p => p.Status?.LastDrill is { RunId: "q4-2026", Result: MoveResults.Succeeded } && p.Status.InProgress is null, TimeSpan.FromSeconds(30));

        Assert.Equal(FailoverScenario.East, drilled.Status!.ActiveRegion);
        Assert.Equal([(MoveKinds.DrillBack, "us-west-2", "us-east-1"), (MoveKinds.DrillOut, "us-east-1", "us-west-2")],
            drilled.Status.History!.Select(h => (h.Kind, h.FromRegion, h.ToRegion)));
        Assert.True(drilled.Status.History![0].StartedTime >= drilled.Status.History[1].CompletedTime!.Value.AddSeconds(1));
        Assert.Equal(2, s.Succeeded("UpdateTrafficDistribution"));
        Assert.Equal(2, s.Succeeded("UpdateRoutingControlStates"));
        Assert.Null(drilled.Status.NextDrillTime);
        await s.H.WaitForEventAsync(FailoverScenario.Plan, e => e.Reason == FailoverReasons.DrillCompleted);

        var metrics = await s.H.ScrapeMetricsAsync();
        Assert.Contains("contact_operator_failovers_total{result=\"Succeeded\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("contact_operator_failover_duration_seconds_count{kind=\"DrillOut\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("contact_center_failover_active_region{connect_namespace=\"default\",plan=\"support-dr\",region=\"us-east-1\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("contact_center_failover_active_region{connect_namespace=\"default\",plan=\"support-dr\",region=\"us-west-2\"} 0", metrics, StringComparison.Ordinal);
        var metricsFile = Path.Combine(s.KubectlEnv["HOME"], "metrics.txt");
        await File.WriteAllTextAsync(metricsFile, metrics);
        var promtool = await ChildProcess.RunAsync("/bin/sh", ["-c", $"promtool check metrics < '{metricsFile}'"]);
        Assert.True(promtool.ExitCode == 0 && promtool.Output.Trim().Length == 0, $"promtool findings:\n{promtool.Output}");
    }

    [Fact]
    public async Task Dry_run_drill_checks_everything_and_moves_nothing()
    {
        await using var s = await FailoverScenario.StartAsync();
        s.Aws.ClearRequestLog();

        var patch = await s.KubectlAsync("patch", "failoverplan", FailoverScenario.Plan, "--type", "merge", "-p", """{"spec":{"drill":{"runId":"dry-1","dryRun":true}}}""");
        Assert.True(patch.ExitCode == 0, patch.Output);
        var checkedPlan = await s.H.WaitForAsync(Descriptors.FailoverPlan, FailoverScenario.Plan, p => p.Status?.LastDrill?.RunId == "dry-1");

        Assert.Equal(MoveResults.DryRunPassed, checkedPlan.Status!.LastDrill!.Result);
        Assert.Contains("would start now", checkedPlan.Status.LastDrill.Message, StringComparison.Ordinal);
        Assert.Equal(0, s.Aws.CountOf("UpdateTrafficDistribution"));
        Assert.Equal(0, s.Aws.CountOf("UpdateRoutingControlStates"));
        Assert.True(s.Aws.CountOf("GetCurrentMetricData") >= 1);
        Assert.True(s.Aws.CountOf("GetRoutingControlState") >= 1);
        Assert.Null(checkedPlan.Status.History);
    }

    [Fact]
    public async Task Drills_and_dry_runs_run_the_checks_a_failover_runs_and_ignore_the_override()
    {
        await using var s = await FailoverScenario.StartAsync();
        await s.PatchActiveRegionAsync(FailoverScenario.West);
        await s.WaitForActiveAsync(FailoverScenario.West, moves: 1);
        s.Aws.ClearRequestLog();

        // Right after a move, a dry run reports the too-recent move next to the checks it reads from AWS...
        var dry = await s.KubectlAsync("patch", "failoverplan", FailoverScenario.Plan, "--type", "merge", "-p",
            """{"spec":{"drill":{"runId":"dry-2","dryRun":true},"override":{"skipChecks":["MinTimeBetweenMoves"]}}}""");
        Assert.True(dry.ExitCode == 0, dry.Output);
        var checkedPlan = await s.H.WaitForAsync(Descriptors.FailoverPlan, FailoverScenario.Plan, p => p.Status?.LastDrill?.RunId == "dry-2");
        Assert.Equal(MoveResults.Failed, checkedPlan.Status!.LastDrill!.Result);
        Assert.Matches(@"^dry run: a drill from us-west-2 to us-east-1 would not start: the last move ended at \S+; spec\.preconditions\.minTimeBetweenMoves 1h allows the move to us-east-1 at \S+ \(spec\.override does not apply to drills\)$",
            checkedPlan.Status.LastDrill.Message);

        // ...and a drill is refused for the same reason, before any write.
        var drill = await s.KubectlAsync("patch", "failoverplan", FailoverScenario.Plan, "--type", "merge", "-p", """{"spec":{"drill":{"runId":"now","dryRun":false}}}""");
        Assert.True(drill.ExitCode == 0, drill.Output);
        var refused = await s.H.WaitForAsync(Descriptors.FailoverPlan, FailoverScenario.Plan, p => p.Status?.LastDrill?.RunId == "now" && p.Status.LastDrill.Result != MoveResults.Running);
        Assert.Equal(MoveResults.Failed, refused.Status!.LastDrill!.Result);
        Assert.StartsWith("move from us-west-2 to us-east-1 refused: the last move ended at", refused.Status.LastDrill.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0), (s.Aws.CountOf("UpdateTrafficDistribution"), s.Aws.CountOf("UpdateRoutingControlStates")));
        Assert.Equal(FailoverScenario.West, refused.Status.ActiveRegion);
    }

    [Fact]
    public async Task Scheduled_drill_time_is_in_status()
    {
        await using var s = await FailoverScenario.StartAsync();

        var patch = await s.KubectlAsync("patch", "failoverplan", FailoverScenario.Plan, "--type", "merge", "-p", """{"spec":{"drill":{"suspend":false}}}""");
        Assert.True(patch.ExitCode == 0, patch.Output);
        var scheduled = await s.H.WaitForAsync(Descriptors.FailoverPlan, FailoverScenario.Plan, p => p.Status?.NextDrillTime is not null);

        var next = scheduled.Status!.NextDrillTime!.Value;
        Assert.Equal((DayOfWeek.Monday, 3, 0), (next.DayOfWeek, next.Hour, next.Minute));
        Assert.InRange(next, DateTime.UtcNow, DateTime.UtcNow.AddDays(7));
    }
}
