using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Patch;

/// <summary>RFC 7386 JSON merge patch.</summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var existing = result[key];
                result[key] = Apply(existing is JsonObject ? existing.DeepClone() : null, value);
            }
        }
        return result;
    }
}
