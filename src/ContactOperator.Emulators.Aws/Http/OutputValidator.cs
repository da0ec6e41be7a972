using System.Text.Json;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Models;

namespace ContactOperator.Emulators.Aws.Http;

/// <summary>
/// Checks what the emulator is about to send against the model's output shape: every member must exist
/// in the model with the right JSON type. A mismatch is an emulator bug (a client would silently drop the
/// member), so it is answered as a 500 naming the member instead of being sent.
/// </summary>
internal static class OutputValidator
{
    public static IReadOnlyList<string> Validate(ServiceModel model, JsonObject shape, JsonObject output)
    {
        var problems = new List<string>();
        Check(model, shape, output, "output", problems);
        return problems;
    }

    private static void Check(ServiceModel model, JsonObject shape, JsonNode? value, string path, List<string> problems)
    {
        if (value is null)
        {
            return;
        }

        switch (ServiceModel.TypeOf(shape))
        {
            case "structure":
                if (value is not JsonObject obj)
                {
                    problems.Add($"{path} should be an object");
                    return;
                }

                var members = shape["members"]?.AsObject() ?? [];
                foreach (var (name, child) in obj)
                {
                    if (members[name] is not JsonObject member)
                    {
                        problems.Add($"{path}.{name} is not in the model");
                        continue;
                    }

                    var resolved = model.Resolve(member);
                    if (resolved["location"] is null)
                    {
                        Check(model, resolved, child, $"{path}.{name}", problems);
                    }
                }

                break;
            case "list":
                if (value is not JsonArray array)
                {
                    problems.Add($"{path} should be an array");
                    return;
                }

                var item = model.Resolve(shape["member"]!.AsObject());
                for (var i = 0; i < array.Count; i++)
                {
                    Check(model, item, array[i], $"{path}[{i}]", problems);
                }

                break;
            case "map":
                if (value is not JsonObject map)
                {
                    problems.Add($"{path} should be a map");
                    return;
                }

                var valueShape = model.Resolve(shape["value"]!.AsObject());
                foreach (var (key, child) in map)
                {
                    Check(model, valueShape, child, $"{path}.{key}", problems);
                }

                break;
            case "integer" or "long" or "double" or "float" or "timestamp":
                if (value.GetValueKind() != JsonValueKind.Number)
                {
                    problems.Add($"{path} should be a number");
                }

                break;
            case "boolean":
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{path} should be a boolean");
                }

                break;
            default:
                if (value.GetValueKind() != JsonValueKind.String)
                {
                    problems.Add($"{path} should be a string");
                }

                break;
        }
    }
}
