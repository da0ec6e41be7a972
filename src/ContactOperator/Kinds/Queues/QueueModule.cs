using Connect = ContactOperator.Aws.Connect;
using ContactOperator.Admission;
using ContactOperator.Api.Kinds;
using ContactOperator.AwsResources.Connect;
using ContactOperator.Kinds.Contract;

namespace ContactOperator.Kinds.Queues;

/// <summary>Queue: a standard queue inside an instance, following a HoursOfOperation.</summary>
public sealed class QueueModule() : ConnectChildModule<Queue, QueueSpec, DesiredQueue, ObservedQueue>(new QueueResourceManager())
{
    public override IReadOnlyList<AwsUsage.AwsOperationUse> AwsOperations => QueueAwsOperations.All;

    protected override IEnumerable<IKindReference<Queue>> OtherReferences => [Refers.To<Queue, HoursOfOperation>(q => [q.Spec.HoursOfOperationRef.Name])];

    protected override IEnumerable<IAdmissionRule> OtherAdmissionRules => [new QueueReferenceRule()];

    protected override Resolution<DesiredQueue> Map(Queue resource, string owner, ObjectLookup lookup)
    {
        var hoursRef = resource.Spec.HoursOfOperationRef;
        if (Dependencies.ReadyId(lookup.Get<HoursOfOperation>(Dependencies.Key(resource, hoursRef))) is not { } hoursId)
        {
            return Resolution.Waiting<DesiredQueue>($"waiting for HoursOfOperation {hoursRef.Name} to be Ready");
        }
        var spec = resource.Spec;
        return Resolution.Ready(new DesiredQueue(
            spec.Name ?? resource.Metadata.Name,
            spec.Description,
            hoursId,
            spec.MaxContacts,
            spec.OutboundCallerConfig is { } c ? new QueueCallerConfig(c.CallerIdName, c.CallerIdNumberId, c.OutboundFlowId) : null,
            spec.Status,
            TagDelta.Desired(spec.Tags, owner)));
    }
}
