using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Aws.Json;

/// <summary>
/// Numeric reads that work both for parsed JSON and for values built in memory (a JsonValue holding an
/// int does not convert to long through TryGetValue).
/// </summary>
internal static class JsonNumbers
{
    public static bool TryGetInt64(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
