using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Aws.Tests;

/// <summary>A cluster with one control panel and routing controls, built over the wire.</summary>
internal sealed record ArcSetup(string ClusterArn, IReadOnlyList<string> Endpoints, string PanelArn, IReadOnlyList<string> Controls)
{
    public static async Task<ArcSetup> CreateAsync(EmulatorFixture f, params string[] controlNames)
    {
        var cluster = (await f.Wire.ArcConfig(HttpMethod.Post, "cluster", new JsonObject { ["ClusterName"] = "c1" })).EnsureOk().Body["Cluster"]!;
        var clusterArn = cluster["ClusterArn"]!.GetValue<string>();
        var endpoints = cluster["ClusterEndpoints"]!.AsArray().Select(e => e!["Endpoint"]!.GetValue<string>()).ToList();
        var panel = (await f.Wire.ArcConfig(HttpMethod.Post, "controlpanel", new JsonObject { ["ClusterArn"] = clusterArn, ["ControlPanelName"] = "p1" }))
            .EnsureOk().Body["ControlPanel"]!["ControlPanelArn"]!.GetValue<string>();
        var controls = new List<string>();
        foreach (var name in controlNames)
        {
            controls.Add((await f.Wire.ArcConfig(HttpMethod.Post, "routingcontrol", new JsonObject { ["ClusterArn"] = clusterArn, ["ControlPanelArn"] = panel, ["RoutingControlName"] = name }))
                .EnsureOk().Body["RoutingControl"]!["RoutingControlArn"]!.GetValue<string>());
        }

        return new ArcSetup(clusterArn, endpoints, panel, controls);
    }

    public async Task<string> RuleAsync(EmulatorFixture f, string kind, string[] controls, string[]? targets, string type, int threshold, bool inverted = false, int waitMs = 0)
    {
        var rule = new JsonObject
        {
            ["Name"] = $"r{Guid.NewGuid():N}"[..12],
            ["ControlPanelArn"] = PanelArn,
            [kind == "Assertion" ? "AssertedControls" : "GatingControls"] = new JsonArray([.. controls.Select(c => (JsonNode)c)]),
            ["WaitPeriodMs"] = waitMs,
            ["RuleConfig"] = new JsonObject { ["Type"] = type, ["Threshold"] = threshold, ["Inverted"] = inverted },
        };
        if (targets is not null)
        {
            rule["TargetControls"] = new JsonArray([.. targets.Select(c => (JsonNode)c)]);
        }

        var body = (await f.Wire.ArcConfig(HttpMethod.Post, "safetyrule", new JsonObject { [kind + "Rule"] = rule })).EnsureOk().Body;
        return body[kind + "Rule"]!["SafetyRuleArn"]!.GetValue<string>();
    }

    public Task<AwsAnswer> SetAsync(EmulatorFixture f, int endpoint, params (string Arn, string State)[] changes) =>
        f.Wire.ArcCluster(Endpoints[endpoint], "UpdateRoutingControlStates", new JsonObject
        {
            ["UpdateRoutingControlStateEntries"] = new JsonArray([.. changes.Select(c => (JsonNode)new JsonObject { ["RoutingControlArn"] = c.Arn, ["RoutingControlState"] = c.State })]),
        });
}
