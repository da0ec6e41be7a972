using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Runtime.Resources;
using FluentValidation.Results;
using k8s;
using k8s.Models;

namespace ContactOperator.Controllers.Sync;

/// <summary>Reads the cached objects a reconcile depends on.</summary>
public sealed record DependencyLookup(
    Func<ObjectKey, ContactInstance?> Instance,
    Func<ObjectKey, HoursOfOperation?> Hours,
    Func<ObjectKey, Queue?> Queue);

/// <summary>
/// What the shared child flow needs to know about one kind that lives inside an instance
/// (HoursOfOperation, Queue, RoutingProfile): its references, its policy, and how its spec becomes desired AWS state.
/// </summary>
public interface IChildKindBinding<TResource, TDesired>
    where TResource : class, IKubernetesObject<V1ObjectMeta>
    where TDesired : class
{
    string Kind { get; }

    ResourceReference InstanceRef(TResource resource);

    string DeletionPolicy(TResource resource);

    ResourceStatus? Status(TResource resource);

    ValidationResult Validate(TResource resource);

    /// <summary>The desired AWS state, or what it still waits for (a referenced object without an AWS id yet).</summary>
    Resolution<TDesired> Resolve(TResource resource, DependencyLookup lookup, string owner);
}

/// <summary>Helpers for resolving references to other ContactOperator objects.</summary>
public static class References
{
    /// <summary>The AWS id of a referenced object once it is Ready, else null.</summary>
    public static string? ReadyId(IContactResource? resource) =>
        resource?.CommonStatus is { Id: { } id } status && Runtime.Reconciliation.Conditions.IsTrue(status.Conditions, ConditionTypes.Ready) ? id : null;

    public static ObjectKey Key(IKubernetesObject<V1ObjectMeta> from, ResourceReference reference) =>
        new(from.Metadata.NamespaceProperty, reference.Name);
}
