using ContactOperator.Api.Common;
using ContactOperator.AwsResources;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;

namespace ContactOperator.Kinds.Contract;

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

    /// <summary>Every cached object of every registered kind, for naming AWS ids in messages (writes are rare; a scan is fine).</summary>
    public IEnumerable<IContactResource> AllObjects()
    {
        Reader[] all;
        lock (gate)
        {
            all = [.. readers.Values];
        }
        return all.SelectMany(r => r.All()).OfType<IContactResource>();
    }

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

    /// <summary>Names AWS ids by the objects of any kind in the namespace whose status holds them.</summary>
    public static IdLabels LabelsIn(ObjectLookup lookup, string? @namespace)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return new IdLabels(id => lookup.AllObjects()
            .Where(o => o.Metadata.NamespaceProperty == @namespace && o.CommonStatus?.Id == id)
            .Select(o => $"{o.Kind} {o.Metadata.Name} ({id})")
            .FirstOrDefault());
    }
}
