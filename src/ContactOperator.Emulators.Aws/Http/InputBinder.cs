using System.Globalization;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Models;

namespace ContactOperator.Emulators.Aws.Http;

/// <summary>
/// Builds one input object per call from where each member travels (URI label, query string, header or
/// JSON body), keyed by the model's member names, so handlers never look at HTTP details.
/// </summary>
internal static class InputBinder
{
    public static JsonObject Bind(
        ServiceModel model,
        OperationModel operation,
        IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, List<string>> query,
        Func<string, string?> header,
        JsonObject body,
        List<string> errors)
    {
        var input = new JsonObject();
        foreach (var (name, memberNode) in operation.Input["members"]?.AsObject() ?? [])
        {
            var member = model.Resolve(memberNode!.AsObject());
            var location = member["location"]?.GetValue<string>();
            var wireName = member["locationName"]?.GetValue<string>() ?? member["jsonName"]?.GetValue<string>() ?? name;
            switch (location)
            {
                case "uri":
                    if (labels.TryGetValue(wireName, out var label))
                    {
                        input[name] = Scalar(member, label, name, errors);
                    }

                    break;
                case "querystring":
                    if (query.TryGetValue(wireName, out var values) && values.Count > 0)
                    {
                        input[name] = ServiceModel.TypeOf(member) == "list"
                            ? new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))])
                            : Scalar(member, values[0], name, errors);
                    }

                    break;
                case "header":
                    if (header(wireName) is { } headerValue)
                    {
                        input[name] = Scalar(member, headerValue, name, errors);
                    }

                    break;
                default:
                    if (body[wireName] is { } bodyValue)
                    {
                        input[name] = bodyValue.DeepClone();
                    }

                    break;
            }
        }

        return input;
    }

    private static JsonValue? Scalar(JsonObject member, string raw, string name, List<string> errors)
    {
        switch (ServiceModel.TypeOf(member))
        {
            case "integer" or "long":
                if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    return JsonValue.Create(number);
                }

                errors.Add($"Value '{raw}' at '{name}' failed to satisfy constraint: Member must be a number");
                return null;
            case "boolean":
                if (bool.TryParse(raw, out var flag))
                {
                    return JsonValue.Create(flag);
                }

                errors.Add($"Value '{raw}' at '{name}' failed to satisfy constraint: Member must be a boolean");
                return null;
            default:
                return JsonValue.Create(raw);
        }
    }
}
