using ContactOperator.Runtime.Reconciliation;

namespace ContactOperator.Reconciliation;

/// <summary>
/// The part of a reconcile that belongs to one kind; everything else (finalizer, validation, error → condition mapping,
/// Events, the one status write, observedGeneration, persisted refusals) is <see cref="KindReconciler{TResource,TStatus}"/>'s.
/// A hook never writes status itself: it sets <see cref="ReconcileContext{TResource,TStatus}.Status"/> and the conditions,
/// and calls <see cref="ReconcileContext{TResource,TStatus}.CheckpointAsync"/> only to record the id of an AWS resource it
/// has just created.
/// </summary>
public interface IKindHooks<TResource, TStatus>
    where TResource : class, IContactResource
    where TStatus : ResourceStatus
{
    /// <summary>The finalizer that holds an object until <see cref="FinalizeAsync"/> lets it go; null for a kind without one.</summary>
    string? Finalizer { get; }

    /// <summary>Whether this object gets the finalizer (an ObserveOnly object, whose deletion never touches AWS, does not).</summary>
    bool AddsFinalizer(TResource resource);

    /// <summary>Read the object fresh from the API server before each reconcile (the cache may lag a previous step's write).</summary>
    bool ReadsFresh { get; }

    /// <summary>The object's status, or an empty one of the kind's status type.</summary>
    TStatus StatusOf(TResource resource);

    /// <summary>Brings AWS (or the cluster) in line with a valid spec.</summary>
    Task<ReconcileResult> SyncAsync(ReconcileContext<TResource, TStatus> context, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the deletion policy of an object being deleted. Null when the object may go (the finalizer is removed);
    /// otherwise when to look again, with the conditions saying what holds it.
    /// </summary>
    Task<ReconcileResult?> FinalizeAsync(ReconcileContext<TResource, TStatus> context, CancellationToken cancellationToken);
}
