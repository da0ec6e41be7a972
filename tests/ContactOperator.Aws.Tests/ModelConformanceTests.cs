using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;

namespace ContactOperator.Aws.Tests;

/// <summary>
/// Every operation the clients implement, checked against the official JSON service model read at test time:
/// HTTP method, URI template, where each member travels, required members, X-Amz-Target for json 1.0, and that a
/// fully populated model response unmarshals with nothing lost.
/// </summary>
public sealed class ModelConformanceTests
{
    private static readonly Dictionary<string, (string ModelFile, IReadOnlyList<AwsOperationBinding> Bindings)> Services = new()
    {
        ["connect"] = ("connect-2017-08-08.min.json", ConnectOperations.Bindings),
        ["arc-control-config"] = ("route53-recovery-control-config-2020-11-02.min.json", ArcControlConfigOperations.Bindings),
        ["arc-cluster"] = ("route53-recovery-cluster-2019-12-02.min.json", ArcClusterOperations.Bindings),
    };

    private static readonly Dictionary<string, ServiceModel> Models = new();

    public static TheoryData<string, string> AllOperations()
    {
        var data = new TheoryData<string, string>();
        foreach (var (service, (_, bindings)) in Services)
        {
            foreach (var binding in bindings)
            {
                data.Add(service, binding.Operation.Name);
            }
        }

        return data;
    }

    /// <summary>Which operations are generated is the operator's (its declarations, checked against these clients in its own tests).</summary>
    [Fact]
    public void Every_generated_operation_has_its_method_on_the_client_interface()
    {
        var clients = new[]
        {
            (ConnectOperations.Bindings, typeof(IConnectClient)),
            (ArcControlConfigOperations.Bindings, typeof(IArcControlConfigClient)),
            (ArcClusterOperations.Bindings, typeof(IArcClusterClient)),
        };
        foreach (var (bindings, client) in clients)
        {
            Assert.NotEmpty(bindings);
            foreach (var binding in bindings)
            {
                var method = client.GetMethod(binding.Operation.Name + "Async");
                Assert.True(method is not null, $"{client.Name}.{binding.Operation.Name}Async is missing");
                Assert.Equal(typeof(Task<>).MakeGenericType(binding.ResponseType), method.ReturnType);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllOperations))]
    public void Operation_matches_the_AWS_model(string service, string operationName)
    {
        var (modelFile, bindings) = Services[service];
        var model = Model(modelFile);
        var binding = bindings.Single(b => b.Operation.Name == operationName);
        var spec = model.Operation(operationName);
        Assert.True(spec is not null, $"{operationName} is not in {modelFile}");
        var isJson = model.Metadata["protocol"]!.GetValue<string>() == "json";
        var input = spec["input"] is JsonObject i ? model.Resolve(i) : null;
        var output = spec["output"] is JsonObject o ? model.Resolve(o) : null;
        var modelMethod = spec["http"]?["method"]?.GetValue<string>() ?? "POST";
        var modelUri = spec["http"]?["requestUri"]?.GetValue<string>() ?? "/";

        // method and URI
        Assert.Equal(modelMethod, binding.Operation.HttpMethod);
        Assert.Equal(modelUri, binding.Operation.RequestUri);
        Assert.Equal(model.Metadata["serviceId"]!.GetValue<string>(), binding.Operation.Service);

        // request record: one property per model member, the model's required members marked required
        var requestProperties = binding.RequestType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract").ToDictionary(p => p.Name);
        var required = ServiceModel.Required(input);
        var modelMembers = ServiceModel.Members(input).ToList();
        Assert.Equal(modelMembers.Select(m => Pascal(m.Key)).Order(), requestProperties.Keys.Order());
        foreach (var (name, _) in modelMembers)
        {
            Assert.True(
                SampleObjects.IsRequired(requestProperties[Pascal(name)]) == required.Contains(name),
                $"{binding.RequestType.Name}.{Pascal(name)}: required in model = {required.Contains(name)}");
        }

        // marshalling a request with every member set puts each member where the model says
        var request = SampleObjects.Create(binding.RequestType);
        var built = binding.Marshall(request);
        var body = built.Body is null ? null : JsonNode.Parse(built.Body)!.AsObject();
        if (isJson)
        {
            Assert.Equal("POST", built.HttpMethod);
            Assert.Equal("/", built.UriTemplate);
            Assert.Equal($"{model.Metadata["targetPrefix"]!.GetValue<string>()}.{operationName}", built.Headers["X-Amz-Target"]);
            Assert.Equal("application/x-amz-json-1.0", built.ContentType);
        }
        else
        {
            Assert.Equal(modelMethod, built.HttpMethod);
            Assert.Equal(modelUri.Split('?')[0], built.UriTemplate);
            var labels = System.Text.RegularExpressions.Regex.Matches(modelUri, @"\{(\w+)\+?\}").Select(m => m.Groups[1].Value).ToHashSet();
            Assert.Equal(labels.Order(), built.PathLabels.Keys.Order());
        }

        var errors = new List<string>();
        foreach (var (name, member) in modelMembers)
        {
            var location = member["location"]?.GetValue<string>();
            var wire = member["locationName"]?.GetValue<string>() ?? name;
            switch (location)
            {
                case "uri":
                    if (!built.PathLabels.ContainsKey(wire))
                    {
                        errors.Add($"{name}: not bound to URI label {{{wire}}}");
                    }

                    break;
                case "querystring":
                    if (!built.Query.Any(q => q.Key == wire))
                    {
                        errors.Add($"{name}: not sent as query parameter '{wire}'");
                    }

                    break;
                case "header":
                    if (!built.Headers.ContainsKey(wire))
                    {
                        errors.Add($"{name}: not sent as header '{wire}'");
                    }

                    break;
                default:
                    if (body?[name] is not { } value)
                    {
                        errors.Add($"{name}: missing from the JSON body");
                    }
                    else
                    {
                        CheckJsonShape(model, value, model.Resolve(member), $"body.{name}", errors);
                    }

                    break;
            }
        }

        if (body is not null)
        {
            var bodyMembers = modelMembers.Where(m => m.Value["location"] is null).Select(m => m.Key).ToHashSet();
            errors.AddRange(body.Select(p => p.Key).Where(k => !bodyMembers.Contains(k)).Select(k => $"body has '{k}', which the model does not place in the body"));
        }

        Assert.True(errors.Count == 0, $"{operationName}: " + string.Join("; ", errors));

        // a required member left null is refused before anything is sent, naming the member
        foreach (var (name, _) in modelMembers.Where(m => required.Contains(m.Key)))
        {
            var property = requestProperties[Pascal(name)];
            if (property.PropertyType.IsValueType)
            {
                continue;
            }

            var incomplete = SampleObjects.Create(binding.RequestType);
            property.SetValue(incomplete, null);
            var refused = Assert.Throws<ArgumentException>(() => binding.Marshall(incomplete));
            Assert.Contains(Pascal(name), refused.Message, StringComparison.Ordinal);
        }

        // unmarshalling a response with every member set loses nothing
        var responseProperties = binding.ResponseType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract").Select(p => p.Name);
        var outputMembers = ServiceModel.Members(output).Select(m => Pascal(m.Key));
        Assert.Equal(outputMembers.Order(), responseProperties.Order());
        if (output is not null)
        {
            using var document = JsonDocument.Parse(model.Sample(output).ToJsonString());
            var response = binding.Unmarshall(document.RootElement);
            var lost = SampleObjects.NullMembers(response, binding.ResponseType.Name).ToList();
            Assert.True(lost.Count == 0, $"{operationName}: unmarshalling lost " + string.Join(", ", lost));
        }
    }

