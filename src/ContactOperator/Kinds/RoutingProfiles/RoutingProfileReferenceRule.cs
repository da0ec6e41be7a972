using ContactOperator.Admission;
using ContactOperator.Api.Kinds;

namespace ContactOperator.Kinds.RoutingProfiles;

/// <summary>A routing profile takes contacts from queues of its own instance.</summary>
public sealed class RoutingProfileReferenceRule : AdmissionRule<RoutingProfile>
{
    private static string OwnerOf(Queue queue) => queue.Spec.InstanceRef.Name;

    protected override Task CheckAsync(AdmissionContext context, RoutingProfile obj, RoutingProfile? old, CancellationToken cancellationToken)
    {
        var configs = obj.Spec.QueueConfigs ?? [];
        IEnumerable<(string, string?)> references =
        [
            ("spec.defaultOutboundQueueRef.name", obj.Spec.DefaultOutboundQueueRef.Name),
            .. configs.Select((config, i) => ($"spec.queueConfigs[{i}].queueRef.name", config?.QueueRef?.Name)),
        ];
        return ReferenceRules.SameInstanceAllAsync<Queue>(context, references, obj.Spec.InstanceRef.Name, OwnerOf, cancellationToken);
    }
}
