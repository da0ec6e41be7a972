using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Control;

/// <summary>A readable snapshot of everything the emulator holds, for debugging and for the admin API.</summary>
internal static class StateDump
{
    public static JsonObject Create(EmulatorState state, DateTimeOffset now) => new()
    {
        ["time"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["connect"] = Connect(state, now),
        ["arc"] = Arc(state),
    };

    private static JsonObject Connect(EmulatorState state, DateTimeOffset now)
    {
        var regions = new JsonObject();
        foreach (var region in state.Connect.Instances.Values.GroupBy(i => i.Region).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            regions[region.Key] = new JsonArray([.. region.OrderBy(i => i.CreatedTime).Select(i => (JsonNode)Instance(state, i, now))]);
        }

        return regions;
    }

    private static JsonObject Instance(EmulatorState state, Connect.ConnectInstance instance, DateTimeOffset now)
    {
        var json = new JsonObject
        {
            ["id"] = instance.Id,
            ["alias"] = instance.Alias,
            ["status"] = instance.Status(now),
            ["sourceRegion"] = instance.SourceRegion,
            ["replicaRegions"] = instance.Group.Members.Where(m => m != instance).Select(m => m.Region).ToJsonArray(),
        };
        foreach (var resources in instance.Configuration.All)
        {
            json[resources.Name] = Names(resources.Resources);
        }

        json["trafficDistributionGroups"] = new JsonArray([.. state.Connect.TrafficDistributionGroups.Values.Where(g => g.Instance == instance).Select(g => (JsonNode)new JsonObject
        {
            ["id"] = g.Id,
            ["name"] = g.Name,
            ["status"] = g.Status(now),
            ["isDefault"] = g.IsDefault,
            ["telephony"] = Percentages(g.Telephony),
            ["agents"] = Percentages(g.Agents),
        })]);
        return json;
    }

    private static JsonArray Arc(EmulatorState state) => new([.. state.Arc.Clusters.Values.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => (JsonNode)new JsonObject
    {
        ["arn"] = c.Arn,
        ["name"] = c.Name,
        ["endpointsDown"] = state.Arc.Outages.Where(o => o.Key.ClusterId == c.Id).Select(o => $"{o.Key.Index}:{o.Value}").ToJsonArray(),
        ["controlPanels"] = new JsonArray([.. state.Arc.ControlPanels.Values.Where(p => p.Cluster == c).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (JsonNode)new JsonObject
        {
            ["arn"] = p.Arn,
            ["name"] = p.Name,
            ["routingControls"] = new JsonObject([.. state.Arc.RoutingControls.Values.Where(r => r.Panel == p).OrderBy(r => r.Name, StringComparer.Ordinal)
                .Select(r => KeyValuePair.Create(r.Name, (JsonNode?)(r.On ? "On" : "Off")))]),
            ["safetyRules"] = state.Arc.SafetyRules.Values.Where(r => r.Panel == p).Select(r => $"{r.Name} ({r.Kind} {r.Type} {r.Threshold}{(r.Inverted ? " inverted" : string.Empty)})").ToJsonArray(),
        })]),
    })]);

    private static JsonObject Names(IEnumerable<Connect.ConfigResource> resources) =>
        new([.. resources.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => KeyValuePair.Create(r.Name, (JsonNode?)r.Id))]);

    private static JsonObject Percentages(Dictionary<string, int> distribution) =>
        new([.. distribution.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]);
}
