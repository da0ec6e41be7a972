using System.Text.Json.Nodes;

namespace ContactOperator.Aws.Tests.Support;

/// <summary>Reads an AWS min JSON service model (shared shapes by id, inline structures, default type string).</summary>
internal sealed class ServiceModel
{
    private static readonly JsonObject StringType = new() { ["type"] = "string" };
    private readonly JsonObject _root;

    private ServiceModel(JsonObject root) => _root = root;

    public JsonObject Metadata => _root["metadata"]!.AsObject();

    public static ServiceModel Load(string fileName)
    {
        var path = Path.Combine(RepoPaths.AwsModels, fileName);
        Assert.True(File.Exists(path), $"AWS model {path} is missing.");
        return new ServiceModel(JsonNode.Parse(File.ReadAllText(path))!.AsObject());
    }

    public JsonObject? Operation(string name) => _root["operations"]?[name]?.AsObject();

    /// <summary>The type node of a member: the shared shape it names, or the member itself.</summary>
    public JsonObject Resolve(JsonObject member)
    {
        if (member["shape"] is JsonValue shape)
        {
            return _root["shapes"]![shape.GetValue<string>()]!.AsObject();
        }

        return member["type"] is null ? StringType : member;
    }

    public static string TypeOf(JsonObject type) => type["type"]?.GetValue<string>() ?? "string";

    public static IEnumerable<KeyValuePair<string, JsonObject>> Members(JsonObject? structure) =>
        (structure?["members"]?.AsObject() ?? []).Select(m => new KeyValuePair<string, JsonObject>(m.Key, m.Value!.AsObject()));

    public static IReadOnlySet<string> Required(JsonObject? structure) =>
        (structure?["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    /// <summary>A JSON value with every member of <paramref name="type"/> filled, as AWS would send it.</summary>
    public JsonNode Sample(JsonObject type, int depth = 0)
    {
        switch (TypeOf(type))
        {
            case "structure":
                var obj = new JsonObject();
                foreach (var (name, member) in Members(type))
                {
                    if (depth < 8)
                    {
                        obj[name] = Sample(Resolve(member), depth + 1);
                    }
                }

                return obj;
            case "list":
                return new JsonArray(Sample(Resolve(type["member"]!.AsObject()), depth + 1));
            case "map":
                return new JsonObject { ["key1"] = Sample(Resolve(type["value"]!.AsObject()), depth + 1) };
            case "integer":
            case "long":
                return JsonValue.Create(7);
            case "double":
            case "float":
                return JsonValue.Create(1.5);
            case "boolean":
                return JsonValue.Create(true);
            case "timestamp":
                return JsonValue.Create(1764000000.5);
            default:
                return JsonValue.Create("sample");
        }
    }
}
