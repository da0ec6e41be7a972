using System.Runtime.CompilerServices;
using ContactOperator.Aws.Connect;
using ContactOperator.Controllers.Sync;

namespace ContactOperator.Controllers.Queues;

/// <summary>Standard queues in Amazon Connect.</summary>
public sealed class QueueManager : ConnectResourceManager<DesiredQueue, ObservedQueue>
{
    public override string AwsKind => "queue";

    public override string DesiredName(DesiredQueue desired) => desired.Name;

    protected override async Task<ObservedQueue> DescribeOrThrowAsync(ConnectPlacement at, string id, CancellationToken cancellationToken)
    {
        var queue = (await at.Client.DescribeQueueAsync(new DescribeQueueRequest { InstanceId = at.InstanceId, QueueId = id }, cancellationToken)).Queue
            ?? throw new InvalidOperationException($"DescribeQueue {id} returned no queue");
        var caller = queue.OutboundCallerConfig is { } c ? new QueueCallerConfig(c.OutboundCallerIdName, c.OutboundCallerIdNumberId, c.OutboundFlowId) : null;
        return new ObservedQueue(queue.QueueId ?? id, queue.QueueArn ?? "", queue.Name ?? "", queue.Description, queue.HoursOfOperationId ?? "",
            queue.MaxContacts, caller is { IsEmpty: true } ? null : caller, queue.Status ?? "", TagsOf(queue.Tags));
    }

    protected override async IAsyncEnumerable<(string? Id, string? Name)> ListAsync(ConnectPlacement at, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var summary in at.Client.ListQueuesAllAsync(new ListQueuesRequest { InstanceId = at.InstanceId, QueueTypes = ["STANDARD"] }, cancellationToken))
        {
            yield return (summary.Id, summary.Name);
        }
    }

    public override async Task<string> CreateAsync(ConnectPlacement at, DesiredQueue desired, CancellationToken cancellationToken)
    {
        var response = await at.Client.CreateQueueAsync(new CreateQueueRequest
        {
            InstanceId = at.InstanceId,
            Name = desired.Name,
            Description = desired.Description,
            HoursOfOperationId = desired.HoursOfOperationId,
            MaxContacts = desired.MaxContacts,
            OutboundCallerConfig = Caller(desired.OutboundCallerConfig),
            Tags = desired.Tags,
        }, cancellationToken);
        return response.QueueId ?? throw new InvalidOperationException("CreateQueue returned no QueueId");
    }

    public override IReadOnlyList<AwsWrite> Delta(DesiredQueue desired, ObservedQueue observed) => QueueDelta.Compute(desired, observed);

    protected override Task ApplyKindWriteAsync(ConnectPlacement at, ObservedQueue observed, AwsWrite write, CancellationToken cancellationToken) => write switch
    {
        UpdateQueueNameWrite w => at.Client.UpdateQueueNameAsync(new UpdateQueueNameRequest { InstanceId = at.InstanceId, QueueId = observed.Id, Name = w.Name, Description = w.Description }, cancellationToken),
        UpdateQueueHoursWrite w => at.Client.UpdateQueueHoursOfOperationAsync(new UpdateQueueHoursOfOperationRequest { InstanceId = at.InstanceId, QueueId = observed.Id, HoursOfOperationId = w.HoursOfOperationId }, cancellationToken),
        UpdateQueueMaxContactsWrite w => at.Client.UpdateQueueMaxContactsAsync(new UpdateQueueMaxContactsRequest { InstanceId = at.InstanceId, QueueId = observed.Id, MaxContacts = w.MaxContacts }, cancellationToken),
        UpdateQueueCallerConfigWrite w => at.Client.UpdateQueueOutboundCallerConfigAsync(new UpdateQueueOutboundCallerConfigRequest { InstanceId = at.InstanceId, QueueId = observed.Id, OutboundCallerConfig = Caller(w.Config) ?? new OutboundCallerConfig() }, cancellationToken),
        UpdateQueueStatusWrite w => at.Client.UpdateQueueStatusAsync(new UpdateQueueStatusRequest { InstanceId = at.InstanceId, QueueId = observed.Id, Status = w.Status }, cancellationToken),
        _ => throw Unexpected(write),
    };

    public override Task DeleteAsync(ConnectPlacement at, string id, CancellationToken cancellationToken) =>
        at.Client.DeleteQueueAsync(new DeleteQueueRequest { InstanceId = at.InstanceId, QueueId = id }, cancellationToken);

    private static OutboundCallerConfig? Caller(QueueCallerConfig? config) => config is null || config.IsEmpty
        ? null
        : new OutboundCallerConfig { OutboundCallerIdName = config.CallerIdName, OutboundCallerIdNumberId = config.CallerIdNumberId, OutboundFlowId = config.OutboundFlowId };
}
