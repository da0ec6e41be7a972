using System.Text.Json.Nodes;

namespace ContactOperator.Runtime.Resources;

/// <summary>Computes RFC 7386 JSON merge patches: the smallest patch that turns one document into another.</summary>
public static class MergePatch
{
    /// <summary>
    /// The merge patch from <paramref name="original"/> to <paramref name="modified"/>: changed and new members,
    /// <c>null</c> for removed ones, arrays replaced whole. Returns an empty object when nothing differs.
    /// </summary>
    public static JsonNode? Create(JsonNode? original, JsonNode? modified)
    {
        if (original is JsonObject from && modified is JsonObject to)
        {
            var patch = new JsonObject();
            foreach (var (name, value) in from)
            {
                if (!to.ContainsKey(name))
                {
                    patch[name] = null;
                }
            }

            foreach (var (name, value) in to)
            {
                from.TryGetPropertyValue(name, out var before);
                if (JsonNode.DeepEquals(before, value) && from.ContainsKey(name))
                {
                    continue;
                }

                var child = before is JsonObject && value is JsonObject ? Create(before, value) : value?.DeepClone();
                patch[name] = child;
            }

            return patch;
        }

        return JsonNode.DeepEquals(original, modified) ? new JsonObject() : modified?.DeepClone();
    }

    /// <summary>True when <paramref name="patch"/> changes nothing.</summary>
    public static bool IsEmpty(JsonNode? patch) => patch is JsonObject { Count: 0 };
}
