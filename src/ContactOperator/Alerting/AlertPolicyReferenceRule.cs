using ContactOperator.Admission;
using ContactOperator.Api.Kinds;

namespace ContactOperator.Alerting;

/// <summary>An alert policy watches queues of its own instance.</summary>
public sealed class AlertPolicyReferenceRule : AdmissionRule<AlertPolicy>
{
    protected override async Task CheckAsync(AdmissionContext context, AlertPolicy obj, AlertPolicy? old, CancellationToken cancellationToken)
    {
        var instance = obj.Spec.InstanceRef.Name;
        await ReferenceRules.InstanceAsync(context, "spec.instanceRef.name", instance, cancellationToken);
        var queues = obj.Spec.Rules.Select((rule, i) => ($"spec.rules[{i}].queueRef.name", rule?.QueueRef?.Name));
        await ReferenceRules.SameInstanceAllAsync<Queue>(context, queues, instance, q => q.Spec.InstanceRef.Name, cancellationToken);
    }
}
