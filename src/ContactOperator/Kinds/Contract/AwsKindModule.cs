using ContactOperator.AwsResources;
using ContactOperator.Reconciliation;
using ContactOperator.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Kinds.Contract;

/// <summary>
/// A kind whose object owns one AWS resource. The kind says where the resource goes and what it should be
/// (<see cref="Resolve"/>), its policies and lanes; its <see cref="Manager"/> says how the resource is read, created,
/// updated and deleted; the reconcile is the one every kind runs (<see cref="KindReconciler{TResource,TStatus}"/> with
/// <see cref="AwsResourceHooks{TResource,TPlacement,TDesired,TObserved}"/>).
/// </summary>
public abstract class AwsKindModule<TResource, TPlacement, TDesired, TObserved>(AwsResourceManager<TPlacement, TDesired, TObserved> manager) : KindModule<TResource>
    where TResource : class, IContactResource
    where TPlacement : IAwsPlacement
    where TDesired : class
    where TObserved : class, IObservedResource
{
    public AwsResourceManager<TPlacement, TDesired, TObserved> Manager { get; } = manager;

    /// <summary>How AWS names the resource in messages, for example "queue".</summary>
    public string AwsKind => Manager.AwsKind;

    public abstract string DeletionPolicy(TResource resource);

    public virtual string ManagementPolicy(TResource resource) => ManagementPolicies.Manage;

    /// <summary>An existing AWS resource the object takes over instead of creating one (spec.adopt.id).</summary>
    public virtual string? AdoptId(TResource resource) => null;

    /// <summary>An empty status of the kind's status type.</summary>
    public virtual ResourceStatus NewStatus() => new();

    /// <summary>Where the resource goes and its desired AWS state, or what that still waits for.</summary>
    public abstract Resolution<Placed<TPlacement, TDesired>> Resolve(TResource resource, string owner, SyncServices services);

    /// <summary>
    /// What must be gone before the object's own deletion policy applies (an instance waits for the objects in it), as a
    /// sentence for the condition; null when nothing holds it.
    /// </summary>
    public virtual string? DeletionWaitsFor(TResource resource, SyncServices services) => null;

    /// <summary>Where the resource lives when its object is deleted; null when its parent is gone too.</summary>
    public abstract TPlacement? PlacementForDelete(TResource resource, SyncServices services);

    /// <summary>The status with what was observed; null when the resource is gone (ObserveOnly).</summary>
    public virtual ResourceStatus WithObserved(ResourceStatus status, TObserved? observed, TPlacement at)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(at);
        return observed is null ? status : status with { Id = observed.Id, Arn = observed.Arn, Region = at.Region };
    }

    /// <summary>
    /// Which AWS rate limits reconciling <paramref name="resource"/> draws on, read from the cached object alone (its
    /// Region, or the instance it lives in). The controller shares its workers fairly between these lanes, so objects
    /// waiting for one Region's quota never hold up another's.
    /// </summary>
    public virtual string LaneOf(TResource resource) => "";

    public override void Register(ControllerManager manager, SyncServices services)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(services);
        var hooks = new AwsResourceHooks<TResource, TPlacement, TDesired, TObserved>(this, services);
        For(manager).WithLanes(LaneOf).Complete(Reconciler(manager, services, hooks));
    }
}
