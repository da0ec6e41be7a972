using ContactOperator.Api.Common;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;

namespace ContactOperator.Controllers.Sync;

/// <summary>
/// Reads the cached objects a reconcile refers to, of any kind whose reader was registered (the informer cache in
/// the operator; a dictionary in tests).
/// </summary>
public sealed class ObjectLookup
{
    private readonly Dictionary<Type, Reader> readers = [];
    private readonly Lock gate = new();

    public void Register<T>(Func<ObjectKey, T?> get, Func<IEnumerable<T>> all)
        where T : class
    {
        lock (gate)
        {
            readers[typeof(T)] = new Reader(key => get(key), all);
        }
    }

    public T? Get<T>(ObjectKey key)
        where T : class => (T?)ReaderOf<T>().Get(key);

    /// <summary>Every cached object of a kind, for naming AWS ids in messages (writes are rare; a scan is fine).</summary>
    public IEnumerable<T> All<T>()
        where T : class => ReaderOf<T>().All().Cast<T>();

    private Reader ReaderOf<T>()
    {
        lock (gate)
        {
            return readers.GetValueOrDefault(typeof(T))
                ?? throw new InvalidOperationException($"no reader registered for {typeof(T).Name}; declare the reference in the kind's module");
        }
    }

    private sealed record Reader(Func<ObjectKey, object?> Get, Func<IEnumerable<object>> All);
}

/// <summary>Helpers for resolving references to other ContactOperator objects.</summary>
public static class Dependencies
{
    /// <summary>The AWS id of a referenced object once it is Ready, else null.</summary>
    public static string? ReadyId(IContactResource? resource) =>
        resource?.CommonStatus is { Id: { } id } status && Conditions.IsTrue(status.Conditions, ConditionTypes.Ready) ? id : null;

    public static ObjectKey Key(IKubernetesObject<V1ObjectMeta> from, ResourceReference reference) =>
        new(from.Metadata.NamespaceProperty, reference.Name);

    /// <summary>How messages name the objects of <typeparamref name="T"/> in a namespace by their AWS ids: "Queue billing (3f2a…)".</summary>
    public static IdLabels LabelsOf<T>(ObjectLookup lookup, string? @namespace)
        where T : class, IContactResource
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in lookup.All<T>())
        {
            if (o.Metadata.NamespaceProperty == @namespace && o.CommonStatus?.Id is { } id)
            {
                labels[id] = $"{o.Kind} {o.Metadata.Name} ({id})";
            }
        }
        return new IdLabels(labels);
    }
}

/// <summary>Names for AWS ids, taken from the Kubernetes objects that own them; an id no object owns stays bare.</summary>
public sealed record IdLabels(IReadOnlyDictionary<string, string> ById)
{
    public static IdLabels None { get; } = new(new Dictionary<string, string>());

    public string Of(string id) => ById.GetValueOrDefault(id, id);
}
