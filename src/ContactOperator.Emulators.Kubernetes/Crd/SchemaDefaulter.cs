using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Crd;

/// <summary>Applies <c>default</c> values of a structural schema where the parent object exists.</summary>
internal static class SchemaDefaulter
{
    public static void Apply(JsonNode? value, JsonObject schema)
    {
        switch (value)
        {
            case JsonObject obj:
                if (schema["properties"] is JsonObject properties)
                {
                    foreach (var (key, propertySchema) in properties)
                    {
                        if (propertySchema is not JsonObject ps)
                        {
                            continue;
                        }
                        if (!obj.ContainsKey(key) && ps["default"] is { } defaultValue)
                        {
                            obj[key] = defaultValue.DeepClone();
                        }
                        if (obj[key] is { } child)
                        {
                            Apply(child, ps);
                        }
                    }
                }
                if (schema["additionalProperties"] is JsonObject additional)
                {
                    foreach (var (key, child) in obj.ToList())
                    {
                        if (schema["properties"]?[key] is null && child is not null)
                        {
                            Apply(child, additional);
                        }
                    }
                }
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                foreach (var element in array)
                {
                    Apply(element, items);
                }
                break;
        }
    }
}
