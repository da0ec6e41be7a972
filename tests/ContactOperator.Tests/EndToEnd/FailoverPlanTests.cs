using System.Text.Json.Nodes;
using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Controllers;
using ContactOperator.Kinds.FailoverPlans;
using ContactOperator.Runtime.Reconciliation;

namespace ContactOperator.Tests.EndToEnd;

/// <summary>An SRE fails the contact center over with one kubectl patch, and back once minTimeBetweenMoves allows it.</summary>
public class FailoverPlanTests
{
    public static TheoryData<string> Kubectls => Tools.Kubectls;

    /// <summary>docs/failover.md, "Overrides": the walk-through there, with kubectl 1.32 and 1.35 and the webhooks on.</summary>
    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task An_override_applies_to_the_move_it_came_with_and_the_fail_back_without_one_runs_every_check(string kubectl)
    {
        await using var s = await FailoverScenario.StartAsync(minTimeBetweenMoves: "6s", kubectl: kubectl, webhooks: true,
            failover: new FailoverOptions { WaitPoll = TimeSpan.FromMilliseconds(200), RecheckRefused = TimeSpan.FromMilliseconds(500) });
        s.Aws.ClearQueueLoads(); // an outage: no agent available in either region
        static string? Ready(FailoverPlan p, out string? reason)
        {
            var condition = Conditions.Find(p.Status?.Conditions, ConditionTypes.Ready);
            reason = condition?.Reason;
            return condition?.Message;
        }

        // The failover, with the override in the same patch: it skips AgentsAvailable for this move, and says so.
        var failover = await s.KubectlAsync("patch", "fp", FailoverScenario.Plan, "--type", "merge", "-p",
            """{"spec":{"activeRegion":"us-west-2","override":{"skipChecks":["AgentsAvailable"]}}}""");
        Assert.True(failover.ExitCode == 0, failover.Output);
        var moved = await s.WaitForActiveAsync(FailoverScenario.West, moves: 1);
        Assert.Equal(["skipped AgentsAvailable"], moved.Status!.History![0].OverridesUsed!);
        Assert.Equal(["skipped AgentsAvailable"], moved.Status.SpentOverride!);
        Assert.Equal(["AgentsAvailable"], moved.Spec.Override!.SkipChecks!); // the operator never edits the spec
        Assert.EndsWith("spec.override is spent (status.spentOverride): remove it", Ready(moved, out _), StringComparison.Ordinal);

        // The fail back, without a new override: kubectl warns that the spent one does not apply, and the plan runs
        // every check: first minTimeBetweenMoves...
        var failBack = await s.KubectlAsync("patch", "fp", FailoverScenario.Plan, "--type", "merge", "-p", """{"spec":{"activeRegion":"us-east-1"}}""");
        Assert.True(failBack.ExitCode == 0, failBack.Output);
        Assert.Contains("Warning: spec.override does not apply to this move to us-east-1: spec.override (skipped AgentsAvailable) was used by the move to us-west-2", failBack.Stderr, StringComparison.Ordinal);
        var tooSoon = await s.H.WaitForAsync(Descriptors.FailoverPlan, FailoverScenario.Plan, p => Ready(p, out var r) is not null && r == FailoverReasons.TooSoon);
        Assert.Contains("allows the move to us-east-1 at", Ready(tooSoon, out _), StringComparison.Ordinal);
        Assert.Contains("(spec.override (skipped AgentsAvailable) was used by the move to us-west-2", Ready(tooSoon, out _), StringComparison.Ordinal);

        // ...then, once it allows the move, AgentsAvailable, which the spent override does not skip.
        var unstaffed = await s.H.WaitForAsync(Descriptors.FailoverPlan, FailoverScenario.Plan,
            p => Ready(p, out var r) is not null && r == FailoverReasons.PreconditionFailed, TimeSpan.FromSeconds(30));
        Assert.StartsWith("move from us-west-2 to us-east-1 refused: 0 agents available in us-east-1, spec.preconditions.minAgentsAvailableInTarget is 1", Ready(unstaffed, out _), StringComparison.Ordinal);
        Assert.Equal(FailoverScenario.West, unstaffed.Status!.ActiveRegion);

        // Agents log in at home: the next look moves traffic back, and the history shows no override for that move.
        s.StaffAgents(FailoverScenario.East);
        var home = await s.WaitForActiveAsync(FailoverScenario.East, moves: 2, TimeSpan.FromSeconds(30));
        Assert.Null(home.Status!.History![0].OverridesUsed);
        Assert.Equal(["skipped AgentsAvailable"], home.Status.History[1].OverridesUsed!);

        // Removing the spent override clears status.spentOverride; set again, it applies to the next move.
        var removed = await s.KubectlAsync("patch", "fp", FailoverScenario.Plan, "--type", "json", "-p", """[{"op":"remove","path":"/spec/override"}]""");
        Assert.True(removed.ExitCode == 0, removed.Output);
        await s.H.WaitForAsync(Descriptors.FailoverPlan, FailoverScenario.Plan, p => p.Status?.SpentOverride is null);
    }

