using System.Globalization;
using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes;

/// <summary>Reads and writes the standard ObjectMeta fields of a JSON object.</summary>
internal static class Meta
{
    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }
        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    public static string? String(JsonObject? obj, string field) =>
        obj?[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string Name(JsonObject obj) => String(obj["metadata"] as JsonObject, "name") ?? "";

    public static string? ResourceVersion(JsonObject obj) => String(obj["metadata"] as JsonObject, "resourceVersion");

    public static bool IsDeleting(JsonObject obj) => (obj["metadata"] as JsonObject)?["deletionTimestamp"] is not null;

    public static List<string> Finalizers(JsonObject obj) =>
        (obj["metadata"] as JsonObject)?["finalizers"] is JsonArray array
            ? array.Select(f => f?.GetValue<string>() ?? "").ToList()
            : [];

    public static void SetFinalizers(JsonObject obj, IReadOnlyList<string> finalizers)
    {
        var metadata = Of(obj);
        if (finalizers.Count == 0)
        {
            metadata.Remove("finalizers");
        }
        else
        {
            metadata["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        }
    }

    public static long Generation(JsonObject obj) =>
        JsonNumbers.TryGetLong((obj["metadata"] as JsonObject)?["generation"], out var g) ? g : 0;

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