    private static void CheckJsonShape(ServiceModel model, JsonNode node, JsonObject type, string path, List<string> errors)
    {
        switch (ServiceModel.TypeOf(type))
        {
            case "structure":
                if (node is not JsonObject obj)
                {
                    errors.Add($"{path}: expected an object");
                    return;
                }

                var members = ServiceModel.Members(type).ToDictionary(m => m.Key, m => m.Value);
                foreach (var (name, member) in members)
                {
                    if (obj[name] is { } child)
                    {
                        CheckJsonShape(model, child, model.Resolve(member), $"{path}.{name}", errors);
                    }
                    else
                    {
                        errors.Add($"{path}.{name}: missing");
                    }
                }

                errors.AddRange(obj.Select(p => p.Key).Where(k => !members.ContainsKey(k)).Select(k => $"{path}.{k}: not in the model"));
                break;
            case "list":
                if (node is not JsonArray array || array.Count == 0)
                {
                    errors.Add($"{path}: expected a non-empty array");
                    return;
                }

                CheckJsonShape(model, array[0]!, model.Resolve(type["member"]!.AsObject()), path + "[0]", errors);
                break;
            case "map":
                if (node is not JsonObject map)
                {
                    errors.Add($"{path}: expected a map object");
                    return;
                }

                foreach (var (key, value) in map)
                {
                    CheckJsonShape(model, value!, model.Resolve(type["value"]!.AsObject()), $"{path}[{key}]", errors);
                }

                break;
            case "integer" or "long" or "double" or "float" or "timestamp":
                if (node.GetValueKind() != JsonValueKind.Number)
                {
                    errors.Add($"{path}: expected a number");
                }

                break;
            case "boolean":
                if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{path}: expected a boolean");
                }

                break;
            default:
                if (node.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add($"{path}: expected a string");
                }

                break;
        }
    }

    private static ServiceModel Model(string file)
    {
        lock (Models)
        {
            if (!Models.TryGetValue(file, out var model))
            {
                model = ServiceModel.Load(file);
                Models[file] = model;
            }

            return model;
        }
    }

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
