using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Aws.Models;

/// <summary>Wire protocols the emulator speaks.</summary>
internal enum WireProtocol
{
    RestJson,
    AwsJson10,
}

/// <summary>
/// One official AWS service model ("min" form): operations with their HTTP binding and input shape.
/// Routing and input validation are derived from it so that the contract lives in one place.
/// </summary>
internal sealed class ServiceModel
{
    private readonly JsonObject shapes;

    private ServiceModel(string signingName, WireProtocol protocol, string? targetPrefix, string errorNamespace, JsonObject root)
    {
        SigningName = signingName;
        Protocol = protocol;
        TargetPrefix = targetPrefix;
        ErrorNamespace = errorNamespace;
        shapes = root["shapes"]?.AsObject() ?? [];
        var operations = new Dictionary<string, OperationModel>(StringComparer.Ordinal);
        foreach (var (name, node) in root["operations"]!.AsObject())
        {
            var op = node!.AsObject();
            var http = op["http"]?.AsObject();
            var method = http?["method"]?.GetValue<string>() ?? "POST";
            var uri = http?["requestUri"]?.GetValue<string>() ?? "/";
            var input = op["input"] is JsonObject i ? Resolve(i) : new JsonObject { ["type"] = "structure", ["members"] = new JsonObject() };
            var output = op["output"] is JsonObject o ? Resolve(o) : new JsonObject { ["type"] = "structure", ["members"] = new JsonObject() };
            operations[name] = new OperationModel(name, method, UriTemplate.Parse(uri), input, output);
        }

        Operations = operations;
    }

    public string SigningName { get; }

    public WireProtocol Protocol { get; }

    public string? TargetPrefix { get; }

    /// <summary>Smithy namespace used in <c>__type</c> values, e.g. com.amazonaws.route53recoverycluster.</summary>
    public string ErrorNamespace { get; }

    public IReadOnlyDictionary<string, OperationModel> Operations { get; }

    public static ServiceModel Load(string resourceName, string errorNamespace)
    {
        using var stream = typeof(ServiceModel).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded service model {resourceName} is missing");
        var root = JsonNode.Parse(stream)!.AsObject();
        var metadata = root["metadata"]!.AsObject();
        var protocol = metadata["protocol"]!.GetValue<string>() switch
        {
            "rest-json" => WireProtocol.RestJson,
            "json" => WireProtocol.AwsJson10,
            var other => throw new InvalidOperationException($"protocol {other} is not emulated"),
        };
        return new ServiceModel(
            metadata["signingName"]!.GetValue<string>(),
            protocol,
            metadata["targetPrefix"]?.GetValue<string>(),
            errorNamespace,
            root);
    }

    /// <summary>Resolves a member or shape reference into a self-contained shape (member traits win over the shape's).</summary>
    public JsonObject Resolve(JsonObject member)
    {
        if (member["shape"] is not JsonValue reference)
        {
            return member;
        }

        var target = shapes[reference.GetValue<string>()]!.AsObject();
        var merged = (JsonObject)Resolve(target).DeepClone();
        foreach (var (key, value) in member)
        {
            if (key != "shape")
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged;
    }

    public static string TypeOf(JsonObject shape) =>
        shape["type"]?.GetValue<string>() ?? (shape["members"] is not null ? "structure" : "string");
}

/// <summary>An operation's HTTP binding and its input and output shapes.</summary>
internal sealed record OperationModel(string Name, string Method, UriTemplate Uri, JsonObject Input, JsonObject Output);
