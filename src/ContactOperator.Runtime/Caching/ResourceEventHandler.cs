namespace ContactOperator.Runtime.Caching;

/// <summary>Callbacks an informer invokes, in event order, after its cache has changed. Keep them fast (enqueue and return).</summary>
public sealed class ResourceEventHandler<T>
    where T : class
{
    /// <summary>An object appeared (from a watch ADDED, a relist, or the replay when subscribing).</summary>
    public Action<T>? OnAdded { get; init; }

    /// <summary>An object changed: old state, new state.</summary>
    public Action<T, T>? OnUpdated { get; init; }

    /// <summary>An object is gone; the argument is its last known state.</summary>
    public Action<T>? OnDeleted { get; init; }

    /// <summary>The periodic resync: called once for every cached object.</summary>
    public Action<T>? OnResync { get; init; }
}
