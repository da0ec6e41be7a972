using System.Text.Json.Nodes;
using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Arc.DataPlane;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;
using ContactOperator.Emulators.Aws;
using ContactOperator.Emulators.Aws.Faults;
using ControlConfig = ContactOperator.Aws.Arc;

namespace ContactOperator.Aws.Tests.Scenarios;

/// <summary>Route 53 ARC control configuration and the routing-control data plane, against the emulator.</summary>
public sealed class ArcScenarioTests
{
    private sealed record Setup(string ClusterArn, IReadOnlyList<ClusterEndpoint> Endpoints, string PanelArn, string East, string West, string RuleArn);

    [Fact]
    public async Task Control_configuration_lifecycle_and_main_errors()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var config = aws.ArcConfig();
        var setup = await CreateAsync(aws, config);

        var cluster = (await aws.Run(() => config.DescribeClusterAsync(new DescribeClusterRequest { ClusterArn = setup.ClusterArn }))).Cluster!;
        Assert.Equal(("dr-cluster", "DEPLOYED", 5), (cluster.Name, cluster.Status, cluster.ClusterEndpoints!.Count));
        var panels = await aws.Run(() => config.ListControlPanelsAllAsync(new ListControlPanelsRequest { ClusterArn = setup.ClusterArn }).ToListAsync().AsTask());
        Assert.Contains(panels, p => p.ControlPanelArn == setup.PanelArn && p.Name == "connect-failover" && p.RoutingControlCount == 2);
        var controls = await aws.Run(() => config.ListRoutingControlsAllAsync(new ControlConfig.ListRoutingControlsRequest { ControlPanelArn = setup.PanelArn }).ToListAsync().AsTask());
        Assert.Equal(["east-cell", "west-cell"], controls.Select(c => c.Name).Order());
        var rules = await aws.Run(() => config.ListSafetyRulesAllAsync(new ListSafetyRulesRequest { ControlPanelArn = setup.PanelArn }).ToListAsync().AsTask());
        var rule = Assert.Single(rules).ASSERTION!;
        Assert.Equal((setup.RuleArn, 1, "ATLEAST", 2), (rule.SafetyRuleArn, rule.RuleConfig.Threshold, rule.RuleConfig.Type, rule.AssertedControls.Count));

        var panelInUse = await aws.Fails(() => config.DeleteControlPanelAsync(new DeleteControlPanelRequest { ControlPanelArn = setup.PanelArn }));
        Assert.Equal(("ConflictException", AwsErrorClass.Conflict), (panelInUse.ErrorCode, panelInUse.Class));
        var duplicate = await aws.Fails(() => config.CreateRoutingControlAsync(new CreateRoutingControlRequest { ClusterArn = setup.ClusterArn, ControlPanelArn = setup.PanelArn, RoutingControlName = "east-cell" }));
        Assert.Equal(AwsErrorClass.Conflict, duplicate.Class);

