using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContactOperator.Emulators.Kubernetes.Crd.Cel;
using ContactOperator.Emulators.Kubernetes.Http;

namespace ContactOperator.Emulators.Kubernetes.Crd;

/// <summary>
/// Validates an object against a structural schema (OpenAPI v3 subset) and then its
/// <c>x-kubernetes-validations</c> CEL rules, the way the apiextensions server reports errors.
/// </summary>
internal static class SchemaValidator
{
    private static readonly ConcurrentDictionary<string, CelNode> ParsedRules = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    public static List<FieldError> Validate(JsonObject obj, JsonObject schema, JsonObject? old)
    {
        var errors = new List<FieldError>();
        var rootSchema = schema.DeepClone().AsObject();
        if (rootSchema["properties"] is JsonObject props)
        {
            // metadata is validated by the generic metadata rules, not by the CRD schema
            props.Remove("metadata");
        }
        ValidateValue(obj, rootSchema, "", errors);
        var blocking = errors.Any(e => e.Reason is "FieldValueTypeInvalid" or "FieldValueRequired" or "FieldValueNotSupported" or "FieldValueTooLong" or "FieldValueTooMany");
        if (!blocking)
        {
            RunRules(obj, old, rootSchema, "", errors);
        }
        return errors;
    }

    private static void ValidateValue(JsonNode? value, JsonObject schema, string path, List<FieldError> errors)
    {
        if (value is null)
        {
            if (!SchemaPruner.IsTrue(schema, "nullable") && schema["type"] is not null)
            {
                errors.Add(FieldError.TypeInvalid(DisplayPath(path), "null", $"{DisplayPath(path)} in body must be of type {schema["type"]}: \"null\""));
            }
            return;
        }
        var type = Meta.String(schema, "type");
        var intOrString = SchemaPruner.IsTrue(schema, "x-kubernetes-int-or-string");
        if (!intOrString && type is not null && !HasType(value, type))
        {
            errors.Add(FieldError.TypeInvalid(DisplayPath(path), Render(value), $"{DisplayPath(path)} in body must be of type {type}: \"{KindName(value)}\""));
            return;
        }
        if (intOrString && !(HasType(value, "integer") || HasType(value, "string")))
        {
            errors.Add(FieldError.TypeInvalid(DisplayPath(path), Render(value), $"{DisplayPath(path)} in body must be of type integer or string: \"{KindName(value)}\""));
            return;
        }
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add(FieldError.NotSupported(DisplayPath(path), Render(value), allowed.Select(FieldError.Value)));
        }
        switch (value)
        {
            case JsonObject obj:
                ValidateObject(obj, schema, path, errors);
                break;
            case JsonArray array:
                ValidateArray(array, schema, path, errors);
                break;
            case JsonValue scalar:
                ValidateScalar(scalar, schema, path, errors);
                break;
        }
        foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (schema[keyword] is not JsonArray alternatives)
            {
                continue;
            }
            var outcomes = alternatives.OfType<JsonObject>().Select(s =>
            {
                var nested = new List<FieldError>();
                ValidateValue(value, s, path, nested);
                return nested;
            }).ToList();
            if (keyword == "allOf")
            {
                errors.AddRange(outcomes.SelectMany(o => o));
            }
            else if (keyword == "anyOf" && outcomes.All(o => o.Count > 0))
            {
                errors.Add(FieldError.InvalidValue(DisplayPath(path), Render(value), $"{DisplayPath(path)} in body must match at least one schema (anyOf)"));
            }
            else if (keyword == "oneOf" && outcomes.Count(o => o.Count == 0) != 1)
            {
                errors.Add(FieldError.InvalidValue(DisplayPath(path), Render(value), $"{DisplayPath(path)} in body must match exactly one schema (oneOf)"));
            }
        }
        if (schema["not"] is JsonObject notSchema)
        {
            var nested = new List<FieldError>();
            ValidateValue(value, notSchema, path, nested);
            if (nested.Count == 0)
            {
                errors.Add(FieldError.InvalidValue(DisplayPath(path), Render(value), $"{DisplayPath(path)} in body must not validate the schema (not)"));
            }
        }
    }

    private static void ValidateObject(JsonObject obj, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r?.GetValue<string>() ?? ""))
            {
                if (!obj.ContainsKey(name))
                {
                    errors.Add(FieldError.Required(Join(path, name)));
                }
            }
        }
        if (Number(schema, "maxProperties") is { } maxProperties && obj.Count > maxProperties)
        {
            errors.Add(FieldError.TooMany(DisplayPath(path), obj.Count, (int)maxProperties));
        }
        if (Number(schema, "minProperties") is { } minProperties && obj.Count < minProperties)
        {
            errors.Add(FieldError.InvalidValue(DisplayPath(path), obj.Count.ToString(CultureInfo.InvariantCulture),
                $"{DisplayPath(path)} in body should have at least {minProperties} properties"));
        }
        var properties = schema["properties"] as JsonObject;
        foreach (var (key, child) in obj)
        {
            var childSchema = properties?[key] as JsonObject ?? schema["additionalProperties"] as JsonObject;
            if (childSchema is not null)
            {
                ValidateValue(child, childSchema, Join(path, key), errors);
            }
        }
    }

    private static void ValidateArray(JsonArray array, JsonObject schema, string path, List<FieldError> errors)
    {
        if (Number(schema, "maxItems") is { } maxItems && array.Count > maxItems)
        {
            errors.Add(FieldError.TooMany(DisplayPath(path), array.Count, (int)maxItems));
        }
        if (Number(schema, "minItems") is { } minItems && array.Count < minItems)
        {
            errors.Add(FieldError.InvalidValue(DisplayPath(path), array.Count.ToString(CultureInfo.InvariantCulture),
                $"{DisplayPath(path)} in body should have at least {minItems} items"));
        }
        var listType = Meta.String(schema, "x-kubernetes-list-type");
        if (listType == "set" || SchemaPruner.IsTrue(schema, "uniqueItems"))
        {
            for (var i = 0; i < array.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (JsonNode.DeepEquals(array[i], array[j]))
                    {
                        errors.Add(FieldError.Duplicate($"{DisplayPath(path)}[{i}]", Render(array[i])));
                        break;
                    }
                }
            }
        }
        if (listType == "map" && schema["x-kubernetes-list-map-keys"] is JsonArray mapKeys)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < array.Count; i++)
            {
                var key = string.Join("\u0000", mapKeys.Select(k => array[i]?[k!.GetValue<string>()]?.ToJsonString() ?? "null"));
                if (!seen.Add(key))
                {
                    errors.Add(FieldError.Duplicate($"{DisplayPath(path)}[{i}]", "{" + key.Replace("\u0000", ", ", StringComparison.Ordinal) + "}"));
                }
            }
        }
        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                ValidateValue(array[i], items, $"{path}[{i}]", errors);
            }
        }
    }

    private static void ValidateScalar(JsonValue scalar, JsonObject schema, string path, List<FieldError> errors)
    {
        var display = DisplayPath(path);
        if (scalar.GetValueKind() == JsonValueKind.String)
        {
            var text = scalar.GetValue<string>();
            var length = text.EnumerateRunes().Count();
            if (Number(schema, "maxLength") is { } maxLength && length > maxLength)
            {
                errors.Add(FieldError.TooLong(display, (int)maxLength));
            }
            if (Number(schema, "minLength") is { } minLength && length < minLength)
            {
                errors.Add(FieldError.InvalidValue(display, Render(scalar), $"{display} in body should be at least {minLength} chars long"));
            }
            if (Meta.String(schema, "pattern") is { } pattern && !Pattern(pattern).IsMatch(text))
            {
                errors.Add(FieldError.InvalidValue(display, Render(scalar), $"{display} in body should match '{pattern}'"));
            }
            if (Meta.String(schema, "format") is { } format && !FormatChecker.IsValid(format, text))
            {
                errors.Add(FieldError.InvalidValue(display, Render(scalar), $"{display} in body must be of type {format}: {Render(scalar)}"));
            }
            return;
        }
        if (scalar.GetValueKind() != JsonValueKind.Number)
        {
            return;
        }
        JsonNumbers.TryGetDouble(scalar, out var number);
        var rendered = Render(scalar);
        if (Number(schema, "maximum") is { } maximum)
        {
            var exclusive = SchemaPruner.IsTrue(schema, "exclusiveMaximum");
            if (exclusive ? number >= maximum : number > maximum)
            {
                errors.Add(FieldError.InvalidValue(display, rendered,
                    $"{display} in body should be less than {(exclusive ? "" : "or equal to ")}{Format(maximum)}"));
            }
        }
        if (Number(schema, "minimum") is { } minimum)
        {
            var exclusive = SchemaPruner.IsTrue(schema, "exclusiveMinimum");
            if (exclusive ? number <= minimum : number < minimum)
            {
                errors.Add(FieldError.InvalidValue(display, rendered,
                    $"{display} in body should be greater than {(exclusive ? "" : "or equal to ")}{Format(minimum)}"));
            }
        }
        if (Number(schema, "multipleOf") is { } multipleOf && multipleOf != 0 && Math.Abs(Math.IEEERemainder(number, multipleOf)) > 1e-9)
        {
            errors.Add(FieldError.InvalidValue(display, rendered, $"{display} in body should be a multiple of {Format(multipleOf)}"));
        }
    }

    private static void RunRules(JsonNode? value, JsonNode? old, JsonObject schema, string path, List<FieldError> errors)
    {
        if (value is null)
        {
            return;
        }
        if (schema["x-kubernetes-validations"] is JsonArray rules)
        {
            foreach (var rule in rules.OfType<JsonObject>())
            {
                EvaluateRule(rule, value, old, path, errors);
            }
        }
        switch (value)
        {
            case JsonObject obj:
                var properties = schema["properties"] as JsonObject;
                foreach (var (key, child) in obj)
                {
                    var childSchema = properties?[key] as JsonObject ?? schema["additionalProperties"] as JsonObject;
                    if (childSchema is not null)
                    {
                        RunRules(child, (old as JsonObject)?[key], childSchema, Join(path, key), errors);
                    }
                }
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    RunRules(array[i], CorrelatedElement(array[i], old as JsonArray, schema), items, $"{path}[{i}]", errors);
                }
                break;
        }
    }

    private static JsonNode? CorrelatedElement(JsonNode? element, JsonArray? oldArray, JsonObject schema)
    {
        if (oldArray is null || Meta.String(schema, "x-kubernetes-list-type") != "map" || schema["x-kubernetes-list-map-keys"] is not JsonArray keys)
        {
            return null;
        }
        return oldArray.FirstOrDefault(o => keys.All(k => JsonNode.DeepEquals(o?[k!.GetValue<string>()], element?[k!.GetValue<string>()])));
    }

    private static void EvaluateRule(JsonObject rule, JsonNode value, JsonNode? old, string path, List<FieldError> errors)
    {
        var text = Meta.String(rule, "rule") ?? "";
        var isTransition = text.Contains("oldSelf", StringComparison.Ordinal);
        var optionalOld = rule["optionalOldSelf"] is JsonValue ov && ov.TryGetValue<bool>(out var optional) && optional;
        if (isTransition && old is null && !optionalOld)
        {
            return;
        }
        var fieldPath = path;
        if (Meta.String(rule, "fieldPath") is { Length: > 0 } relative)
        {
            fieldPath = path + (relative.StartsWith('.') ? relative : "." + relative);
            fieldPath = fieldPath.TrimStart('.');
        }
        var reason = Meta.String(rule, "reason") switch
        {
            "FieldValueRequired" => "FieldValueRequired",
            "FieldValueDuplicate" => "FieldValueDuplicate",
            "FieldValueForbidden" => "FieldValueForbidden",
            _ => "FieldValueInvalid",
        };
        try
        {
            var ast = ParsedRules.GetOrAdd(text, CelParser.Parse);
            var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["self"] = CelEvaluator.FromJson(value),
                ["oldSelf"] = CelEvaluator.FromJson(old),
            };
            if (CelEvaluator.Evaluate(ast, variables) is true)
            {
                return;
            }
            var message = Meta.String(rule, "message") ?? $"failed rule: {text}";
            if (Meta.String(rule, "messageExpression") is { } messageExpression)
            {
                try
                {
                    if (CelEvaluator.Evaluate(ParsedRules.GetOrAdd(messageExpression, CelParser.Parse), variables) is string computed)
                    {
                        message = computed;
                    }
                }
                catch (CelException)
                {
                    // a failing messageExpression falls back to the static message, as the apiserver does
                }
            }
            errors.Add(new FieldError(reason, DisplayPath(fieldPath), reason == "FieldValueInvalid"
                ? $"Invalid value: \"{KindName(value)}\": {message}"
                : message));
        }
        catch (CelException ex)
        {
            errors.Add(new FieldError("FieldValueInvalid", DisplayPath(fieldPath), $"Invalid value: \"{KindName(value)}\": {ex.Message} evaluating rule: {text}"));
        }
    }

    private static bool HasType(JsonNode value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue s && s.GetValueKind() == JsonValueKind.String,
        "boolean" => value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "integer" => value is JsonValue i && i.GetValueKind() == JsonValueKind.Number && IsInteger(i),
        "number" => value is JsonValue n && n.GetValueKind() == JsonValueKind.Number,
        _ => true,
    };

    private static bool IsInteger(JsonValue value) => JsonNumbers.TryGetLong(value, out _);

    private static string KindName(JsonNode value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => IsInteger(v) ? "integer" : "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "null",
    };

    private static string Render(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "\"object\"",
        JsonArray => "\"array\"",
        _ => FieldError.Value(value),
    };

    private static string Format(double number) => number.ToString(CultureInfo.InvariantCulture);

    private static double? Number(JsonObject schema, string field) =>
        JsonNumbers.TryGetDouble(schema[field], out var value) ? value : null;

    private static Regex Pattern(string pattern) =>
        Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static string DisplayPath(string path) => path.Length == 0 ? "<root>" : path;
}
