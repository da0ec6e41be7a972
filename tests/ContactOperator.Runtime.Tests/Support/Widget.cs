using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;

namespace ContactOperator.Runtime.Tests.Support;

/// <summary>The test kind: a namespaced CR with a status subresource and an optional reference to a Gadget.</summary>
public sealed class Widget : IKubernetesObject<V1ObjectMeta>
{
    public static readonly ResourceDescriptor<Widget> Descriptor = new("test.contact-operator.io", "v1", "widgets", "Widget");

    public string ApiVersion { get; set; } = "test.contact-operator.io/v1";

    public string Kind { get; set; } = "Widget";

    public V1ObjectMeta Metadata { get; set; } = new();

    public WidgetSpec Spec { get; set; } = new();

    public WidgetStatus? Status { get; set; }

    public static Widget New(string ns, string name, int size = 1, string? gadget = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new WidgetSpec { Size = size, GadgetRef = gadget is null ? null : new Reference { Name = gadget } },
    };
}

public sealed record WidgetSpec
{
    public int Size { get; set; }

    public Reference? GadgetRef { get; set; }
}

public sealed record Reference
{
    public string Name { get; set; } = "";
}

public sealed record WidgetStatus
{
    public long? ObservedGeneration { get; init; }

    public string? Phase { get; init; }

    public IList<V1Condition>? Conditions { get; init; }
}

/// <summary>A second kind Widgets depend on.</summary>
public sealed class Gadget : IKubernetesObject<V1ObjectMeta>
{
    public static readonly ResourceDescriptor<Gadget> Descriptor = new("test.contact-operator.io", "v1", "gadgets", "Gadget");

    public string ApiVersion { get; set; } = "test.contact-operator.io/v1";

    public string Kind { get; set; } = "Gadget";

    public V1ObjectMeta Metadata { get; set; } = new();

    public WidgetSpec Spec { get; set; } = new();

    public WidgetStatus? Status { get; set; }

    public static Gadget New(string ns, string name) => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns } };
}
