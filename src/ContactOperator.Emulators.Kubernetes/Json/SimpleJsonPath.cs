using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes;

/// <summary>
/// The JSONPath subset used by printer columns: <c>.a.b</c>, <c>[n]</c>, <c>[*]</c>, <c>['key']</c> and
/// filters <c>[?(@.type=="Ready")]</c>.
/// </summary>
internal static class SimpleJsonPath
{
    public static List<JsonNode?> Evaluate(JsonNode? root, string path)
    {
        var current = new List<JsonNode?> { root };
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1];
        }
        if (text.StartsWith('$'))
        {
            text = text[1..];
        }
        var i = 0;
        while (i < text.Length && current.Count > 0)
        {
            if (text[i] == '.')
            {
                i++;
                var start = i;
                while (i < text.Length && text[i] != '.' && text[i] != '[')
                {
                    i++;
                }
                var name = text[start..i];
                if (name.Length == 0)
                {
                    continue;
                }
                current = current.OfType<JsonObject>().Where(o => o.ContainsKey(name)).Select(o => o[name]).ToList();
            }
            else if (text[i] == '[')
            {
                var end = FindClosing(text, i);
                var inner = text[(i + 1)..end].Trim();
                i = end + 1;
                current = Step(current, inner);
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] != '.' && text[i] != '[')
                {
                    i++;
                }
                var name = text[start..i];
                current = current.Select(n => (n as JsonObject)?[name]).Where(n => n is not null).ToList();
            }
        }
        return current;
    }

    private static int FindClosing(string text, int open)
    {
        var depth = 0;
        var quote = '\0';
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                continue;
            }
            if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && --depth == 0)
            {
                return i;
            }
        }
        return text.Length - 1;
    }

    private static List<JsonNode?> Step(List<JsonNode?> nodes, string selector)
    {
        var result = new List<JsonNode?>();
        foreach (var node in nodes)
        {
            if (selector == "*")
            {
                if (node is JsonArray all)
                {
                    result.AddRange(all);
                }
                else if (node is JsonObject obj)
                {
                    result.AddRange(obj.Select(p => p.Value));
                }
            }
            else if (selector.StartsWith("?(", StringComparison.Ordinal) && selector.EndsWith(')') && node is JsonArray filtered)
            {
                var condition = selector[2..^1];
                result.AddRange(filtered.Where(e => FilterMatches(e, condition)));
            }
            else if (selector.Length > 1 && selector[0] is '\'' or '"')
            {
                result.Add((node as JsonObject)?[selector[1..^1]]);
            }
            else if (int.TryParse(selector, System.Globalization.CultureInfo.InvariantCulture, out var index) && node is JsonArray array)
            {
                if (index < 0)
                {
                    index += array.Count;
                }
                if (index >= 0 && index < array.Count)
                {
                    result.Add(array[index]);
                }
            }
        }
        return result.Where(n => n is not null).ToList();
    }

    private static bool FilterMatches(JsonNode? element, string condition)
    {
        var op = condition.Contains("!=", StringComparison.Ordinal) ? "!=" : "==";
        var parts = condition.Split(op, 2);
        if (parts.Length != 2)
        {
            return Evaluate(element, condition.Trim().TrimStart('@')).Count > 0;
        }
        var left = parts[0].Trim();
        var right = parts[1].Trim().Trim('"', '\'');
        var values = Evaluate(element, left.TrimStart('@'));
        var actual = values.Count > 0 ? Print(values[0]) : null;
        return op == "==" ? actual == right : actual != right;
    }

    /// <summary>Prints a value the way kubectl's JSONPath printer does (strings raw, others as JSON).</summary>
    public static string Print(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