    [Fact]
    public async Task Kubectl_patch_fails_over_to_the_replica_and_back_after_min_time_between_moves()
    {
        await using var s = await FailoverScenario.StartAsync(minTimeBetweenMoves: "4s");
        var ready = await s.GetAsync();
        Assert.Equal(FailoverScenario.East, ready!.Status!.ActiveRegion);
        Assert.Equal(("On", "Off"), (s.RoutingControl(ready, FailoverScenario.East), s.RoutingControl(ready, FailoverScenario.West)));
        var columns = await s.KubectlAsync("get", "fp", FailoverScenario.Plan);
        Assert.Matches(@"NAME\s+READY\s+ACTIVE REGION\s+PHASE\s+AGE", columns.Stdout);
        Assert.Matches(@"support-dr\s+True\s+us-east-1\s+Ready", columns.Stdout);

        await s.PatchActiveRegionAsync(FailoverScenario.West);
        var moved = await s.WaitForActiveAsync(FailoverScenario.West, moves: 1);

        var (telephony, agents) = s.Distribution(moved);
        Assert.Equal((100, 0), (telephony[FailoverScenario.West], telephony[FailoverScenario.East]));
        Assert.Equal((100, 0), (agents[FailoverScenario.West], agents[FailoverScenario.East]));
        Assert.Equal(("Off", "On"), (s.RoutingControl(moved, FailoverScenario.East), s.RoutingControl(moved, FailoverScenario.West)));
        var entry = Assert.Single(moved.Status!.History!);
        Assert.Equal((FailoverScenario.East, FailoverScenario.West, MoveResults.Succeeded, "kubectl-patch"), (entry.FromRegion, entry.ToRegion, entry.Result, entry.RequestedBy));
        Assert.Null(entry.OverridesUsed);
        Assert.Equal(1, s.Succeeded("UpdateTrafficDistribution"));
        // The replica is kept in step by ReplicateInstance; the other controllers write to the source region only.
        var writesInReplicaRegion = s.Aws.RequestLog.Where(e => e.Service == "connect" && e.Region == FailoverScenario.West)
            .Select(e => e.Operation).Where(op => !op.StartsWith("Describe", StringComparison.Ordinal) && !op.StartsWith("List", StringComparison.Ordinal) && !op.StartsWith("Get", StringComparison.Ordinal));
        Assert.Equal(["UpdateTrafficDistribution"], writesInReplicaRegion.Distinct());
        columns = await s.KubectlAsync("get", "fp", FailoverScenario.Plan);
        Assert.Matches(@"support-dr\s+True\s+us-west-2\s+Completed", columns.Stdout);
        await s.H.WaitForEventAsync(FailoverScenario.Plan, e => e.Reason == FailoverReasons.MoveCompleted && e.Note!.Contains("telephony and agents 100% on us-west-2", StringComparison.Ordinal));

        await s.PatchActiveRegionAsync(FailoverScenario.East);
        var refused = await s.H.WaitForAsync(Descriptors.FailoverPlan, FailoverScenario.Plan,
            p => Conditions.Find(p.Status?.Conditions, ConditionTypes.Ready)?.Reason == FailoverReasons.TooSoon);
        var condition = Conditions.Find(refused.Status!.Conditions, ConditionTypes.Ready)!;
        var allowedAt = entry.CompletedTime!.Value.AddSeconds(4).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"allows the move to us-east-1 at {allowedAt}", condition.Message, StringComparison.Ordinal);
        Assert.Equal(FailoverScenario.West, refused.Status.ActiveRegion);
        await s.H.WaitForEventAsync(FailoverScenario.Plan, e => e.Reason == FailoverReasons.TooSoon);

