using ContactOperator.Admission;
using ContactOperator.Reconciliation;
using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.AwsUsage;
using ContactOperator.Runtime.Caching;
using ContactOperator.Runtime.Hosting;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Kinds.Contract;

/// <summary>
/// One kind the operator serves: its CRD type, its references to other kinds and its controller. The catalog
/// (<c>Kinds/KindCatalog.cs</c>) lists one per kind; CRDs, RBAC rules, admission webhooks and rules, informer indexes,
/// watches and validation derive from it.
/// </summary>
public interface IKindModule
{
    /// <summary>The C# type the CRD is generated from.</summary>
    Type ResourceType { get; }

    /// <summary>The kind as the API server names it, for example <c>Queue</c>.</summary>
    string Kind { get; }

    /// <summary>The kind's lower-case plural resource name, for example <c>queues</c>.</summary>
    string Plural { get; }

    /// <summary>Whether <paramref name="resource"/> (an object of this kind) refers to the <paramref name="kind"/> object named <paramref name="name"/>.</summary>
    bool RefersTo(IContactResource resource, string kind, string name);

    /// <summary>The kinds this kind's objects refer to (<see cref="KindModule{TResource}.References"/>), which must be Ready first.</summary>
    IEnumerable<string> ReferencedKinds { get; }

    /// <summary>Makes the kind's cached objects readable through <see cref="ObjectLookup"/>.</summary>
    void RegisterReader(ControllerManager manager, ObjectLookup lookup);

    /// <summary>Adds the kind's controller, if it has one.</summary>
    void Register(ControllerManager manager, SyncServices services);

    /// <summary>Passes what the kind's informer sees to <paramref name="observer"/> (observers of every kind, as the state-change log).</summary>
    IDisposable Observe(ControllerManager manager, ResourceEventHandler<IContactResource> observer);

    /// <summary>What the operator does with the kind's objects (the chart's RBAC rules for the kind).</summary>
    KindAccess Access { get; }

    /// <summary>How the admission webhooks treat the kind (the webhook configurations' rules).</summary>
    KindAdmission Admission { get; }

    /// <summary>
    /// The validating webhook's rules for the kind that need more than the object itself (the old object, or objects it
    /// refers to); they run after the kind's own validator passes.
    /// </summary>
    IEnumerable<IAdmissionRule> AdmissionRules { get; }

    /// <summary>Reads an object of this kind from its JSON (the admission webhook's entry point to every kind).</summary>
    IContactResource Read(string json);

    /// <summary>
    /// The AWS operations the kind calls, declared in its folder (<c>Kinds/Queues/QueueAwsOperations.cs</c>); the generated
    /// clients, the IAM policy and the client-side rate limits derive from them (<c>Kinds/AwsOperationCatalog.cs</c>).
    /// </summary>
    IReadOnlyList<AwsOperationUse> AwsOperations { get; }
}

