using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Crd;

/// <summary>
/// Removes fields a structural schema does not declare (unless <c>x-kubernetes-preserve-unknown-fields</c>),
/// and <c>null</c> values of non-nullable fields, reporting each removed path for field validation.
/// </summary>
internal static class SchemaPruner
{
    private static readonly HashSet<string> ObjectMetaFields =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ];

    public static void PruneRoot(JsonObject root, JsonObject schema, List<string> removed)
    {
        if (root["metadata"] is JsonObject metadata)
        {
            foreach (var key in metadata.Select(p => p.Key).ToList())
            {
                if (!ObjectMetaFields.Contains(key))
                {
                    metadata.Remove(key);
                    removed.Add("metadata." + key);
                }
            }
        }
        PruneObject(root, schema, "", removed, isRoot: true);
    }

    private static void PruneObject(JsonObject obj, JsonObject schema, string path, List<string> removed, bool isRoot = false)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        var preserve = IsTrue(schema, "x-kubernetes-preserve-unknown-fields");
        var embedded = IsTrue(schema, "x-kubernetes-embedded-resource");
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            var child = obj[key];
            var childPath = path.Length == 0 ? key : path + "." + key;
            if ((isRoot || embedded) && key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }
            JsonObject? childSchema = null;
            if (properties?[key] is JsonObject declared)
            {
                childSchema = declared;
            }
            else if (additional is JsonObject additionalSchema)
            {
                childSchema = additionalSchema;
            }
            else if (additional is JsonValue v && v.TryGetValue<bool>(out var allowed) && allowed)
            {
                continue;
            }
            else if (!preserve)
            {
                obj.Remove(key);
                removed.Add(childPath);
                continue;
            }
            if (childSchema is null)
            {
                continue;
            }
            if (child is null)
            {
                if (!IsTrue(childSchema, "nullable"))
                {
                    obj.Remove(key);
                }
                continue;
            }
            PruneValue(child, childSchema, childPath, removed);
        }
    }

    private static void PruneValue(JsonNode value, JsonObject schema, string path, List<string> removed)
    {
        switch (value)
        {
            case JsonObject obj:
                PruneObject(obj, schema, path, removed);
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } element)
                    {
                        PruneValue(element, items, $"{path}[{i}]", removed);
                    }
                }
                break;
        }
    }

    public static bool IsTrue(JsonObject schema, string field) =>
        schema[field] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