        var back = await s.WaitForActiveAsync(FailoverScenario.East, moves: 2, TimeSpan.FromSeconds(30));
        Assert.True(back.Status!.History![0].StartedTime >= entry.CompletedTime!.Value.AddSeconds(4));
        (telephony, agents) = s.Distribution(back, FailoverScenario.East);
        Assert.Equal((100, 100), (telephony[FailoverScenario.East], agents[FailoverScenario.East]));
        Assert.Equal(("On", "Off"), (s.RoutingControl(back, FailoverScenario.East), s.RoutingControl(back, FailoverScenario.West)));
    }

    [Fact]
    public async Task Existing_arc_control_panel_and_routing_control_are_adopted_by_name()
    {
        string? panelArn = null;
        string? eastArn = null;
        await using var s = await FailoverScenario.StartAsync(prepareCluster: (aws, clusterArn) =>
        {
            const string config = "route53-recovery-control-config";
            panelArn = aws.InvokeOutOfBand(config, FailoverScenario.West, "CreateControlPanel", new JsonObject { ["ClusterArn"] = clusterArn, ["ControlPanelName"] = "support-dr" })["ControlPanel"]!["ControlPanelArn"]!.GetValue<string>();
            eastArn = aws.InvokeOutOfBand(config, FailoverScenario.West, "CreateRoutingControl", new JsonObject { ["ClusterArn"] = clusterArn, ["ControlPanelArn"] = panelArn, ["RoutingControlName"] = "support-east" })["RoutingControl"]!["RoutingControlArn"]!.GetValue<string>();
        });

        var plan = (await s.GetAsync())!;
        Assert.Equal(panelArn, plan.Status!.Arc!.ControlPanelArn);
        Assert.Equal(eastArn, plan.Status.Arc.RoutingControls!.Single(c => c.Region == FailoverScenario.East).Arn);
        Assert.Equal((0, 1), (s.Aws.CountOf("CreateControlPanel"), s.Aws.CountOf("CreateRoutingControl")));
        Assert.Equal((1, 1, 1), (s.Aws.CountOf("ReplicateInstance"), s.Aws.CountOf("CreateTrafficDistributionGroup"), s.Aws.CountOf("CreateSafetyRule")));
        Assert.Equal(("On", "Off"), (s.RoutingControl(plan, FailoverScenario.East), s.RoutingControl(plan, FailoverScenario.West)));
        Assert.Equal(new FailoverParts { Replica = "ACTIVE", TrafficDistributionGroup = "ACTIVE", RoutingControls = "Ready" }, plan.Status.Parts);
    }

    [Fact]
    public async Task A_plan_for_an_instance_without_saml_is_refused_before_any_aws_call()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        await h.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: ContactInstance
            metadata: {name: managed}
            spec: {region: us-east-1, identityManagementType: CONNECT_MANAGED, instanceAlias: managed-agents}
            ---
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: FailoverPlan
            metadata: {name: managed-dr}
            spec:
              instanceRef: {name: managed}
              replica: {region: us-west-2, instanceAlias: managed-west}
              trafficDistributionGroup: {name: managed-tdg}
              activeRegion: us-east-1
            """);

        var refused = await h.WaitForAsync(Descriptors.FailoverPlan, "managed-dr",
            p => Conditions.Find(p.Status?.Conditions, ConditionTypes.Ready)?.Reason == FailoverReasons.IdentityNotSaml);

        Assert.Equal("Global Resiliency needs SAML identity management; ContactInstance managed uses CONNECT_MANAGED", Conditions.Find(refused.Status!.Conditions, ConditionTypes.Ready)!.Message);
        Assert.Equal(0, h.Aws.Control.CountOf("ReplicateInstance"));
    }

    [Fact]
    public async Task No_agents_in_the_target_refuses_the_move_until_the_override_skips_that_check()
    {
        await using var s = await FailoverScenario.StartAsync();
        s.Aws.ClearQueueLoads();
        s.Aws.ClearRequestLog();

        await s.PatchActiveRegionAsync(FailoverScenario.West);
        var refused = await s.H.WaitForAsync(Descriptors.FailoverPlan, FailoverScenario.Plan,
            p => Conditions.Find(p.Status?.Conditions, ConditionTypes.Ready)?.Reason == FailoverReasons.PreconditionFailed);
        Assert.Equal("move from us-east-1 to us-west-2 refused: 0 agents available in us-west-2, spec.preconditions.minAgentsAvailableInTarget is 1",
            Conditions.Find(refused.Status!.Conditions, ConditionTypes.Ready)!.Message);
        Assert.Equal((FailoverPhases.Refused, FailoverScenario.East), (refused.Status.Phase, refused.Status.ActiveRegion));
        Assert.Equal(0, s.Aws.CountOf("UpdateRoutingControlStates"));

        var patch = await s.KubectlAsync("patch", "fp", FailoverScenario.Plan, "--type", "merge", "-p", """{"spec":{"override":{"skipChecks":["AgentsAvailable"]}}}""");
        Assert.True(patch.ExitCode == 0, patch.Output);
        var moved = await s.WaitForActiveAsync(FailoverScenario.West, moves: 1);

        Assert.Equal(["skipped AgentsAvailable"], moved.Status!.History![0].OverridesUsed!);
    }
}
