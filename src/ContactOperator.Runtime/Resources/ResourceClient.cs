using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ContactOperator.Runtime.Resources;

/// <summary>
/// Typed CRUD for one custom kind over <see cref="IKubernetes"/>. Errors surface as
/// <see cref="KubernetesApiException"/> subclasses (not found, conflict, already exists, invalid with causes).
/// </summary>
public sealed class ResourceClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The field manager recorded for every write unless another is given.</summary>
    public const string DefaultFieldManager = "contact-operator";

    private readonly string fieldManager;

    public ResourceClient(IKubernetes kubernetes, ResourceDescriptor<T> descriptor, string fieldManager = DefaultFieldManager)
    {
        Kubernetes = kubernetes ?? throw new ArgumentNullException(nameof(kubernetes));
        Descriptor = descriptor ?? throw new ArgumentNullException(nameof(descriptor));
        this.fieldManager = fieldManager;
    }

    public IKubernetes Kubernetes { get; }

    public ResourceDescriptor<T> Descriptor { get; }

    private ICustomObjectsOperations Api => Kubernetes.CustomObjects;

    /// <summary>Reads one object; throws <see cref="ResourceNotFoundException"/> when it does not exist.</summary>
    public Task<T> GetAsync(ObjectKey key, CancellationToken cancellationToken = default) =>
        Call(() => Descriptor.Namespaced
            ? Api.GetNamespacedCustomObjectAsync<T>(Descriptor.Group, Descriptor.Version, Ns(key), Descriptor.Plural, key.Name, cancellationToken)
            : Api.GetClusterCustomObjectAsync<T>(Descriptor.Group, Descriptor.Version, Descriptor.Plural, key.Name, cancellationToken));

    /// <summary>Reads one object, or null when it does not exist.</summary>
    public async Task<T?> TryGetAsync(ObjectKey key, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync(key, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Lists objects in one namespace, or in all namespaces when <paramref name="namespace"/> is null.</summary>
    public Task<ResourceList<T>> ListAsync(string? @namespace = null, string? labelSelector = null, CancellationToken cancellationToken = default) =>
        Call(() => Descriptor.Namespaced && @namespace is not null
            ? Api.ListNamespacedCustomObjectAsync<ResourceList<T>>(Descriptor.Group, Descriptor.Version, @namespace, Descriptor.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken)
            : Api.ListClusterCustomObjectAsync<ResourceList<T>>(Descriptor.Group, Descriptor.Version, Descriptor.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken));

    /// <summary>Creates the object; throws <see cref="ResourceAlreadyExistsException"/> when the name is taken.</summary>
    public Task<T> CreateAsync(T obj, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        obj.ApiVersion ??= Descriptor.ApiVersion;
        obj.Kind ??= Descriptor.Kind;
        var key = ObjectKey.From(obj);
        return Call(() => Descriptor.Namespaced
            ? Api.CreateNamespacedCustomObjectAsync<T>(obj, Descriptor.Group, Descriptor.Version, Ns(key), Descriptor.Plural, fieldManager: fieldManager, cancellationToken: cancellationToken)
            : Api.CreateClusterCustomObjectAsync<T>(obj, Descriptor.Group, Descriptor.Version, Descriptor.Plural, fieldManager: fieldManager, cancellationToken: cancellationToken));
    }

    /// <summary>Replaces the whole object (PUT). Its <c>metadata.resourceVersion</c> is the precondition: stale → <see cref="ResourceConflictException"/>.</summary>
    public Task<T> ReplaceAsync(T obj, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var key = ObjectKey.From(obj);
        return Call(() => Descriptor.Namespaced
            ? Api.ReplaceNamespacedCustomObjectAsync<T>(obj, Descriptor.Group, Descriptor.Version, Ns(key), Descriptor.Plural, key.Name, fieldManager: fieldManager, cancellationToken: cancellationToken)
            : Api.ReplaceClusterCustomObjectAsync<T>(obj, Descriptor.Group, Descriptor.Version, Descriptor.Plural, key.Name, fieldManager: fieldManager, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Applies a JSON merge patch (RFC 7386) to the main resource. A <c>metadata.resourceVersion</c> inside the patch is a precondition.
    /// Status changes are ignored by the server here; use <see cref="PatchStatusAsync"/>.
    /// </summary>
    public Task<T> PatchAsync(ObjectKey key, JsonNode mergePatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mergePatch);
        var patch = new V1Patch(mergePatch.ToJsonString(), V1Patch.PatchType.MergePatch);
        return Call(() => Descriptor.Namespaced
            ? Api.PatchNamespacedCustomObjectAsync<T>(patch, Descriptor.Group, Descriptor.Version, Ns(key), Descriptor.Plural, key.Name, fieldManager: fieldManager, cancellationToken: cancellationToken)
            : Api.PatchClusterCustomObjectAsync<T>(patch, Descriptor.Group, Descriptor.Version, Descriptor.Plural, key.Name, fieldManager: fieldManager, cancellationToken: cancellationToken));
    }

    /// <summary>Applies a JSON merge patch to the <c>status</c> subresource only; spec and metadata in the patch are ignored by the server.</summary>
    public Task<T> PatchStatusAsync(ObjectKey key, JsonNode mergePatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mergePatch);
        var patch = new V1Patch(mergePatch.ToJsonString(), V1Patch.PatchType.MergePatch);
        return Call(() => Descriptor.Namespaced
            ? Api.PatchNamespacedCustomObjectStatusAsync<T>(patch, Descriptor.Group, Descriptor.Version, Ns(key), Descriptor.Plural, key.Name, fieldManager: fieldManager, cancellationToken: cancellationToken)
            : Api.PatchClusterCustomObjectStatusAsync<T>(patch, Descriptor.Group, Descriptor.Version, Descriptor.Plural, key.Name, fieldManager: fieldManager, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Deletes the object. Returns false when it was already gone. With finalizers present the server only marks it
    /// (sets <c>deletionTimestamp</c>); the object disappears when the last finalizer is removed.
    /// </summary>
    public async Task<bool> DeleteAsync(ObjectKey key, string propagationPolicy = "Background", CancellationToken cancellationToken = default)
    {
        var options = new V1DeleteOptions { PropagationPolicy = propagationPolicy };
        try
        {
            await Call(() => Descriptor.Namespaced
                ? Api.DeleteNamespacedCustomObjectAsync<object>(Descriptor.Group, Descriptor.Version, Ns(key), Descriptor.Plural, key.Name, options, cancellationToken: cancellationToken)
                : Api.DeleteClusterCustomObjectAsync<object>(Descriptor.Group, Descriptor.Version, Descriptor.Plural, key.Name, options, cancellationToken: cancellationToken));
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Opens a watch stream (one JSON event per line) from <paramref name="resourceVersion"/>, with bookmarks.</summary>
    internal async Task<HttpOperationResponse<object>> OpenWatchAsync(string? @namespace, string? resourceVersion, int timeoutSeconds, string? labelSelector, CancellationToken cancellationToken)
    {
        try
        {
            return Descriptor.Namespaced && @namespace is not null
                ? await Api.ListNamespacedCustomObjectWithHttpMessagesAsync<object>(
                    Descriptor.Group, Descriptor.Version, @namespace, Descriptor.Plural, allowWatchBookmarks: true, labelSelector: labelSelector,
                    resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken)
                : await Api.ListClusterCustomObjectWithHttpMessagesAsync<object>(
                    Descriptor.Group, Descriptor.Version, Descriptor.Plural, allowWatchBookmarks: true, labelSelector: labelSelector,
                    resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e)
        {
            throw ApiErrors.Map(e);
        }
    }

    private string Ns(ObjectKey key)
    {
        if (string.IsNullOrEmpty(key.Namespace))
        {
            throw new ArgumentException($"{Descriptor.Kind} is namespaced: the object key {key} needs a namespace.", nameof(key));
        }

        return key.Namespace;
    }

    private static async Task<TResult> Call<TResult>(Func<Task<TResult>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException e)
        {
            throw ApiErrors.Map(e);
        }
    }
}
