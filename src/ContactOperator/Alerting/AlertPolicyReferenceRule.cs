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
        var checkedQueues = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < obj.Spec.Rules.Count; i++)
        {
            if (obj.Spec.Rules[i]?.QueueRef is { } queue && checkedQueues.Add(queue.Name))
            {
                await ReferenceRules.SameInstanceAsync<Queue>(context, $"spec.rules[{i}].queueRef.name", queue.Name, instance, q => q.Spec.InstanceRef.Name, cancellationToken);
            }
        }
    }
}
