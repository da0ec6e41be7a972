using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Models;

namespace ContactOperator.Emulators.Aws.Http;

/// <summary>
/// Checks an operation's input against its model shape: required members present, JSON types right.
/// Messages follow the "1 validation error detected: Value null at 'name' failed to satisfy constraint"
/// wording AWS uses for model validation.
/// </summary>
internal static class InputValidator
{
    public static IReadOnlyList<string> Validate(ServiceModel model, JsonObject shape, JsonObject input)
    {
        var errors = new List<string>();
        ValidateStructure(model, shape, input, string.Empty, errors);
        return errors;
    }

    public static string Describe(IReadOnlyList<string> errors) =>
        $"{errors.Count} validation error{(errors.Count == 1 ? string.Empty : "s")} detected: {string.Join("; ", errors)}";

    private static void ValidateStructure(ServiceModel model, JsonObject shape, JsonObject value, string path, List<string> errors)
    {
        var members = shape["members"]?.AsObject();
        if (members is null)
        {
            return;
        }

        foreach (var required in shape["required"]?.AsArray() ?? [])
        {
            var name = required!.GetValue<string>();
            if (value[name] is null)
            {
                errors.Add($"Value null at '{Join(path, name)}' failed to satisfy constraint: Member must not be null");
            }
        }

        foreach (var (name, memberNode) in members)
        {
            if (value[name] is { } memberValue)
            {
                ValidateValue(model, model.Resolve(memberNode!.AsObject()), memberValue, Join(path, name), errors);
            }
        }
    }

    private static void ValidateValue(ServiceModel model, JsonObject shape, JsonNode value, string path, List<string> errors)
    {
        var type = ServiceModel.TypeOf(shape);
        switch (type)
        {
            case "structure":
                if (value is JsonObject obj)
                {
                    ValidateStructure(model, shape, obj, path, errors);
                }
                else
                {
                    errors.Add(TypeError(path, "structure"));
                }

                break;
            case "list":
                if (value is JsonArray array)
                {
                    var member = model.Resolve(shape["member"]!.AsObject());
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is { } item)
                        {
                            ValidateValue(model, member, item, $"{path}.{i + 1}.member", errors);
                        }
                    }
                }
                else
                {
                    errors.Add(TypeError(path, "list"));
                }

                break;
            case "map":
                if (value is JsonObject map)
                {
                    var valueShape = model.Resolve(shape["value"]!.AsObject());
                    foreach (var (key, item) in map)
                    {
                        if (item is not null)
                        {
                            ValidateValue(model, valueShape, item, $"{path}.{key}", errors);
                        }
                    }
                }
                else
                {
                    errors.Add(TypeError(path, "map"));
                }

                break;
            case "integer" or "long":
                if (!Json.JsonNumbers.TryGetInt64(value, out _))
                {
                    errors.Add(TypeError(path, type));
                }

                break;
            case "double" or "float":
                if (!IsKind(value, JsonValueKind.Number))
                {
                    errors.Add(TypeError(path, type));
                }

                break;
            case "boolean":
                if (!IsKind(value, JsonValueKind.True) && !IsKind(value, JsonValueKind.False))
                {
                    errors.Add(TypeError(path, type));
                }

                break;
            case "timestamp":
                if (!IsKind(value, JsonValueKind.Number) && !IsKind(value, JsonValueKind.String))
                {
                    errors.Add(TypeError(path, type));
                }

                break;
            default:
                if (!IsKind(value, JsonValueKind.String))
                {
                    errors.Add(TypeError(path, "string"));
                }

                break;
        }
    }

    private static bool IsKind(JsonNode node, JsonValueKind kind) => node.GetValueKind() == kind;

    private static string TypeError(string path, string type) =>
        $"Value at '{path}' failed to satisfy constraint: Member must be of type {type}";

    private static string Join(string path, string member)
    {
        var camel = member.Length > 0 ? char.ToLower(member[0], CultureInfo.InvariantCulture) + member[1..] : member;
        return path.Length == 0 ? camel : $"{path}.{camel}";
    }
}
