using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactOperator.Api.Schema;
using k8s.Models;

namespace ContactOperator.Crds;

/// <summary>
/// Builds a structural OpenAPI v3 schema from a spec or status type: properties in camelCase, <c>required</c> from
/// C# <c>required</c> members, constraints from DataAnnotations, descriptions from XML docs, and CEL immutability
/// rules from <see cref="ImmutableAttribute"/>. Runs at generation time only.
/// </summary>
public sealed class SchemaBuilder(XmlDocumentation docs)
{
    private const string ImmutableRule = "self == oldSelf";

    public JsonObject ForObject([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type, string path)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            properties[name] = ForProperty(property, $"{path}.{name}");
            if (property.GetCustomAttribute<RequiredMemberAttribute>() is not null)
            {
                required.Add(name);
            }
        }
        var schema = new JsonObject { ["type"] = "object" };
        if (docs.ForType(type) is { } description)
        {
            schema["description"] = description;
        }
        schema["properties"] = properties;
        if (required.Count > 0)
        {
            schema["required"] = required;
        }
        return schema;
    }

    private JsonObject ForProperty(PropertyInfo property, string path)
    {
        var schema = ForType(property.PropertyType, path, property);
        if (docs.ForProperty(property) is { } description)
        {
            // Description first, for readable YAML.
            var ordered = new JsonObject { ["description"] = description };
            foreach (var (key, value) in schema.ToList())
            {
                if (key != "description")
                {
                    schema.Remove(key);
                    ordered[key] = value;
                }
            }
            schema = ordered;
        }
        ApplyConstraints(schema, property);
        if (property.GetCustomAttribute<ImmutableAttribute>() is not null)
        {
            schema["x-kubernetes-validations"] = new JsonArray(new JsonObject
            {
                ["rule"] = ImmutableRule,
                ["message"] = $"{path} is immutable",
            });
        }
        return schema;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Generation-time reflection over the API assembly, which is always fully present.")]
    private JsonObject ForType(Type type, string path, PropertyInfo? property)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }
        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }
        if (type == typeof(int))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        }
        if (type == typeof(long))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        }
        if (type == typeof(double))
        {
            return new JsonObject { ["type"] = "number", ["format"] = "double" };
        }
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }
        if (DictionaryValueType(type) is { } valueType)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = ForType(valueType, path + "[*]", null) };
        }
        if (ListItemType(type) is { } itemType)
        {
            if (itemType == typeof(V1Condition))
            {
                return ConditionsSchema();
            }
            var items = ForType(itemType, path + "[*]", null);
            if (property?.GetCustomAttribute<ItemPatternAttribute>() is { } itemPattern)
            {
                items["pattern"] = itemPattern.Pattern;
            }
            return new JsonObject { ["type"] = "array", ["items"] = items };
        }
        if (type.IsClass)
        {
            return ForObject(type, path);
        }
        throw new NotSupportedException($"{path}: no schema mapping for {type.Name}");
    }

    private static void ApplyConstraints(JsonObject schema, PropertyInfo property)
    {
        var isArray = (string?)schema["type"] == "array";
        foreach (var attribute in property.GetCustomAttributes())
        {
            switch (attribute)
            {
                case StringLengthAttribute length:
                    schema["minLength"] = length.MinimumLength;
                    schema["maxLength"] = length.MaximumLength;
                    break;
                case MinLengthAttribute min:
                    schema[isArray ? "minItems" : "minLength"] = min.Length;
                    break;
                case MaxLengthAttribute max:
                    schema[isArray ? "maxItems" : "maxLength"] = max.Length;
                    break;
                case RegularExpressionAttribute regex:
                    schema["pattern"] = regex.Pattern;
                    break;
                case RangeAttribute range:
                    schema["minimum"] = JsonValue.Create(Convert.ToInt64(range.Minimum, System.Globalization.CultureInfo.InvariantCulture));
                    schema["maximum"] = JsonValue.Create(Convert.ToInt64(range.Maximum, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case AllowedValuesAttribute allowed:
                    schema["enum"] = new JsonArray(allowed.Values.Select(v => (JsonNode?)JsonValue.Create((string?)v)).ToArray());
                    break;
                case DefaultValueAttribute defaultValue:
                    schema["default"] = defaultValue.Value switch
                    {
                        bool b => JsonValue.Create(b),
                        int i => JsonValue.Create(i),
                        string s => JsonValue.Create(s),
                        var other => throw new NotSupportedException($"default of type {other?.GetType().Name} on {property.Name}"),
                    };
                    break;
            }
        }
    }

    private static Type? ListItemType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1)
        {
            return type.GetGenericArguments()[0];
        }
        return null;
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var key, var value] && key == typeof(string)
        && type.GetGenericTypeDefinition() is var definition
        && (definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            ? value
            : null;

    /// <summary>The schema of metav1.Condition, as Kubernetes publishes it.</summary>
    private static JsonObject ConditionsSchema() => new()
    {
        ["type"] = "array",
        ["x-kubernetes-list-type"] = "map",
        ["x-kubernetes-list-map-keys"] = new JsonArray("type"),
        ["items"] = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "Condition contains details for one aspect of the current state of this API Resource.",
            ["required"] = new JsonArray("lastTransitionTime", "message", "reason", "status", "type"),
            ["properties"] = new JsonObject
            {
                ["lastTransitionTime"] = new JsonObject { ["type"] = "string", ["format"] = "date-time", ["description"] = "Last time the condition transitioned from one status to another." },
                ["message"] = new JsonObject { ["type"] = "string", ["maxLength"] = 32768, ["description"] = "Human readable message indicating details about the transition." },
                ["observedGeneration"] = new JsonObject { ["type"] = "integer", ["format"] = "int64", ["minimum"] = 0, ["description"] = "The .metadata.generation that the condition was set based upon." },
                ["reason"] = new JsonObject { ["type"] = "string", ["maxLength"] = 1024, ["minLength"] = 1, ["pattern"] = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$", ["description"] = "Programmatic identifier of the reason for the condition's last transition, in CamelCase." },
                ["status"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("True", "False", "Unknown"), ["description"] = "Status of the condition, one of True, False, Unknown." },
                ["type"] = new JsonObject { ["type"] = "string", ["maxLength"] = 316, ["pattern"] = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$", ["description"] = "Type of condition in CamelCase." },
            },
        },
    };
}
