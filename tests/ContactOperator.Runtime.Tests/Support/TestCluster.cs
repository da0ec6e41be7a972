using ContactOperator.Emulators.Kubernetes;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;

namespace ContactOperator.Runtime.Tests.Support;

/// <summary>An emulated API server with the Widget and Gadget CRDs installed, and a client for it.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    private TestCluster(KubernetesApiServer server, Kubernetes client)
    {
        Server = server;
        Client = client;
        Widgets = new ResourceClient<Widget>(client, Widget.Descriptor, "test");
        Gadgets = new ResourceClient<Gadget>(client, Gadget.Descriptor, "test");
    }

    public KubernetesApiServer Server { get; }

    public Kubernetes Client { get; }

    public ResourceClient<Widget> Widgets { get; }

    public ResourceClient<Gadget> Gadgets { get; }

    public const string Namespace = "default";

    public static async Task<TestCluster> StartAsync(KubernetesApiServerOptions? options = null)
    {
        var server = await KubernetesApiServer.StartAsync(options ?? new KubernetesApiServerOptions { Port = 0 });
        var client = NewClient(server);
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crd("widgets", "Widget"));
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crd("gadgets", "Gadget"));
        return new TestCluster(server, client);
    }

    public static Kubernetes NewClient(KubernetesApiServer server) =>
        new(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString() });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    private static V1CustomResourceDefinition Crd(string plural, string kind)
    {
        var open = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true };
        return new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = $"{plural}.test.contact-operator.io" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = "test.contact-operator.io",
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Plural = plural, Singular = kind.ToLowerInvariant(), Kind = kind, ListKind = kind + "List" },
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
        };
    }
}
