using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Patch;

internal enum ListKind
{
    Atomic,
    Set,
    Map,
}

/// <summary>
/// How a list merges, from the schema's <c>x-kubernetes-list-type</c>; without a schema (built-in kinds),
/// lists of objects that all carry <c>name</c> are treated as maps keyed by name (containers, env, ports, volumes…).
/// </summary>
internal static class ListSemantics
{
    public static JsonObject? Property(JsonObject? schema, string key) =>
        schema?["properties"]?[key] as JsonObject ?? schema?["additionalProperties"] as JsonObject;

    public static JsonObject? Items(JsonObject? schema) => schema?["items"] as JsonObject;

    public static (ListKind Kind, IReadOnlyList<string> Keys) Of(JsonObject? schema, JsonArray? value, bool hasSchema)
    {
        if (schema is not null)
        {
            switch (Meta.String(schema, "x-kubernetes-list-type"))
            {
                case "set":
                    return (ListKind.Set, []);
                case "map":
                    var keys = (schema["x-kubernetes-list-map-keys"] as JsonArray ?? [])
                        .Select(k => k?.GetValue<string>() ?? "").Where(k => k.Length > 0).ToList();
                    return keys.Count > 0 ? (ListKind.Map, keys) : (ListKind.Atomic, []);
            }
        }
        if (!hasSchema && value is { Count: > 0 } && value.All(v => v is JsonObject o && o["name"] is JsonValue))
        {
            return (ListKind.Map, ["name"]);
        }
        return (ListKind.Atomic, []);
    }

    public static bool KeyMatches(JsonNode? element, JsonObject key) =>
        element is JsonObject obj && key.All(p => JsonNode.DeepEquals(obj[p.Key], p.Value));

    public static JsonObject KeyOf(JsonNode? element, IReadOnlyList<string> keys)
    {
        var key = new JsonObject();
        foreach (var k in keys)
        {
            key[k] = element?[k]?.DeepClone();
        }
        return key;
    }
}
