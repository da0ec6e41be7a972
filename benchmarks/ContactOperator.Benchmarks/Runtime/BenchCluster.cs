using ContactOperator.Emulators.Kubernetes;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;

namespace ContactOperator.Benchmarks.Runtime;

/// <summary>A custom kind shaped like the operator's CRs (a small spec, conditions in status, labels).</summary>
public sealed class BenchResource : IKubernetesObject<V1ObjectMeta>
{
    public static readonly ResourceDescriptor<BenchResource> Descriptor = new("bench.contact-operator.io", "v1", "benchresources", "BenchResource");

    public string ApiVersion { get; set; } = "bench.contact-operator.io/v1";

    public string Kind { get; set; } = "BenchResource";

    public V1ObjectMeta Metadata { get; set; } = new();

    public BenchSpec Spec { get; set; } = new();

    public BenchStatus? Status { get; set; }

    public static BenchResource New(string name, int index) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "default",
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "contact-center", ["team"] = $"team-{index % 10}" },
        },
        Spec = new BenchSpec
        {
            InstanceRef = new BenchRef { Name = "main-instance" },
            Name = $"Support queue {index}",
            Description = "Queue for inbound customer support calls during business hours",
            MaxContacts = 100 + index,
            HoursOfOperationRef = new BenchRef { Name = "business-hours" },
            Tags = new Dictionary<string, string> { ["cost-center"] = "cc-1234", ["owner"] = "support" },
        },
    };
}

public sealed record BenchSpec
{
    public BenchRef? InstanceRef { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public int MaxContacts { get; set; }

    public BenchRef? HoursOfOperationRef { get; set; }

    public IDictionary<string, string>? Tags { get; set; }
}

public sealed record BenchRef
{
    public string Name { get; set; } = "";
}

public sealed record BenchStatus
{
    public string? Id { get; set; }

    public long? ObservedGeneration { get; set; }

    public IList<V1Condition>? Conditions { get; set; }
}

/// <summary>Starts the emulated API server with the BenchResource CRD.</summary>
public static class BenchCluster
{
    public static async Task<(KubernetesApiServer Server, k8s.Kubernetes Client)> StartAsync()
    {
        var server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Port = 0, WatchHistoryCapacity = 100_000 });
        var client = NewClient(server);
        var open = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true };
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = "benchresources.bench.contact-operator.io" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = "bench.contact-operator.io",
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Plural = "benchresources", Singular = "benchresource", Kind = "BenchResource", ListKind = "BenchResourceList" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = "v1",
                        Served = true,
                        Storage = true,
                        Subresources = new V1CustomResourceSubresources { Status = new object() },
                        Schema = new V1CustomResourceValidation
                        {
                            OpenAPIV3Schema = new V1JSONSchemaProps
                            {
                                Type = "object",
                                Properties = new Dictionary<string, V1JSONSchemaProps> { ["spec"] = open, ["status"] = open },
                            },
                        },
                    },
                ],
            },
        });
        return (server, client);
    }

    public static k8s.Kubernetes NewClient(KubernetesApiServer server) => new(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString() });

    public static int IntArg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
    }
}
