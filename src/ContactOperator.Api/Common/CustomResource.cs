using FluentValidation.Results;
using k8s;
using k8s.Models;

namespace ContactOperator.Api.Common;

/// <summary>
/// Base of every ContactOperator kind: Kubernetes metadata plus a desired <c>spec</c> and an observed <c>status</c>.
/// The root objects are mutable classes because clients fill metadata in place; spec and status are records.
/// </summary>
public abstract class CustomResource<TSpec, TStatus> : IContactResource, ISpec<TSpec>, IStatus<TStatus?>
    where TSpec : class
    where TStatus : ResourceStatus
{
    protected CustomResource(string kind, TSpec spec)
    {
        Kind = kind;
        Spec = spec;
    }

    public string ApiVersion { get; set; } = ApiGroup.ApiVersion;

    public string Kind { get; set; }

    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Desired state, written by users.</summary>
    public TSpec Spec { get; set; }

    /// <summary>Observed state, written by the operator.</summary>
    public TStatus? Status { get; set; }

    ResourceStatus? IContactResource.CommonStatus => Status;

    ResourceReference? IContactResource.InstanceRef => Spec is Kinds.IInstanceScopedSpec scoped ? scoped.InstanceRef : null;

    /// <summary>Runs the kind's validator (every rule, including cross-field ones the CRD schema cannot express).</summary>
    public abstract ValidationResult Validate();
}

/// <summary>Any ContactOperator object, seen through the status fields every kind shares.</summary>
public interface IContactResource : IKubernetesObject<V1ObjectMeta>
{
    ResourceStatus? CommonStatus { get; }

    /// <summary>The ContactInstance whose AWS instance holds this object's AWS resources; null for a kind with none there.</summary>
    ResourceReference? InstanceRef { get; }

    ValidationResult Validate();
}
