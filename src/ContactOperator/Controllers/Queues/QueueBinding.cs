using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Api.Validation;
using ContactOperator.Controllers.Sync;
using FluentValidation.Results;

namespace ContactOperator.Controllers.Queues;

public sealed class QueueBinding : IChildKindBinding<Queue, DesiredQueue>
{
    private static readonly QueueValidator Validator = new();

    public string Kind => Queue.KindName;

    public ResourceReference InstanceRef(Queue resource) => resource.Spec.InstanceRef;

    public string DeletionPolicy(Queue resource) => resource.Spec.DeletionPolicy;

    public ResourceStatus? Status(Queue resource) => resource.Status;

    public ValidationResult Validate(Queue resource) => Validator.Validate(resource);

    public Resolution<DesiredQueue> Resolve(Queue resource, DependencyLookup lookup, string owner)
    {
        var hoursRef = resource.Spec.HoursOfOperationRef;
        if (References.ReadyId(lookup.Hours(References.Key(resource, hoursRef))) is not { } hoursId)
        {
            return Resolution.Waiting<DesiredQueue>($"waiting for HoursOfOperation {hoursRef.Name} to be Ready");
        }
        return Resolution.Ready(DesiredState.Queue(resource.Spec, resource.Metadata.Name, owner, hoursId));
    }
}
