using ContactOperator.Admission;
using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Core;
using ContactOperator.Runtime.Hosting;

namespace ContactOperator.Controllers.Sync;

/// <summary>What AWS says of a resource's own lifecycle (an instance takes minutes to become ACTIVE).</summary>
public abstract record AwsLifecycle
{
    public static AwsLifecycle Active { get; } = new ActiveLifecycle();

    public static AwsLifecycle Pending(string message) => new PendingLifecycle(message);

    public static AwsLifecycle Failed(string message) => new FailedLifecycle(message);
}

public sealed record ActiveLifecycle : AwsLifecycle;

public sealed record PendingLifecycle(string Message) : AwsLifecycle;

public sealed record FailedLifecycle(string Message) : AwsLifecycle;

/// <summary>What a create needs beyond the desired state: the object's uid (for idempotency tokens) and the id it replaces.</summary>
public sealed record CreateContext(string Uid, string? ReplacedId);

/// <summary>The id (and ARN, when the create answer has it) of a resource just created.</summary>
public sealed record CreatedResource(string Id, string? Arn);

/// <summary>
/// The kind-specific half of an AWS-backed kind; the flow (<see cref="AwsResourceReconciler{TResource,TPlacement,TDesired,TObserved}"/>)
/// is the same for every kind. Implement the abstract members; override the virtual ones only where the kind differs
/// (an instance has a ClientToken, a lifecycle, adoption by id and ObserveOnly).
/// </summary>
public abstract class AwsKindModule<TResource, TPlacement, TDesired, TObserved> : KindModule<TResource>
    where TResource : class, IContactResource
    where TPlacement : IConnectPlacement
    where TDesired : class
    where TObserved : class, IObservedResource
{
    private readonly Func<TDesired, TObserved, IReadOnlyList<AwsWrite<TPlacement, TObserved>>> delta;

    /// <param name="awsKind">How AWS names the resource in messages, for example "queue".</param>
    /// <param name="delta">The writes that turn an observed resource into the desired one (pure); none when they match.</param>
    protected AwsKindModule(string awsKind, Func<TDesired, TObserved, IReadOnlyList<AwsWrite<TPlacement, TObserved>>> delta)
    {
        AwsKind = awsKind;
        this.delta = delta;
    }

    /// <summary>How AWS names the resource in messages, for example "queue".</summary>
    public string AwsKind { get; }

    public abstract string DeletionPolicy(TResource resource);

    public virtual string ManagementPolicy(TResource resource) => ManagementPolicies.Manage;

    /// <summary>An existing AWS resource the object takes over instead of creating one (spec.adopt.id).</summary>
    public virtual string? AdoptId(TResource resource) => null;

    /// <summary>An empty status of the kind's status type.</summary>
    public virtual ResourceStatus NewStatus() => new();

    /// <summary>Where the resource goes and its desired AWS state, or what that still waits for.</summary>
    public abstract Resolution<Placed<TPlacement, TDesired>> Resolve(TResource resource, string owner, SyncServices services);

    /// <summary>Where the resource lives when its object is deleted; null when its parent is gone too.</summary>
    public abstract TPlacement? PlacementForDelete(TResource resource, SyncServices services);

    public abstract string DesiredName(TDesired desired);

    /// <summary>How names compare within a scope (instance aliases ignore case).</summary>
    public virtual StringComparer NameComparer => StringComparer.Ordinal;

    /// <summary>Every resource of this kind in the placement's scope, as (id, name): read once per scope into the name index.</summary>
    public abstract IAsyncEnumerable<(string Id, string Name)> ListNamesAsync(TPlacement at, CancellationToken cancellationToken);

    /// <summary>Reads the resource; throws <see cref="AwsServiceException"/> (NotFound when it does not exist).</summary>
    protected abstract Task<TObserved> DescribeOrThrowAsync(TPlacement at, string id, TDesired desired, CancellationToken cancellationToken);

    /// <summary>The resource as AWS reports it, or null when it does not exist.</summary>
    public async Task<TObserved?> DescribeAsync(TPlacement at, string id, TDesired desired, CancellationToken cancellationToken)
    {
        try
        {
            return await DescribeOrThrowAsync(at, id, desired, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Class == AwsErrorClass.NotFound)
        {
            return null;
        }
    }

    public abstract Task<CreatedResource> CreateAsync(TPlacement at, TDesired desired, CreateContext context, CancellationToken cancellationToken);

    /// <summary>
    /// The resource a create just made, when the create's input fully describes it: then no read follows the create
    /// (the next resync reads it) and a burst of creates costs one call each. Null to describe it instead.
    /// </summary>
    public virtual TObserved? AsCreated(TDesired desired, CreatedResource created) => null;

    public virtual AwsLifecycle LifecycleOf(TObserved observed) => AwsLifecycle.Active;

    /// <summary>The writes that turn <paramref name="observed"/> into <paramref name="desired"/> (pure); none when they match.</summary>
    public IReadOnlyList<AwsWrite<TPlacement, TObserved>> Delta(TDesired desired, TObserved observed) => delta(desired, observed);

    public abstract Task DeleteAsync(TPlacement at, string id, CancellationToken cancellationToken);

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
        For(manager).WithLanes(LaneOf).Complete(new AwsResourceReconciler<TResource, TPlacement, TDesired, TObserved>(this, manager.GetClient(Descriptor), services));
    }

    /// <summary>Null for null, else the tags (AWS omits an empty map).</summary>
    protected static IReadOnlyDictionary<string, string> TagsOf(IReadOnlyDictionary<string, string>? tags) =>
        tags ?? new Dictionary<string, string>();

    /// <summary>The created resource, from a create answer's id and ARN.</summary>
    protected static CreatedResource Created(string? id, string? arn, string operation) =>
        new(id ?? throw new InvalidOperationException($"{operation} returned no id"), arn);

    /// <summary>(id, name) of every listed summary that has both.</summary>
    protected static async IAsyncEnumerable<(string Id, string Name)> NamesOf<TSummary>(
        IAsyncEnumerable<TSummary> summaries, Func<TSummary, string?> id, Func<TSummary, string?> name)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(name);
        await foreach (var summary in summaries)
        {
            if (id(summary) is { } i && name(summary) is { } n)
            {
                yield return (i, n);
            }
        }
    }
}

