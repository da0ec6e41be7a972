using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes;

/// <summary>Numeric reads that work whether a JsonValue wraps a JsonElement, a long, an int or a double.</summary>
internal static class JsonNumbers
{
    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }
        if (v.TryGetValue<double>(out value))
        {
            return true;
        }
        if (v.TryGetValue<long>(out var l))
        {
            value = l;
            return true;
        }
        if (v.TryGetValue<int>(out var i))
        {
            value = i;
            return true;
        }
        if (v.TryGetValue<decimal>(out var m))
        {
            value = (double)m;
            return true;
        }
        return double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    public static bool TryGetLong(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }
        if (v.TryGetValue<long>(out value))
        {
            return true;
        }
        if (v.TryGetValue<int>(out var i))
        {
            value = i;
            return true;
        }
        if (TryGetDouble(v, out var d) && Math.Floor(d) == d && Math.Abs(d) < 9e18)
        {
            value = (long)d;
            return true;
        }
        return false;
    }
}
