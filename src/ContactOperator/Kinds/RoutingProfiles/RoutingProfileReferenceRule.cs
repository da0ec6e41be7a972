using ContactOperator.Admission;
using ContactOperator.Api.Kinds;

namespace ContactOperator.Kinds.RoutingProfiles;

/// <summary>A routing profile takes contacts from queues of its own instance.</summary>
public sealed class RoutingProfileReferenceRule : AdmissionRule<RoutingProfile>
{
    private static string OwnerOf(Queue queue) => queue.Spec.InstanceRef.Name;

    protected override async Task CheckAsync(AdmissionContext context, RoutingProfile obj, RoutingProfile? old, CancellationToken cancellationToken)
    {
        var instance = obj.Spec.InstanceRef.Name;
        await ReferenceRules.SameInstanceAsync<Queue>(context, "spec.defaultOutboundQueueRef.name", obj.Spec.DefaultOutboundQueueRef.Name, instance, OwnerOf, cancellationToken);
        var configs = obj.Spec.QueueConfigs ?? [];
        var checkedQueues = new HashSet<string>(StringComparer.Ordinal) { obj.Spec.DefaultOutboundQueueRef.Name };
        for (var i = 0; i < configs.Count; i++)
        {
            if (configs[i]?.QueueRef?.Name is { } queue && checkedQueues.Add(queue))
            {
                await ReferenceRules.SameInstanceAsync<Queue>(context, $"spec.queueConfigs[{i}].queueRef.name", queue, instance, OwnerOf, cancellationToken);
            }
        }
    }
}
