using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Arc;

/// <summary>Wire shapes of ARC control-configuration resources.</summary>
internal static class ArcJson
{
    public static JsonObject Cluster(ArcCluster cluster, Uri emulator, string account, string? status = null) => new()
    {
        ["ClusterArn"] = cluster.Arn,
        ["ClusterEndpoints"] = new JsonArray([.. ArcEndpoints.Regions.Select((region, index) => (JsonNode)new JsonObject
        {
            ["Endpoint"] = ArcEndpoints.Url(emulator, cluster.Id, index),
            ["Region"] = region,
        })]),
        ["Name"] = cluster.Name,
        ["Status"] = status ?? (cluster.Deployed ? "DEPLOYED" : "PENDING"),
        ["Owner"] = account,
    };

    public static JsonObject ControlPanel(ArcControlPanel panel, int routingControlCount, string account, string? status = null) => new()
    {
        ["ClusterArn"] = panel.Cluster.Arn,
        ["ControlPanelArn"] = panel.Arn,
        ["DefaultControlPanel"] = panel.IsDefault,
        ["Name"] = panel.Name,
        ["RoutingControlCount"] = routingControlCount,
        ["Status"] = status ?? (panel.Deployed ? "DEPLOYED" : "PENDING"),
        ["Owner"] = account,
    };

    public static JsonObject RoutingControl(ArcRoutingControl control, string account, string? status = null) => new()
    {
        ["ControlPanelArn"] = control.Panel.Arn,
        ["Name"] = control.Name,
        ["RoutingControlArn"] = control.Arn,
        ["Status"] = status ?? (control.Deployed ? "DEPLOYED" : "PENDING"),
        ["Owner"] = account,
    };

    /// <summary>The rule body (without the ASSERTION/GATING wrapper).</summary>
    public static JsonObject SafetyRule(ArcSafetyRule rule, string account, string? status = null)
    {
        var json = new JsonObject();
        if (rule.Kind == SafetyRuleKind.Assertion)
        {
            json["AssertedControls"] = rule.Controls.ToJsonArray();
        }

        json["ControlPanelArn"] = rule.Panel.Arn;
        if (rule.Kind == SafetyRuleKind.Gating)
        {
            json["GatingControls"] = rule.Controls.ToJsonArray();
        }

        json["Name"] = rule.Name;
        json["RuleConfig"] = new JsonObject { ["Inverted"] = rule.Inverted, ["Threshold"] = rule.Threshold, ["Type"] = rule.Type };
        json["SafetyRuleArn"] = rule.Arn;
        json["Status"] = status ?? (rule.Deployed ? "DEPLOYED" : "PENDING");
        if (rule.Kind == SafetyRuleKind.Gating)
        {
            json["TargetControls"] = rule.TargetControls.ToJsonArray();
        }

        json["WaitPeriodMs"] = rule.WaitPeriodMs;
        json["Owner"] = account;
        return json;
    }

    /// <summary>{AssertionRule: …} or {GatingRule: …} as Create/Describe/UpdateSafetyRule return it.</summary>
    public static JsonObject SafetyRuleOutput(ArcSafetyRule rule, string account, string? status = null) =>
        new() { [rule.Kind == SafetyRuleKind.Assertion ? "AssertionRule" : "GatingRule"] = SafetyRule(rule, account, status) };
}
