using ContactOperator.Admission;
using ContactOperator.Api.Kinds;
using Connect = ContactOperator.Aws.Connect;

namespace ContactOperator.Kinds.Queues;

/// <summary>Queue: a standard queue inside an instance, following a HoursOfOperation.</summary>
public sealed class QueueModule() : ConnectChildModule<Queue, QueueSpec, DesiredQueue, ObservedQueue>("queue", QueueDelta.Compute)
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

    protected override async Task<ObservedQueue> DescribeOrThrowAsync(InstancePlacement at, string id, DesiredQueue desired, CancellationToken cancellationToken)
    {
        var queue = (await at.Client.DescribeQueueAsync(new Connect.DescribeQueueRequest { InstanceId = at.InstanceId, QueueId = id }, cancellationToken)).Queue
            ?? throw new InvalidOperationException($"DescribeQueue {id} returned no queue");
        var caller = queue.OutboundCallerConfig is { } c ? new QueueCallerConfig(c.OutboundCallerIdName, c.OutboundCallerIdNumberId, c.OutboundFlowId) : null;
        return new ObservedQueue(queue.QueueId ?? id, queue.QueueArn ?? "", queue.Name ?? "", queue.Description, queue.HoursOfOperationId ?? "",
            queue.MaxContacts, caller is { IsEmpty: true } ? null : caller, queue.Status ?? "", TagsOf(queue.Tags));
    }

    public override IAsyncEnumerable<(string Id, string Name)> ListNamesAsync(InstancePlacement at, CancellationToken cancellationToken) =>
        NamesOf(Connect.ConnectClientPaginators.ListQueuesAllAsync(at.Client, new Connect.ListQueuesRequest { InstanceId = at.InstanceId, QueueTypes = ["STANDARD"] }, cancellationToken), s => s.Id, s => s.Name);

    public override async Task<CreatedResource> CreateAsync(InstancePlacement at, DesiredQueue desired, CreateContext context, CancellationToken cancellationToken)
    {
        var response = await at.Client.CreateQueueAsync(new Connect.CreateQueueRequest
        {
            InstanceId = at.InstanceId, Name = desired.Name, Description = desired.Description, Tags = desired.Tags,
            HoursOfOperationId = desired.HoursOfOperationId,
            MaxContacts = desired.MaxContacts,
            OutboundCallerConfig = QueueCallerConfig.ToAws(desired.OutboundCallerConfig),
        }, cancellationToken);
        return Created(response.QueueId, response.QueueArn, "CreateQueue");
    }

    /// <summary>CreateQueue makes an ENABLED queue with exactly the request's fields; a DISABLED spec is the delta's UpdateQueueStatus.</summary>
    public override ObservedQueue? AsCreated(DesiredQueue desired, CreatedResource created) => created.Arn is not { } arn ? null : new ObservedQueue(
        created.Id, arn, desired.Name, desired.Description, desired.HoursOfOperationId, desired.MaxContacts,
        desired.OutboundCallerConfig is { IsEmpty: false } caller ? caller : null, "ENABLED", desired.Tags);

    public override Task DeleteAsync(InstancePlacement at, string id, CancellationToken cancellationToken) =>
        at.Client.DeleteQueueAsync(new Connect.DeleteQueueRequest { InstanceId = at.InstanceId, QueueId = id }, cancellationToken);
}