/// <summary>The desired state of a named resource inside an instance.</summary>
public interface INamedDesired
{
    string Name { get; }
}

/// <summary>A kind that lives inside an Amazon Connect instance (hours, queues, routing profiles…).</summary>
public abstract class ConnectChildModule<TResource, TSpec, TDesired, TObserved>(
    string awsKind, Func<TDesired, TObserved, IReadOnlyList<AwsWrite<InstancePlacement, TObserved>>> delta)
    : AwsKindModule<TResource, InstancePlacement, TDesired, TObserved>(awsKind, delta)
    where TResource : CustomResource<TSpec, ResourceStatus>
    where TSpec : class, IInstanceScopedSpec
    where TDesired : class, INamedDesired
    where TObserved : class, IObservedResource
{
    /// <summary>References besides the instance.</summary>
    protected virtual IEnumerable<IKindReference<TResource>> OtherReferences => [];

    public sealed override IEnumerable<IKindReference<TResource>> References =>
        [Refers.ToInstance<TResource>(r => r.Spec.InstanceRef), .. OtherReferences];

    /// <summary>Admission rules besides the instance's (a warning when it does not exist).</summary>
    protected virtual IEnumerable<IAdmissionRule> OtherAdmissionRules => [];

    public sealed override IEnumerable<IAdmissionRule> AdmissionRules =>
        [new InstanceReferenceRule<TResource>(r => r.Spec.InstanceRef.Name), .. OtherAdmissionRules];

    public sealed override string LaneOf(TResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return $"{resource.Metadata.NamespaceProperty}/{resource.Spec.InstanceRef.Name}";
    }

    public sealed override string DeletionPolicy(TResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Spec.DeletionPolicy;
    }

    public sealed override string DesiredName(TDesired desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return desired.Name;
    }

    /// <summary>The desired AWS state, with the other references resolved to AWS ids, or what it waits for.</summary>
    protected abstract Resolution<TDesired> Map(TResource resource, string owner, ObjectLookup lookup);

    public sealed override Resolution<Placed<InstancePlacement, TDesired>> Resolve(TResource resource, string owner, SyncServices services)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(services);
        var reference = resource.Spec.InstanceRef;
        var instance = services.Lookup.Get<ContactInstance>(Dependencies.Key(resource, reference));
        if (Dependencies.ReadyId(instance) is not { } instanceId || instance?.Status?.Region is not { } region)
        {
            return Resolution.Waiting<Placed<InstancePlacement, TDesired>>($"waiting for ContactInstance {reference.Name} to be Ready");
        }
        var mapped = Map(resource, owner, services.Lookup);
        return mapped.Value is { } desired
            ? Resolution.Ready(new Placed<InstancePlacement, TDesired>(new InstancePlacement(services.Connect.For(region), region, instanceId), desired))
            : Resolution.Waiting<Placed<InstancePlacement, TDesired>>(mapped.WaitingFor!);
    }

    public sealed override InstancePlacement? PlacementForDelete(TResource resource, SyncServices services)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(services);
        var instance = services.Lookup.Get<ContactInstance>(Dependencies.Key(resource, resource.Spec.InstanceRef));
        return instance?.Status is { Id: { } instanceId, Region: { } region } ? new InstancePlacement(services.Connect.For(region), region, instanceId) : null;
    }
}