        await aws.Run(() => config.DeleteSafetyRuleAsync(new DeleteSafetyRuleRequest { SafetyRuleArn = setup.RuleArn }));
        await aws.Run(() => config.DeleteRoutingControlAsync(new DeleteRoutingControlRequest { RoutingControlArn = setup.East }));
        await aws.Run(() => config.DeleteRoutingControlAsync(new DeleteRoutingControlRequest { RoutingControlArn = setup.West }));
        await aws.Run(() => config.DeleteControlPanelAsync(new DeleteControlPanelRequest { ControlPanelArn = setup.PanelArn }));
        OutOfBand(aws, "DeleteCluster", new JsonObject { ["ClusterArn"] = setup.ClusterArn });
        await aws.WaitForAsync(async () =>
        {
            try
            {
                await config.DescribeClusterAsync(new DescribeClusterRequest { ClusterArn = setup.ClusterArn });
                return false;
            }
            catch (AwsServiceException e) when (e.Class == AwsErrorClass.NotFound)
            {
                return true;
            }
        }, "cluster deleted");
    }

    [Fact]
    public async Task Routing_control_states_with_safety_rules_and_override()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var setup = await CreateAsync(aws, aws.ArcConfig());
        var data = aws.ArcCluster(setup.Endpoints);

        await aws.Run(() => data.UpdateRoutingControlStatesAsync(new UpdateRoutingControlStatesRequest
        {
            UpdateRoutingControlStateEntries =
            [
                new UpdateRoutingControlStateEntry { RoutingControlArn = setup.East, RoutingControlState = RoutingControlState.On },
                new UpdateRoutingControlStateEntry { RoutingControlArn = setup.West, RoutingControlState = RoutingControlState.On },
            ],
        }));
        var state = await aws.Run(() => data.GetRoutingControlStateAsync(new GetRoutingControlStateRequest { RoutingControlArn = setup.East }));
        Assert.Equal((RoutingControlState.On, "east-cell"), (state.RoutingControlState, state.RoutingControlName));
        aws.Clock.Advance(TimeSpan.FromSeconds(6)); // past the rule's 5 s wait period

        await aws.Run(() => data.UpdateRoutingControlStatesAsync(One(setup.East, RoutingControlState.Off)));
        aws.Clock.Advance(TimeSpan.FromSeconds(6));
        var blocked = await aws.Fails(() => data.UpdateRoutingControlStatesAsync(One(setup.West, RoutingControlState.Off)));
        Assert.Equal(("ConflictException", AwsErrorClass.Conflict), (blocked.ErrorCode, blocked.Class));
        Assert.Contains(setup.RuleArn, blocked.AwsMessage, StringComparison.Ordinal);
        Assert.Equal(1, blocked.Attempts); // a safety rule's answer is the same on every endpoint: not rotated

        await aws.Run(() => data.UpdateRoutingControlStatesAsync(One(setup.West, RoutingControlState.Off) with { SafetyRulesToOverride = [setup.RuleArn] }));
        foreach (var control in new[] { setup.East, setup.West })
        {
            Assert.Equal(RoutingControlState.Off, (await aws.Run(() => data.GetRoutingControlStateAsync(new GetRoutingControlStateRequest { RoutingControlArn = control }))).RoutingControlState);
        }

        var unknown = await aws.Fails(() => data.GetRoutingControlStateAsync(new GetRoutingControlStateRequest { RoutingControlArn = setup.East + "x" }));
        Assert.Equal(AwsErrorClass.NotFound, unknown.Class);
        var tooMany = await aws.Fails(() => data.UpdateRoutingControlStatesAsync(new UpdateRoutingControlStatesRequest
        {
            UpdateRoutingControlStateEntries = Enumerable.Range(0, 11).Select(_ => new UpdateRoutingControlStateEntry { RoutingControlArn = setup.East, RoutingControlState = RoutingControlState.On }).ToList(),
        }));
        Assert.Equal(("ServiceLimitExceededException", AwsErrorClass.QuotaExceeded), (tooMany.ErrorCode, tooMany.Class));
    }

    [Theory]
    [InlineData(ArcEndpointOutageMode.Unavailable)]
    [InlineData(ArcEndpointOutageMode.ConnectionReset)]
    [InlineData(ArcEndpointOutageMode.Blackhole)]
    public async Task Update_succeeds_with_four_of_five_cluster_endpoints_down(ArcEndpointOutageMode mode)
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var setup = await CreateAsync(aws, aws.ArcConfig());
        for (var i = 0; i < 4; i++)
        {
            aws.Emulator.Control.TakeArcEndpointDown(setup.ClusterArn, i, mode);
        }

        var data = aws.ArcCluster(setup.Endpoints);
        aws.Emulator.Control.ClearRequestLog();
        // A black hole keeps a request in flight until the client gives up, so let the clock run freely here.
        await TestClients.RunWithClockAsync(aws.Clock, () => data.UpdateRoutingControlStatesAsync(One(setup.East, RoutingControlState.On)));

        Assert.Equal("On", aws.Emulator.Control.GetRoutingControlState(setup.East));
        var served = aws.Emulator.Control.RequestLog.Where(e => e.Operation == "UpdateRoutingControlStates" && e.ErrorCode is null).ToList();
        Assert.Equal(4, Assert.Single(served).ArcEndpoint!.Index);

        // the next call goes straight to the endpoint that answered
        aws.Emulator.Control.ClearRequestLog();
        var state = await aws.Run(() => data.GetRoutingControlStateAsync(new GetRoutingControlStateRequest { RoutingControlArn = setup.East }));
        Assert.Equal(RoutingControlState.On, state.RoutingControlState);
        Assert.Equal(4, Assert.Single(aws.Emulator.Control.RequestLog).ArcEndpoint!.Index);
    }

    [Fact]
    public async Task All_five_endpoints_down_is_a_transient_error()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var setup = await CreateAsync(aws, aws.ArcConfig());
        for (var i = 0; i < 5; i++)
        {
            aws.Emulator.Control.TakeArcEndpointDown(setup.ClusterArn, i);
        }

        var error = await aws.Fails(() => aws.ArcCluster(setup.Endpoints).GetRoutingControlStateAsync(new GetRoutingControlStateRequest { RoutingControlArn = setup.East }));

        Assert.Equal(("EndpointTemporarilyUnavailableException", AwsErrorClass.Transient, 5), (error.ErrorCode, error.Class, error.Attempts));
    }

    [Fact]
    public async Task Gating_rule_and_main_errors()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var config = aws.ArcConfig();
        var setup = await CreateAsync(aws, config);
        var gate = (await aws.Run(() => config.CreateRoutingControlAsync(new CreateRoutingControlRequest { ClusterArn = setup.ClusterArn, ControlPanelArn = setup.PanelArn, RoutingControlName = "gate" }))).RoutingControl!.RoutingControlArn!;
        var gating = await aws.Run(() => config.CreateSafetyRuleAsync(new CreateSafetyRuleRequest
        {
            GatingRule = new NewGatingRule
            {
                Name = "gated",
                ControlPanelArn = setup.PanelArn,
                GatingControls = [gate],
                TargetControls = [setup.East, setup.West],
                WaitPeriodMs = 0,
                RuleConfig = new RuleConfig { Type = RuleType.Or, Threshold = 1, Inverted = false },
            },
        }));
        Assert.Equal([gate], gating.GatingRule!.GatingControls);
        var kinds = await aws.Run(() => config.ListSafetyRulesAllAsync(new ListSafetyRulesRequest { ControlPanelArn = setup.PanelArn }).ToListAsync().AsTask());
        Assert.Equal(1, kinds.Count(r => r.GATING is not null));
        var data = aws.ArcCluster(setup.Endpoints);

        // the gate is Off, so the target controls cannot change
        var gated = await aws.Fails(() => data.UpdateRoutingControlStatesAsync(One(setup.East, RoutingControlState.On)));
        Assert.Equal(("ConflictException", 409, AwsErrorClass.Conflict), (gated.ErrorCode, gated.HttpStatusCode, gated.Class));
        var badState = await aws.Fails(() => data.UpdateRoutingControlStatesAsync(One(setup.East, "Maybe")));
        Assert.Equal(("ValidationException", 400, AwsErrorClass.InvalidInput), (badState.ErrorCode, badState.HttpStatusCode, badState.Class));

        var unknownCluster = await aws.Fails(() => config.DescribeClusterAsync(new DescribeClusterRequest { ClusterArn = "arn:aws:route53-recovery-control::123456789012:cluster/nope" }));
        Assert.Equal(("ResourceNotFoundException", 404, AwsErrorClass.NotFound), (unknownCluster.ErrorCode, unknownCluster.HttpStatusCode, unknownCluster.Class));
        var duplicatePanel = await aws.Fails(() => config.CreateControlPanelAsync(new CreateControlPanelRequest { ClusterArn = setup.ClusterArn, ControlPanelName = "connect-failover" }));
        Assert.Equal(("ConflictException", 409), (duplicatePanel.ErrorCode, duplicatePanel.HttpStatusCode));
        var usedByRule = await aws.Fails(() => config.DeleteRoutingControlAsync(new DeleteRoutingControlRequest { RoutingControlArn = setup.East }));
        Assert.Equal(("ConflictException", AwsErrorClass.Conflict), (usedByRule.ErrorCode, usedByRule.Class));
        var clusterInUse = Assert.Throws<AwsEmulatorCallException>(() => OutOfBand(aws, "DeleteCluster", new JsonObject { ["ClusterArn"] = setup.ClusterArn }));
        Assert.Equal("ConflictException", clusterInUse.ErrorCode);
        await aws.Run(() => config.DeleteSafetyRuleAsync(new DeleteSafetyRuleRequest { SafetyRuleArn = gating.GatingRule.SafetyRuleArn }));
        var left = await aws.Run(() => config.ListSafetyRulesAllAsync(new ListSafetyRulesRequest { ControlPanelArn = setup.PanelArn }).ToListAsync().AsTask());
        Assert.DoesNotContain(left, r => r.GATING?.SafetyRuleArn == gating.GatingRule.SafetyRuleArn);
    }

    private static UpdateRoutingControlStatesRequest One(string control, string state) =>
        new() { UpdateRoutingControlStateEntries = [new UpdateRoutingControlStateEntry { RoutingControlArn = control, RoutingControlState = state }] };

    /// <summary>
    /// A call the operator's clients do not have (they have only the operations the operator declares): the cluster is
    /// the user's, made in the console.
    /// </summary>
    private static JsonObject OutOfBand(EmulatorHarness aws, string operation, JsonObject input) =>
        aws.Emulator.Control.InvokeOutOfBand("route53-recovery-control-config", "us-west-2", operation, input);

    private static async Task<Setup> CreateAsync(EmulatorHarness aws, ArcControlConfigClient config)
    {
        JsonObject Create() => OutOfBand(aws, "CreateCluster", new JsonObject { ["ClusterName"] = "dr-cluster", ["ClientToken"] = ClientTokens.FromUid("uid-arc", "cluster") });
        var clusterArn = (string)Create()["Cluster"]!["ClusterArn"]!;
        Assert.Equal(clusterArn, (string)Create()["Cluster"]!["ClusterArn"]!);
        var endpoints = (await aws.Run(() => config.DescribeClusterAsync(new DescribeClusterRequest { ClusterArn = clusterArn }))).Cluster!.ClusterEndpoints!;
        var panelArn = (await aws.Run(() => config.CreateControlPanelAsync(new CreateControlPanelRequest { ClusterArn = clusterArn, ControlPanelName = "connect-failover" }))).ControlPanel!.ControlPanelArn!;
        var east = (await aws.Run(() => config.CreateRoutingControlAsync(new CreateRoutingControlRequest { ClusterArn = clusterArn, ControlPanelArn = panelArn, RoutingControlName = "east-cell" }))).RoutingControl!.RoutingControlArn!;
        var west = (await aws.Run(() => config.CreateRoutingControlAsync(new CreateRoutingControlRequest { ClusterArn = clusterArn, ControlPanelArn = panelArn, RoutingControlName = "west-cell" }))).RoutingControl!.RoutingControlArn!;
        var rule = await aws.Run(() => config.CreateSafetyRuleAsync(new CreateSafetyRuleRequest
        {
            AssertionRule = new NewAssertionRule
            {
                AssertedControls = [east, west],
                ControlPanelArn = panelArn,
                Name = "at-least-one-cell",
                RuleConfig = new RuleConfig { Inverted = false, Threshold = 1, Type = RuleType.Atleast },
                WaitPeriodMs = 5000,
            },
        }));
        return new Setup(clusterArn, endpoints, panelArn, east, west, rule.AssertionRule!.SafetyRuleArn);
    }
}
