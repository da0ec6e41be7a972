using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ContactOperator.Emulators.Kubernetes.Crd.Cel;

/// <summary>
/// Evaluates parsed CEL over JSON values. Values are null, bool, long, double, string,
/// <see cref="List{T}"/> of values, or <see cref="JsonObject"/> (maps/objects).
/// </summary>
internal static class CelEvaluator
{
    public static object? Evaluate(CelNode node, IReadOnlyDictionary<string, object?> variables) => node switch
    {
        CelLiteral literal => literal.Value,
        CelIdent ident => variables.TryGetValue(ident.Name, out var value) ? value : throw new CelException($"undeclared reference to '{ident.Name}'"),
        CelSelect select => Select(select, variables),
        CelIndex index => IndexInto(Evaluate(index.Target, variables), Evaluate(index.Index, variables)),
        CelCall call => Call(call, variables),
        CelUnary unary => Unary(unary, variables),
        CelBinary binary => Binary(binary, variables),
        CelConditional conditional => AsBool(Evaluate(conditional.Condition, variables))
            ? Evaluate(conditional.Then, variables)
            : Evaluate(conditional.Else, variables),
        CelList list => list.Items.Select(i => Evaluate(i, variables)).ToList(),
        _ => throw new CelException("unsupported expression"),
    };

    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj,
        JsonArray array => array.Select(FromJson).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.True => true,
            System.Text.Json.JsonValueKind.False => false,
            System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
            System.Text.Json.JsonValueKind.Number => JsonNumbers.TryGetLong(value, out var l) ? l : JsonNumbers.TryGetDouble(value, out var d) ? d : 0d,
            _ => null,
        },
        _ => null,
    };

    private static object? Select(CelSelect select, IReadOnlyDictionary<string, object?> variables)
    {
        var target = Evaluate(select.Target, variables);
        if (target is JsonObject obj)
        {
            if (select.TestOnly)
            {
                return obj.ContainsKey(select.Field);
            }
            return obj.TryGetPropertyValue(select.Field, out var child) ? FromJson(child) : throw new CelException($"no such key: {select.Field}");
        }
        if (select.TestOnly && target is null)
        {
            return false;
        }
        throw new CelException($"no such key: {select.Field}");
    }

    private static object? IndexInto(object? target, object? index) => (target, index) switch
    {
        (List<object?> list, long i) => i >= 0 && i < list.Count ? list[(int)i] : throw new CelException($"index out of bounds: {i}"),
        (JsonObject obj, string key) => obj.TryGetPropertyValue(key, out var child) ? FromJson(child) : throw new CelException($"no such key: {key}"),
        _ => throw new CelException("invalid index operation"),
    };

    private static object? Unary(CelUnary unary, IReadOnlyDictionary<string, object?> variables)
    {
        var operand = Evaluate(unary.Operand, variables);
        return unary.Op switch
        {
            "!" => !AsBool(operand),
            _ => operand switch
            {
                long l => -l,
                double d => -d,
                _ => throw new CelException("no such overload: -_"),
            },
        };
    }

    private static object? Binary(CelBinary binary, IReadOnlyDictionary<string, object?> variables)
    {
        if (binary.Op == "&&")
        {
            return AsBool(Evaluate(binary.Left, variables)) && AsBool(Evaluate(binary.Right, variables));
        }
        if (binary.Op == "||")
        {
            return AsBool(Evaluate(binary.Left, variables)) || AsBool(Evaluate(binary.Right, variables));
        }
        var left = Evaluate(binary.Left, variables);
        var right = Evaluate(binary.Right, variables);
        return binary.Op switch
        {
            "==" => ValuesEqual(left, right),
            "!=" => !ValuesEqual(left, right),
            "<" => Compare(left, right) < 0,
            "<=" => Compare(left, right) <= 0,
            ">" => Compare(left, right) > 0,
            ">=" => Compare(left, right) >= 0,
            "in" => right switch
            {
                List<object?> list => list.Any(item => ValuesEqual(item, left)),
                JsonObject map => left is string key && map.ContainsKey(key),
                _ => throw new CelException("no such overload: in"),
            },
            "+" => (left, right) switch
            {
                (long a, long b) => a + b,
                (string a, string b) => a + b,
                (List<object?> a, List<object?> b) => a.Concat(b).ToList(),
                _ => ToDouble(left) + ToDouble(right),
            },
            "-" => left is long la && right is long lb ? la - lb : ToDouble(left) - ToDouble(right),
            "*" => left is long ma && right is long mb ? ma * mb : ToDouble(left) * ToDouble(right),
            "/" => left is long da && right is long db ? (db == 0 ? throw new CelException("division by zero") : da / db) : ToDouble(left) / ToDouble(right),
            "%" => left is long ra && right is long rb ? (rb == 0 ? throw new CelException("modulus by zero") : ra % rb) : throw new CelException("no such overload: %"),
            _ => throw new CelException($"unsupported operator {binary.Op}"),
        };
    }

    private static object? Call(CelCall call, IReadOnlyDictionary<string, object?> variables)
    {
        if (call.Target is not null && call.Function is "all" or "exists" or "exists_one" or "map" or "filter")
        {
            return Macro(call, variables);
        }
        var target = call.Target is null ? null : Evaluate(call.Target, variables);
        var args = call.Args.Select(a => Evaluate(a, variables)).ToList();
        if (call.Target is null && args.Count > 0 && call.Function is "size" or "int" or "string" or "double")
        {
            target = args[0];
            args.RemoveAt(0);
        }
        return call.Function switch
        {
            "size" => target switch
            {
                string s => (long)s.EnumerateRunes().Count(),
                List<object?> list => (long)list.Count,
                JsonObject map => (long)map.Count,
                _ => throw new CelException("no such overload: size"),
            },
            "startsWith" => AsString(target).StartsWith(AsString(args[0]), StringComparison.Ordinal),
            "endsWith" => AsString(target).EndsWith(AsString(args[0]), StringComparison.Ordinal),
            "contains" => AsString(target).Contains(AsString(args[0]), StringComparison.Ordinal),
            "matches" => Regex.IsMatch(AsString(target), AsString(args[0]), RegexOptions.None, TimeSpan.FromSeconds(1)),
            "lowerAscii" => AsString(target).ToLowerInvariant(),
            "upperAscii" => AsString(target).ToUpperInvariant(),
            "trim" => AsString(target).Trim(),
            "int" => target switch
            {
                long l => l,
                double d => (long)d,
                string s => long.Parse(s, CultureInfo.InvariantCulture),
                _ => throw new CelException("no such overload: int"),
            },
            "double" => ToDouble(target),
            "string" => target switch
            {
                string s => s,
                long l => l.ToString(CultureInfo.InvariantCulture),
                double d => d.ToString(CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                _ => throw new CelException("no such overload: string"),
            },
            _ => throw new CelException($"undeclared reference to '{call.Function}'"),
        };
    }

    private static object? Macro(CelCall call, IReadOnlyDictionary<string, object?> variables)
    {
        if (call.Args.Count != 2 || call.Args[0] is not CelIdent variable)
        {
            throw new CelException($"{call.Function}() expects a variable and an expression");
        }
        var source = Evaluate(call.Target!, variables);
        IEnumerable<object?> items = source switch
        {
            List<object?> list => list,
            JsonObject map => map.Select(p => (object?)p.Key),
            _ => throw new CelException($"no such overload: {call.Function}"),
        };
        var scope = new Dictionary<string, object?>(variables);
        object? Apply(object? item)
        {
            scope[variable.Name] = item;
            return Evaluate(call.Args[1], scope);
        }
        return call.Function switch
        {
            "all" => items.All(i => AsBool(Apply(i))),
            "exists" => items.Any(i => AsBool(Apply(i))),
            "exists_one" => items.Count(i => AsBool(Apply(i))) == 1,
            "map" => items.Select(Apply).ToList(),
            _ => items.Where(i => AsBool(Apply(i))).ToList(),
        };
    }

    public static bool ValuesEqual(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (long a, double b) => a == b,
        (double a, long b) => a == b,
        (List<object?> a, List<object?> b) => a.Count == b.Count && a.Zip(b).All(p => ValuesEqual(p.First, p.Second)),
        (JsonObject a, JsonObject b) => JsonNode.DeepEquals(a, b),
        _ => left.Equals(right),
    };

    private static int Compare(object? left, object? right) => (left, right) switch
    {
        (long a, long b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        (bool a, bool b) => a.CompareTo(b),
        _ => ToDouble(left).CompareTo(ToDouble(right)),
    };

    private static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        _ => throw new CelException("no matching overload for numeric operation"),
    };

    private static bool AsBool(object? value) => value is bool b ? b : throw new CelException("no matching overload: expected bool");

    private static string AsString(object? value) => value as string ?? throw new CelException("no matching overload: expected string");
}
