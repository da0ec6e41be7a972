using System.Text.Json.Nodes;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;

namespace ContactOperator.Runtime.Reconciliation;

/// <summary>
/// Writes an object's <c>status</c> through the status subresource only, as a merge patch of just the fields that
/// differ, and not at all when nothing differs (so a healthy resync costs no API write).
/// </summary>
public sealed class StatusWriter<T>(ResourceClient<T> client)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>
    /// Makes the server's status equal to <paramref name="desiredStatus"/>, diffing against <paramref name="current"/>'s
    /// status (do not mutate <paramref name="current"/>: build the new status as a copy, e.g. with a record <c>with</c>).
    /// Returns the object as the server stored it, or <paramref name="current"/> when no write was needed.
    /// </summary>
    public async Task<T> WriteAsync(T current, object? desiredStatus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        var before = JsonNode.Parse(KubernetesJson.Serialize(current))?["status"];
        var after = desiredStatus is null ? null : JsonNode.Parse(KubernetesJson.Serialize(desiredStatus));
        var diff = MergePatch.Create(before, after);
        if (MergePatch.IsEmpty(diff))
        {
            return current;
        }

        var patch = new JsonObject { ["status"] = diff };
        return await client.PatchStatusAsync(ObjectKey.From(current), patch, cancellationToken);
    }
}
