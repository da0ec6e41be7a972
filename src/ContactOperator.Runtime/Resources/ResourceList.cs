using k8s;
using k8s.Models;

namespace ContactOperator.Runtime.Resources;

/// <summary>The wire shape of a LIST response for a custom kind.</summary>
public sealed class ResourceList<T> : IKubernetesObject<V1ListMeta>, IItems<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public V1ListMeta Metadata { get; set; } = new();

    public IList<T> Items { get; set; } = [];
}
