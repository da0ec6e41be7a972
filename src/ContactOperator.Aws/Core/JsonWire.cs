using System.Globalization;
using System.Text.Json;

namespace ContactOperator.Aws.Core;

/// <summary>Reading and writing the JSON wire forms of the AWS model's scalar types (used by generated marshallers).</summary>
internal static class JsonWire
{
    private static readonly JsonDocument EmptyDocument = JsonDocument.Parse("{}");

    /// <summary>An empty JSON object, read in place of a required structure AWS left out.</summary>
    public static JsonElement EmptyObject => EmptyDocument.RootElement;

    public static IReadOnlyDictionary<string, T> EmptyMap<T>() => System.Collections.ObjectModel.ReadOnlyDictionary<string, T>.Empty;

    // ---- reading: a missing member or JSON null gives null ----
    public static string? GetString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static int? GetInt32(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    public static long? GetInt64(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var i) ? i : null;

    public static double? GetDouble(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    public static bool? GetBoolean(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    /// <summary>Timestamps travel as epoch seconds (possibly fractional) in JSON bodies; ISO 8601 strings are accepted too.</summary>
    public static DateTimeOffset? GetTimestamp(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(v.GetDouble() * 1000)),
            JsonValueKind.String when DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t,
            _ => null,
        };
    }

    public static T? GetObject<T>(JsonElement obj, string name, Func<JsonElement, T> read)
        where T : class =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? read(v) : null;

    public static IReadOnlyList<T>? GetList<T>(JsonElement obj, string name, Func<JsonElement, T> read)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<T>(v.GetArrayLength());
        foreach (var item in v.EnumerateArray())
        {
            list.Add(read(item));
        }

        return list;
    }

    public static IReadOnlyDictionary<string, T>? GetMap<T>(JsonElement obj, string name, Func<JsonElement, T> read)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var property in v.EnumerateObject())
        {
            map[property.Name] = read(property.Value);
        }

        return map;
    }

    // ---- element readers for list items and map values ----
    public static string ReadString(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ToString();

    public static int ReadInt32(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetInt32() : 0;

    public static long ReadInt64(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetInt64() : 0;

    public static double ReadDouble(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : 0;

    public static bool ReadBoolean(JsonElement e) => e.ValueKind == JsonValueKind.True;

    public static DateTimeOffset ReadTimestamp(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(e.GetDouble() * 1000)) : DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    public static IReadOnlyList<T> ReadList<T>(JsonElement e, Func<JsonElement, T> read) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(read).ToList() : [];

    public static IReadOnlyDictionary<string, T> ReadMap<T>(JsonElement e, Func<JsonElement, T> read) =>
        e.ValueKind == JsonValueKind.Object ? e.EnumerateObject().ToDictionary(p => p.Name, p => read(p.Value), StringComparer.Ordinal) : EmptyMap<T>();

    // ---- writing ----
    public static void WriteTimestamp(Utf8JsonWriter writer, string name, DateTimeOffset value) =>
        writer.WriteNumber(name, value.ToUnixTimeMilliseconds() / 1000.0);

    public static void WriteTimestampValue(Utf8JsonWriter writer, DateTimeOffset value) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000.0);
}
