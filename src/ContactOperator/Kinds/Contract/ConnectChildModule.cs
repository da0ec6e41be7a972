using ContactOperator.Admission;
using ContactOperator.Api.Kinds;
using ContactOperator.AwsResources;
using ContactOperator.AwsResources.Connect;

namespace ContactOperator.Kinds.Contract;

/// <summary>A kind that lives inside an Amazon Connect instance (hours, queues, routing profiles…).</summary>
public abstract class ConnectChildModule<TResource, TSpec, TDesired, TObserved>(InstanceResourceManager<TDesired, TObserved> manager)
    : AwsKindModule<TResource, InstancePlacement, TDesired, TObserved>(manager)
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
        if (instance?.Status is { Id: { } instanceId, Region: { } region })
        {
            return new InstancePlacement(services.Connect.For(region), region, instanceId);
        }
        // The instance object went first: the resource's own ARN and Region still say where it lives.
        return resource.Status is { Arn: { } arn, Region: { } ownRegion } && ConnectArns.InstanceIdOf(arn) is { } fromArn
            ? new InstancePlacement(services.Connect.For(ownRegion), ownRegion, fromArn)
            : null;
    }
}
