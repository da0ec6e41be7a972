namespace ContactOperator.Emulators.Kubernetes.Storage;

/// <summary>Addresses one object: storage bucket, namespace ("" when cluster-scoped) and name.</summary>
internal readonly record struct ObjectKey(string StorageKey, string Namespace, string Name)
{
    public string ItemKey => Namespace + "/" + Name;
}
