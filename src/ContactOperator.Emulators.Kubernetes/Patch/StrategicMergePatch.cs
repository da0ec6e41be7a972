using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Patch;

/// <summary>
/// Strategic merge patch for built-in kinds without compiled-in Go types: merge-patch semantics, plus lists of
/// objects that carry <c>name</c> merge by name, <c>$patch: delete|replace</c>, and the <c>$setElementOrder</c>,
/// <c>$retainKeys</c> and <c>$deleteFromPrimitiveList</c> directives.
/// </summary>
internal static class StrategicMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        if (Meta.String(patchObject, "$patch") == "replace")
        {
            var replacement = patchObject.DeepClone().AsObject();
            replacement.Remove("$patch");
            return replacement;
        }
        var result = target as JsonObject ?? new JsonObject();
        if (patchObject["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet();
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }
        foreach (var (key, value) in patchObject)
        {
            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) || key is "$retainKeys" or "$patch")
            {
                continue;
            }
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray primitives && value is JsonArray toDelete)
                {
                    foreach (var item in primitives.Where(p => toDelete.Any(d => JsonNode.DeepEquals(d, p))).ToList())
                    {
                        primitives.Remove(item);
                    }
                }
                continue;
            }
            if (value is null)
            {
                result.Remove(key);
                continue;
            }
            var existing = result[key];
            if (value is JsonArray patchArray && existing is JsonArray existingArray && IsNamedList(patchArray, existingArray))
            {
                result[key] = MergeNamedList(existingArray, patchArray);
            }
            else if (value is JsonObject && existing is JsonObject)
            {
                result[key] = Apply(existing.DeepClone(), value);
            }
            else
            {
                result[key] = Apply(null, value);
            }
        }
        return result;
    }

    private static bool IsNamedList(JsonArray patch, JsonArray existing) =>
        patch.Concat(existing).All(e => e is JsonObject o && (o["name"] is JsonValue || Meta.String(o, "$patch") is not null)) && patch.Count > 0;

    private static JsonArray MergeNamedList(JsonArray existing, JsonArray patch)
    {
        var result = existing.DeepClone().AsArray();
        foreach (var element in patch.OfType<JsonObject>())
        {
            var name = Meta.String(element, "name");
            var index = result.ToList().FindIndex(e => Meta.String(e as JsonObject, "name") == name);
            if (Meta.String(element, "$patch") == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }
                continue;
            }
            if (index >= 0)
            {
                result[index] = Apply(result[index]!.DeepClone(), element);
            }
            else
            {
                result.Add(Apply(null, element));
            }
        }
        return result;
    }
}
