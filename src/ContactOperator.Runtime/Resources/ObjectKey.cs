using k8s;
using k8s.Models;

namespace ContactOperator.Runtime.Resources;

/// <summary>Identifies one object of a kind: its namespace (null when cluster-scoped) and name.</summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    public static ObjectKey From(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new(string.IsNullOrEmpty(obj.Metadata?.NamespaceProperty) ? null : obj.Metadata.NamespaceProperty, obj.Metadata?.Name ?? "");
    }

    /// <summary><c>namespace/name</c>, or just <c>name</c> when cluster-scoped (the client-go convention).</summary>
    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
