using System.Runtime.CompilerServices;
using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Connect;
using ContactOperator.Controllers.Sync;
using HoursOfOperation = ContactOperator.Api.Kinds.HoursOfOperation;
using Queue = ContactOperator.Api.Kinds.Queue;

namespace ContactOperator.Kinds.Queues;

/// <summary>Queue: a standard queue inside an instance, following a HoursOfOperation.</summary>
public sealed class QueueModule : ConnectChildModule<Queue, DesiredQueue, ObservedQueue>
{
    public override string AwsKind => "queue";

    public override ResourceReference InstanceRef(Queue resource) => resource.Spec.InstanceRef;

    protected override IEnumerable<IKindReference<Queue>> OtherReferences => [Refers.To<Queue, HoursOfOperation>(q => [q.Spec.HoursOfOperationRef.Name])];

    public override string DeletionPolicy(Queue resource) => resource.Spec.DeletionPolicy;

    public override string DesiredName(DesiredQueue desired) => desired.Name;

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
            TagDelta.Desired(spec.Tags, owner))
        {
            Labels = Dependencies.LabelsOf<HoursOfOperation>(lookup, resource.Metadata.NamespaceProperty),
        });
    }

    protected override async Task<ObservedQueue> DescribeOrThrowAsync(InstancePlacement at, string id, DesiredQueue desired, CancellationToken cancellationToken)
    {
        var queue = (await at.Client.DescribeQueueAsync(new DescribeQueueRequest { InstanceId = at.InstanceId, QueueId = id }, cancellationToken)).Queue
            ?? throw new InvalidOperationException($"DescribeQueue {id} returned no queue");
        var caller = queue.OutboundCallerConfig is { } c ? new QueueCallerConfig(c.OutboundCallerIdName, c.OutboundCallerIdNumberId, c.OutboundFlowId) : null;
        return new ObservedQueue(queue.QueueId ?? id, queue.QueueArn ?? "", queue.Name ?? "", queue.Description, queue.HoursOfOperationId ?? "",
            queue.MaxContacts, caller is { IsEmpty: true } ? null : caller, queue.Status ?? "", TagsOf(queue.Tags));
    }

    public override async IAsyncEnumerable<(string Id, string Name)> ListNamesAsync(InstancePlacement at, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var summary in at.Client.ListQueuesAllAsync(new ListQueuesRequest { InstanceId = at.InstanceId, QueueTypes = ["STANDARD"] }, cancellationToken))
        {
            if (summary is { Id: { } id, Name: { } name })
            {
                yield return (id, name);
            }
        }
    }

    public override async Task<CreatedResource> CreateAsync(InstancePlacement at, DesiredQueue desired, CreateContext context, CancellationToken cancellationToken)
    {
        var response = await at.Client.CreateQueueAsync(new CreateQueueRequest
        {
            InstanceId = at.InstanceId,
            Name = desired.Name,
            Description = desired.Description,
            HoursOfOperationId = desired.HoursOfOperationId,
            MaxContacts = desired.MaxContacts,
            OutboundCallerConfig = QueueCallerConfig.ToAws(desired.OutboundCallerConfig),
            Tags = desired.Tags,
        }, cancellationToken);
        return new CreatedResource(response.QueueId ?? throw new InvalidOperationException("CreateQueue returned no QueueId"), response.QueueArn);
    }

    public override IReadOnlyList<AwsWrite<InstancePlacement, ObservedQueue>> Delta(DesiredQueue desired, ObservedQueue observed) => QueueDelta.Compute(desired, observed);

    public override Task DeleteAsync(InstancePlacement at, string id, CancellationToken cancellationToken) =>
        at.Client.DeleteQueueAsync(new DeleteQueueRequest { InstanceId = at.InstanceId, QueueId = id }, cancellationToken);
}
