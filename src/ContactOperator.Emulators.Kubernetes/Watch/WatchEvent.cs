using ContactOperator.Emulators.Kubernetes.Storage;

namespace ContactOperator.Emulators.Kubernetes.Watch;

internal enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>A committed change. <see cref="Previous"/> lets selector watches turn edits into ADDED/DELETED.</summary>
internal sealed record WatchEvent(WatchEventType Type, string StorageKey, StoredObject Object, StoredObject? Previous)
{
    public long ResourceVersion => Object.ResourceVersion;

    public static string WireType(WatchEventType type) => type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        _ => "DELETED",
    };
}
