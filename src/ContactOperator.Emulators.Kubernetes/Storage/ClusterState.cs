using ContactOperator.Emulators.Kubernetes.Admission;

namespace ContactOperator.Emulators.Kubernetes.Storage;

/// <summary>Everything the request handlers share: storage, served types, clock, admission and the GC trigger.</summary>
internal sealed class ClusterState
{
    public ClusterState(ObjectStore store, ResourceRegistry registry, TimeProvider time)
    {
        Store = store;
        Registry = registry;
        Time = time;
    }

    public ObjectStore Store { get; }

    public ResourceRegistry Registry { get; }

    public TimeProvider Time { get; }

    public IAdmissionChain? Admission { get; set; }

    /// <summary>Wakes the garbage collector / namespace and CRD finalizers.</summary>
    public event Action? CleanupNeeded;

    public void RequestCleanup() => CleanupNeeded?.Invoke();

    public ResourceType NamespaceType => Registry.Find("", "v1", "namespaces")!;

    public ResourceType CrdType => Registry.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")!;

    public static ObjectKey KeyOf(ResourceType type, string ns, string name) =>
        new(type.StorageKey, type.Namespaced ? ns : "", name);
}
