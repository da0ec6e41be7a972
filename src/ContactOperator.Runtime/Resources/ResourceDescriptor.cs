using k8s;
using k8s.Models;

namespace ContactOperator.Runtime.Resources;

/// <summary>
/// Everything the runtime needs to know about a kind to talk to the API server: its REST coordinates.
/// Declared once per kind instead of being discovered by reflection, so the runtime stays trimming- and AOT-friendly.
/// </summary>
/// <param name="Group">API group, for example <c>connect.contact-operator.io</c>; empty for the core group.</param>
/// <param name="Version">API version, for example <c>v1alpha1</c>.</param>
/// <param name="Plural">Lower-case plural resource name used in URLs, for example <c>queues</c>.</param>
/// <param name="Kind">The kind, for example <c>Queue</c>.</param>
/// <param name="Namespaced">False for cluster-scoped kinds.</param>
public sealed record ResourceDescriptor<T>(string Group, string Version, string Plural, string Kind, bool Namespaced = true)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary><c>plural.group</c> as the API server names the resource in messages.</summary>
    public string Resource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>A stable identity for caches and metrics: <c>plural.group/version</c>.</summary>
    public string Id => $"{Resource}/{Version}";

    public override string ToString() => $"{Kind} ({ApiVersion})";
}

/// <summary>Descriptors read from a kind's <see cref="KubernetesEntityAttribute"/>, so the plural is declared once, on the type.</summary>
public static class ResourceDescriptors
{
    /// <summary>The descriptor of a namespaced kind whose class carries <c>[KubernetesEntity]</c> with a plural name.</summary>
    public static ResourceDescriptor<T> For<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> => Cache<T>.Value;

    private static class Cache<T>
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        public static readonly ResourceDescriptor<T> Value = Read();

        private static ResourceDescriptor<T> Read()
        {
            var entity = typeof(T).GetCustomAttributes(typeof(KubernetesEntityAttribute), inherit: false).OfType<KubernetesEntityAttribute>().SingleOrDefault()
                ?? throw new InvalidOperationException($"{typeof(T).Name} has no [KubernetesEntity]");
            if (string.IsNullOrEmpty(entity.PluralName))
            {
                throw new InvalidOperationException($"[KubernetesEntity] of {typeof(T).Name} names no PluralName");
            }
            return new ResourceDescriptor<T>(entity.Group ?? "", entity.ApiVersion, entity.PluralName, entity.Kind);
        }
    }
}
