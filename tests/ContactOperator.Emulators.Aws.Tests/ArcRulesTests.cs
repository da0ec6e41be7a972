using System.Net;
using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Aws.Tests;

public sealed class ArcRulesTests
{
    [Fact]
    public async Task Cluster_has_five_distinct_endpoints_on_the_emulator()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var arc = await ArcSetup.CreateAsync(f, "a");

        Assert.Equal(5, arc.Endpoints.Distinct().Count());
        Assert.All(arc.Endpoints, e => Assert.StartsWith(f.Emulator.Endpoint + "_arc/", e, StringComparison.Ordinal));
        var clusterId = arc.ClusterArn[(arc.ClusterArn.LastIndexOf('/') + 1)..];
        Assert.Equal(f.Emulator.Endpoint + $"_arc/{clusterId}/3/v1", arc.Endpoints[3]);
    }

    [Fact]
    public async Task Assertion_rule_keeps_at_least_one_cell_on()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var arc = await ArcSetup.CreateAsync(f, "east", "west");
        (await arc.SetAsync(f, 0, (arc.Controls[0], "On"), (arc.Controls[1], "On"))).EnsureOk();
        var rule = await arc.RuleAsync(f, "Assertion", [arc.Controls[0], arc.Controls[1]], null, "ATLEAST", 1);

        (await arc.SetAsync(f, 1, (arc.Controls[0], "Off"))).EnsureOk();
        var blocked = await arc.SetAsync(f, 2, (arc.Controls[1], "Off"));

        blocked.EnsureError("ConflictException", HttpStatusCode.Conflict);
        Assert.Contains(rule, blocked.Message, StringComparison.Ordinal);
        Assert.Equal(rule, blocked.Body["resourceId"]!.GetValue<string>());
        Assert.Equal("On", f.Control.GetRoutingControlState(arc.Controls[1]));
        // Swapping cells in one call keeps the assertion true throughout.
        (await arc.SetAsync(f, 3, (arc.Controls[0], "On"), (arc.Controls[1], "Off"))).EnsureOk();
    }

    [Fact]
    public async Task Gating_rule_blocks_targets_while_the_gate_is_off_unless_overridden()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var arc = await ArcSetup.CreateAsync(f, "gate", "target");
        var rule = await arc.RuleAsync(f, "Gating", [arc.Controls[0]], [arc.Controls[1]], "AND", 1);

        (await arc.SetAsync(f, 0, (arc.Controls[1], "On"))).EnsureError("ConflictException", HttpStatusCode.Conflict);
        var overridden = await f.Wire.ArcCluster(arc.Endpoints[0], "UpdateRoutingControlState", new JsonObject
        {
            ["RoutingControlArn"] = arc.Controls[1],
            ["RoutingControlState"] = "On",
            ["SafetyRulesToOverride"] = new JsonArray(rule),
        });
        overridden.EnsureOk();
        (await arc.SetAsync(f, 0, (arc.Controls[0], "On"))).EnsureOk();
        (await arc.SetAsync(f, 0, (arc.Controls[1], "Off"))).EnsureOk();
    }

    [Fact]
    public async Task Inverted_rule_negates_its_condition()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var arc = await ArcSetup.CreateAsync(f, "a", "b");
        // "not all on": the two cells may never be On together.
        await arc.RuleAsync(f, "Assertion", [arc.Controls[0], arc.Controls[1]], null, "AND", 1, inverted: true);

        (await arc.SetAsync(f, 0, (arc.Controls[0], "On"))).EnsureOk();
        (await arc.SetAsync(f, 0, (arc.Controls[1], "On"))).EnsureError("ConflictException", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Wait_period_blocks_further_changes_until_it_elapses_on_the_clock()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var arc = await ArcSetup.CreateAsync(f, "a", "b");
        await arc.RuleAsync(f, "Assertion", [arc.Controls[0], arc.Controls[1]], null, "OR", 1, waitMs: 5000);
        f.Control.SetRoutingControlState(arc.Controls[1], on: true);

        (await arc.SetAsync(f, 0, (arc.Controls[0], "On"))).EnsureOk();
        (await arc.SetAsync(f, 0, (arc.Controls[0], "Off"))).EnsureError("ConflictException", HttpStatusCode.Conflict);
        f.Time.Advance(TimeSpan.FromMilliseconds(5000));
        (await arc.SetAsync(f, 0, (arc.Controls[0], "Off"))).EnsureOk();
    }

    [Fact]
    public async Task At_most_ten_controls_per_update_call()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var arc = await ArcSetup.CreateAsync(f, [.. Enumerable.Range(0, 11).Select(i => $"c{i}")]);

        var tooMany = await arc.SetAsync(f, 0, [.. arc.Controls.Select(c => (c, "On"))]);

        tooMany.EnsureError("ServiceLimitExceededException", HttpStatusCode.PaymentRequired);
        Assert.NotNull(tooMany.Body["limitCode"]);
        (await arc.SetAsync(f, 0, [.. arc.Controls.Take(10).Select(c => (c, "On"))])).EnsureOk();
    }

    [Fact]
    public async Task Endpoints_of_one_cluster_do_not_serve_another_clusters_controls()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var first = await ArcSetup.CreateAsync(f, "a");
        var second = (await f.Wire.ArcConfig(HttpMethod.Post, "cluster", new JsonObject { ["ClusterName"] = "c2" })).EnsureOk().Body["Cluster"]!;
        var otherEndpoint = second["ClusterEndpoints"]![0]!["Endpoint"]!.GetValue<string>();

        (await f.Wire.ArcCluster(otherEndpoint, "GetRoutingControlState", new JsonObject { ["RoutingControlArn"] = first.Controls[0] }))
            .EnsureError("ResourceNotFoundException", HttpStatusCode.NotFound);
        (await f.Wire.ArcConfig(HttpMethod.Post, "cluster", new JsonObject { ["ClusterName"] = "c3" }))
            .EnsureError("ServiceQuotaExceededException", HttpStatusCode.PaymentRequired);
    }
}
