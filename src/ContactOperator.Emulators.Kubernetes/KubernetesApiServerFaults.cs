using ContactOperator.Emulators.Kubernetes.Storage;

namespace ContactOperator.Emulators.Kubernetes;

/// <summary>Fault injection for testing clients' watch recovery.</summary>
public sealed class KubernetesApiServerFaults
{
    private readonly ObjectStore _store;

    internal KubernetesApiServerFaults(ObjectStore store) => _store = store;

    /// <summary>Closes every open watch stream abruptly; clients must reconnect.</summary>
    public void DropAllWatches() => _store.DropAllWatches();

    /// <summary>Forgets the watch history: a watch from any older resourceVersion gets an ERROR event with code 410.</summary>
    public void CompactHistory() => _store.CompactHistory();
}
