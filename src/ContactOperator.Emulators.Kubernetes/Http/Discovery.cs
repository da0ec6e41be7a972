using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Storage;

namespace ContactOperator.Emulators.Kubernetes.Http;

/// <summary>Legacy and aggregated (apidiscovery.k8s.io/v2) discovery documents built from the registry.</summary>
internal static class Discovery
{
    public const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "33",
        ["emulationMajor"] = "1",
        ["emulationMinor"] = "33",
        ["gitVersion"] = "v1.33.0",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.24.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static bool WantsAggregated(string? accept) =>
        accept is not null && accept.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal) &&
        accept.Contains("g=apidiscovery.k8s.io", StringComparison.Ordinal) &&
        (accept.Contains("v=v2;", StringComparison.Ordinal) || accept.Contains("v=v2,", StringComparison.Ordinal) || accept.Contains(";v=v2", StringComparison.Ordinal));

    public static JsonObject LegacyCore(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceRegistry registry)
    {
        var groups = new JsonArray();
        foreach (var (group, versions) in registry.Groups().Where(g => g.Group.Length > 0))
        {
            groups.Add(Group(group, versions));
        }
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public static JsonObject? SingleGroup(ResourceRegistry registry, string name)
    {
        var match = registry.Groups().FirstOrDefault(g => g.Group == name);
        if (match.Group is null || name.Length == 0)
        {
            return null;
        }
        var group = Group(match.Group, match.Versions);
        group["kind"] = "APIGroup";
        group["apiVersion"] = "v1";
        return group;
    }

    private static JsonObject Group(string name, IReadOnlyList<string> versions)
    {
        JsonObject Entry(string v) => new() { ["groupVersion"] = name + "/" + v, ["version"] = v };
        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode?)Entry(v)).ToArray()),
            ["preferredVersion"] = Entry(versions[0]),
        };
    }

    public static JsonObject ResourceList(ResourceRegistry registry, string group, string version)
    {
        var resources = new JsonArray();
        foreach (var type in registry.All.Where(t => t.Group == group && t.Version == version))
        {
            var entry = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = Strings(type.Verbs),
            };
            if (type.ShortNames.Count > 0)
            {
                entry["shortNames"] = Strings(type.ShortNames);
            }
            if (type.Categories.Count > 0)
            {
                entry["categories"] = Strings(type.Categories);
            }
            resources.Add(entry);
            if (type.HasStatusSubresource)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = type.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = Strings(["get", "patch", "update"]),
                });
            }
            if (type.Scale is not null)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = type.Plural + "/scale",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["group"] = "autoscaling",
                    ["version"] = "v1",
                    ["kind"] = "Scale",
                    ["verbs"] = Strings(["get", "patch", "update"]),
                });
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : group + "/" + version,
            ["resources"] = resources,
        };
    }

    /// <summary>The aggregated document: <paramref name="core"/> selects <c>/api</c> (core group only) or <c>/apis</c>.</summary>
    public static JsonObject Aggregated(ResourceRegistry registry, bool core)
    {
        var items = new JsonArray();
        foreach (var (group, versions) in registry.Groups().Where(g => (g.Group.Length == 0) == core))
        {
            var versionItems = new JsonArray();
            foreach (var version in versions)
            {
                var resources = new JsonArray();
                foreach (var type in registry.All.Where(t => t.Group == group && t.Version == version))
                {
                    var entry = new JsonObject
                    {
                        ["resource"] = type.Plural,
                        ["responseKind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = type.Kind },
                        ["scope"] = type.Namespaced ? "Namespaced" : "Cluster",
                        ["singularResource"] = type.Singular,
                        ["verbs"] = Strings(type.Verbs),
                    };
                    if (type.ShortNames.Count > 0)
                    {
                        entry["shortNames"] = Strings(type.ShortNames);
                    }
                    if (type.Categories.Count > 0)
                    {
                        entry["categories"] = Strings(type.Categories);
                    }
                    var subresources = new JsonArray();
                    if (type.HasStatusSubresource)
                    {
                        subresources.Add(new JsonObject
                        {
                            ["subresource"] = "status",
                            ["responseKind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = type.Kind },
                            ["verbs"] = Strings(["get", "patch", "update"]),
                        });
                    }
                    if (type.Scale is not null)
                    {
                        subresources.Add(new JsonObject
                        {
                            ["subresource"] = "scale",
                            ["responseKind"] = new JsonObject { ["group"] = "autoscaling", ["version"] = "v1", ["kind"] = "Scale" },
                            ["verbs"] = Strings(["get", "patch", "update"]),
                        });
                    }
                    if (subresources.Count > 0)
                    {
                        entry["subresources"] = subresources;
                    }
                    resources.Add(entry);
                }
                versionItems.Add(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
            }
            items.Add(new JsonObject { ["metadata"] = new JsonObject { ["name"] = group }, ["versions"] = versionItems });
        }
        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}
