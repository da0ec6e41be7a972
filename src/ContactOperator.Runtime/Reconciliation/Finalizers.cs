using System.Text.Json.Nodes;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;

namespace ContactOperator.Runtime.Reconciliation;

/// <summary>
/// Adds and removes finalizers with a merge patch that carries the object's resourceVersion as a precondition,
/// so a concurrent edit of the list fails with <see cref="ResourceConflictException"/> (retried with backoff)
/// instead of being overwritten.
/// </summary>
public static class Finalizers
{
    public static bool Has(IKubernetesObject<V1ObjectMeta> obj, string finalizer)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Metadata.Finalizers?.Contains(finalizer) == true;
    }

    /// <summary>Adds <paramref name="finalizer"/> unless present; returns the stored object (or <paramref name="obj"/> when unchanged).</summary>
    public static async Task<T> AddFinalizerAsync<T>(this ResourceClient<T> client, T obj, string finalizer, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(finalizer);
        if (Has(obj, finalizer))
        {
            return obj;
        }

        var finalizers = (obj.Metadata.Finalizers ?? []).Append(finalizer).ToList();
        return await client.PatchAsync(ObjectKey.From(obj), Patch(obj, finalizers), cancellationToken);
    }

    /// <summary>
    /// Removes <paramref name="finalizer"/> if present. When it was the last one on an object being deleted, the
    /// server deletes the object; a 404 then means the work is done and <paramref name="obj"/> is returned.
    /// </summary>
    public static async Task<T> RemoveFinalizerAsync<T>(this ResourceClient<T> client, T obj, string finalizer, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!Has(obj, finalizer))
        {
            return obj;
        }

        var finalizers = obj.Metadata.Finalizers!.Where(f => f != finalizer).ToList();
        try
        {
            return await client.PatchAsync(ObjectKey.From(obj), Patch(obj, finalizers), cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            return obj;
        }
    }

    private static JsonObject Patch(IKubernetesObject<V1ObjectMeta> obj, List<string> finalizers) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["resourceVersion"] = obj.Metadata.ResourceVersion,
            ["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
        },
    };
}
