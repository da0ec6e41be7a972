using ContactOperator.Admission;
using ContactOperator.Api.Kinds;

namespace ContactOperator.Kinds.Queues;

/// <summary>A queue follows hours of its own instance.</summary>
public sealed class QueueReferenceRule : AdmissionRule<Queue>
{
    protected override Task CheckAsync(AdmissionContext context, Queue obj, Queue? old, CancellationToken cancellationToken) =>
        ReferenceRules.SameInstanceAsync<HoursOfOperation>(context, "spec.hoursOfOperationRef.name", obj.Spec.HoursOfOperationRef.Name, obj.Spec.InstanceRef.Name, h => h.Spec.InstanceRef.Name, cancellationToken);
}
