using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Selectors;

/// <summary>A metav1.LabelSelector object (matchLabels + matchExpressions); null or empty matches everything.</summary>
internal static class LabelSelectorObject
{
    public static bool Matches(JsonObject? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null)
        {
            return true;
        }
        if (selector["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                if (!labels.TryGetValue(key, out var actual) || actual != Meta.String(matchLabels, key))
                {
                    return false;
                }
                _ = value;
            }
        }
        foreach (var expression in (selector["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = Meta.String(expression, "key") ?? "";
            var values = (expression["values"] as JsonArray ?? []).Select(v => v?.GetValue<string>()).ToList();
            var has = labels.TryGetValue(key, out var actual);
            var ok = Meta.String(expression, "operator") switch
            {
                "In" => has && values.Contains(actual),
                "NotIn" => !has || !values.Contains(actual),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    public static IReadOnlyDictionary<string, string> LabelsOf(JsonObject? obj)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if ((obj?["metadata"] as JsonObject)?["labels"] is JsonObject labels)
        {
            foreach (var (key, _) in labels)
            {
                result[key] = Meta.String(labels, key) ?? "";
            }
        }
        return result;
    }
}
