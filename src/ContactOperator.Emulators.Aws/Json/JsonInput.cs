using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Aws.Json;

/// <summary>Typed reads and writes of JSON members (input already validated against the model).</summary>
internal static class JsonInput
{
    public static string? Str(this JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static string ReqStr(this JsonObject obj, string name) =>
        obj.Str(name) ?? throw new InvalidOperationException($"member {name} was validated as required");

    public static int? Int(this JsonObject obj, string name) =>
        JsonNumbers.TryGetInt64(obj[name], out var value) ? (int)Math.Clamp(value, int.MinValue, int.MaxValue) : null;

    public static double? Double(this JsonObject obj, string name) =>
        JsonNumbers.TryGetDouble(obj[name], out var value) ? value : null;

    public static bool? Bool(this JsonObject obj, string name) => obj[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
        _ => null,
    };

    public static JsonObject? Obj(this JsonObject obj, string name) => obj[name] as JsonObject;

    public static JsonArray? Arr(this JsonObject obj, string name) => obj[name] as JsonArray;

    public static List<JsonObject> Objects(this JsonObject obj, string name) =>
        obj.Arr(name)?.OfType<JsonObject>().ToList() ?? [];

    public static List<string> Strings(this JsonObject obj, string name) =>
        obj.Arr(name)?.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToList() ?? [];

    public static Dictionary<string, string> StrMap(this JsonObject obj, string name)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj[name] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                {
                    result[key] = v.GetValue<string>();
                }
            }
        }

        return result;
    }

    /// <summary>A timestamp member: epoch seconds (rest-json default) or an ISO 8601 string.</summary>
    public static DateTimeOffset? Time(this JsonObject obj, string name) => obj[name] switch
    {
        JsonValue v when JsonNumbers.TryGetDouble(v, out var seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)),
        JsonValue v when v.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t,
        _ => null,
    };

    /// <summary>Epoch seconds, as the JSON protocols send timestamps.</summary>
    public static JsonNode Epoch(DateTimeOffset time) => JsonValue.Create(time.ToUnixTimeMilliseconds() / 1000.0);

    public static JsonObject ToJson(this IReadOnlyDictionary<string, string> map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            obj[key] = value;
        }

        return obj;
    }

    public static JsonArray ToJsonArray(this IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    public static JsonArray ToJsonArray(this IEnumerable<JsonNode> values) => new([.. values]);
}