/// <summary>A kind and what every kind declares the same way.</summary>
public abstract class KindModule<TResource> : IKindModule
    where TResource : class, IContactResource
{
    public ResourceDescriptor<TResource> Descriptor => ResourceDescriptors.For<TResource>();

    public Type ResourceType => typeof(TResource);

    public string Kind => Descriptor.Kind;

    public string Plural => Descriptor.Plural;

    /// <summary>By default a finalizer and no fresh reads.</summary>
    public virtual KindAccess Access { get; } = new();

    /// <summary>By default validated, failing open, not mutated.</summary>
    public virtual KindAdmission Admission { get; } = new();

    public virtual IEnumerable<IAdmissionRule> AdmissionRules => [];

    /// <summary>By default none.</summary>
    public virtual IReadOnlyList<AwsOperationUse> AwsOperations => [];

    public IContactResource Read(string json) =>
        k8s.KubernetesJson.Deserialize<TResource>(json) ?? throw new System.Text.Json.JsonException("the object is null");

    /// <summary>The objects of other kinds this kind refers to: a change to one of them wakes the referrer.</summary>
    public virtual IEnumerable<IKindReference<TResource>> References => [];

    public IEnumerable<string> ReferencedKinds => References.Select(r => r.TargetKind).Distinct();

    public bool RefersTo(IContactResource resource, string kind, string name) =>
        resource is TResource typed && References.Any(r => r.TargetKind == kind && r.NamesIn(typed).Contains(name, StringComparer.Ordinal));

    public void RegisterReader(ControllerManager manager, ObjectLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(lookup);
        var informer = manager.GetInformer(Descriptor);
        lookup.Register(informer.Get, informer.List);
    }

    public abstract void Register(ControllerManager manager, SyncServices services);

    /// <summary>The kind's reconciler: the shared skeleton around <paramref name="hooks"/>.</summary>
    protected KindReconciler<TResource, TStatus> Reconciler<TStatus>(ControllerManager manager, SyncServices services, IKindHooks<TResource, TStatus> hooks)
        where TStatus : ResourceStatus
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(services);
        return new KindReconciler<TResource, TStatus>(
            hooks, manager.GetClient(Descriptor), services.Events, services.Options, services.Time,
            services.Loggers.CreateLogger($"ContactOperator.Controllers.{Kind}"));
    }

    /// <summary>Observes the kind's cached objects (adds, updates, deletes) as <see cref="IContactResource"/>.</summary>
    public IDisposable Observe(ControllerManager manager, ResourceEventHandler<IContactResource> observer)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(observer);
        return manager.GetInformer(Descriptor).Subscribe(new ResourceEventHandler<TResource> { OnAdded = observer.OnAdded, OnUpdated = observer.OnUpdated, OnDeleted = observer.OnDeleted });
    }

    /// <summary>A controller builder for the kind with an index and a watch for every declared reference.</summary>
    protected ControllerBuilder<TResource> For(ControllerManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var builder = manager.For(Descriptor);
        foreach (var reference in References)
        {
            reference.Register(builder);
        }
        return builder;
    }
}

/// <summary>A reference from one kind to objects of another in the same namespace.</summary>
public interface IKindReference<TResource>
    where TResource : class, IContactResource
{
    /// <summary>The kind referred to.</summary>
    string TargetKind { get; }

    /// <summary>The names (in the referrer's namespace) of the objects <paramref name="resource"/> refers to.</summary>
    IEnumerable<string> NamesIn(TResource resource);

    void Register(ControllerBuilder<TResource> builder);
}

/// <summary>Objects of <typeparamref name="TResource"/> name objects of <typeparamref name="TTarget"/> (by metadata.name).</summary>
public sealed class KindReference<TResource, TTarget>(Func<TResource, IEnumerable<string>> names) : IKindReference<TResource>
    where TResource : class, IContactResource
    where TTarget : class, IContactResource
{
    public string TargetKind => ResourceDescriptors.For<TTarget>().Kind;

    public IEnumerable<string> NamesIn(TResource resource) => names(resource);

    public void Register(ControllerBuilder<TResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var target = ResourceDescriptors.For<TTarget>();
        var index = $"references:{target.Resource}";
        builder.WithIndex(index, r => names(r).Select(name => new ObjectKey(r.Metadata.NamespaceProperty, name).ToString()))
            .WatchesReferencing(target, index, (old, now) => DependencyView.Of(old) != DependencyView.Of(now));
    }
}

/// <summary>
/// What a referrer reads of the object it refers to (see <see cref="Dependencies"/>): its AWS id and Region, whether it
/// is Ready, whether it is going away. Other status changes (a message, a timestamp) do not wake the referrers, so
/// objects already in sync are not read from AWS again for nothing.
/// </summary>
internal readonly record struct DependencyView(string? Id, string? Region, bool Ready, bool Deleting)
{
    public static DependencyView Of(IContactResource resource) => new(
        resource.CommonStatus?.Id,
        resource.CommonStatus?.Region,
        Conditions.IsTrue(resource.CommonStatus?.Conditions, ConditionTypes.Ready),
        resource.Metadata.DeletionTimestamp is not null);
}

public static class Refers
{
    public static IKindReference<TResource> To<TResource, TTarget>(Func<TResource, IEnumerable<string>> names)
        where TResource : class, IContactResource
        where TTarget : class, IContactResource => new KindReference<TResource, TTarget>(names);

    /// <summary>The ContactInstance an object names in its spec's instanceRef.</summary>
    public static IKindReference<TResource> ToInstance<TResource>(Func<TResource, ResourceReference> instanceRef)
        where TResource : class, IContactResource => To<TResource, ContactInstance>(r => [instanceRef(r).Name]);
}
