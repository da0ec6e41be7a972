using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;

namespace ContactOperator.Runtime.Reconciliation;

/// <summary>Brings the world in line with one object of kind <typeparamref name="T"/>. Must be idempotent.</summary>
public interface IReconciler<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>
    /// Reconciles <paramref name="request"/>. The token is cancelled when this replica loses leadership or the
    /// graceful-shutdown deadline passes; stop promptly then.
    /// </summary>
    Task<ReconcileResult> ReconcileAsync(ReconcileRequest<T> request, CancellationToken cancellationToken);
}

/// <summary>One unit of work: the key and the object as currently cached (null when it no longer exists).</summary>
public sealed record ReconcileRequest<T>(ObjectKey Key, T? Resource)
    where T : class, IKubernetesObject<V1ObjectMeta>;
