using System.Globalization;
using ContactOperator.Aws.Connect;
using ContactOperator.AwsResources;
using ContactOperator.AwsResources.Connect;

namespace ContactOperator.Kinds.Queues;

/// <summary>A queue as the operator wants it in AWS, with references already resolved to AWS ids.</summary>
public sealed record DesiredQueue(
    string Name,
    string? Description,
    string HoursOfOperationId,
    int? MaxContacts,
    QueueCallerConfig? OutboundCallerConfig,
    string Status,
    IReadOnlyDictionary<string, string> Tags) : INamedDesired;

/// <summary>A queue as DescribeQueue reports it.</summary>
public sealed record ObservedQueue(
    string Id,
    string Arn,
    string Name,
    string? Description,
    string HoursOfOperationId,
    int? MaxContacts,
    QueueCallerConfig? OutboundCallerConfig,
    string Status,
    IReadOnlyDictionary<string, string> Tags) : IObservedResource;

public sealed record QueueCallerConfig(string? CallerIdName, string? CallerIdNumberId, string? OutboundFlowId)
{
    public bool IsEmpty => CallerIdName is null && CallerIdNumberId is null && OutboundFlowId is null;

    public static OutboundCallerConfig? ToAws(QueueCallerConfig? config) => config is null || config.IsEmpty
        ? null
        : new OutboundCallerConfig { OutboundCallerIdName = config.CallerIdName, OutboundCallerIdNumberId = config.CallerIdNumberId, OutboundFlowId = config.OutboundFlowId };
}

/// <summary>A write to a queue.</summary>
public abstract record QueueWrite(string Operation) : AwsWrite<InstancePlacement, ObservedQueue>(Operation);

public sealed record UpdateQueueNameWrite(string Name, string? Description, string FromName, string? FromDescription) : QueueWrite("UpdateQueueName")
{
    public override string Summarize(IdLabels labels) => Name != FromName
        ? $"renamed queue '{FromName}' to '{Name}'"
        : $"changed queue description to '{Description}'";

    public override Task ApplyAsync(InstancePlacement at, ObservedQueue observed, CancellationToken cancellationToken) =>
        at.Client.UpdateQueueNameAsync(new UpdateQueueNameRequest { InstanceId = at.InstanceId, QueueId = observed.Id, Name = Name, Description = Description }, cancellationToken);
}

public sealed record UpdateQueueHoursWrite(string HoursOfOperationId, string From) : QueueWrite("UpdateQueueHoursOfOperation")
{
    public override string Summarize(IdLabels labels) => $"changed hours of operation {labels.Of(From)} → {labels.Of(HoursOfOperationId)}";

    public override Task ApplyAsync(InstancePlacement at, ObservedQueue observed, CancellationToken cancellationToken) =>
        at.Client.UpdateQueueHoursOfOperationAsync(new UpdateQueueHoursOfOperationRequest { InstanceId = at.InstanceId, QueueId = observed.Id, HoursOfOperationId = HoursOfOperationId }, cancellationToken);
}

public sealed record UpdateQueueMaxContactsWrite(int? MaxContacts, int? From) : QueueWrite("UpdateQueueMaxContacts")
{
    public override string Summarize(IdLabels labels) => $"changed max contacts {Show(From)} → {Show(MaxContacts)}";

    public override Task ApplyAsync(InstancePlacement at, ObservedQueue observed, CancellationToken cancellationToken) =>
        at.Client.UpdateQueueMaxContactsAsync(new UpdateQueueMaxContactsRequest { InstanceId = at.InstanceId, QueueId = observed.Id, MaxContacts = MaxContacts }, cancellationToken);

    private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "unlimited";
}

public sealed record UpdateQueueCallerConfigWrite(QueueCallerConfig Config) : QueueWrite("UpdateQueueOutboundCallerConfig")
{
    public override string Summarize(IdLabels labels) => "changed outbound caller config";

    public override Task ApplyAsync(InstancePlacement at, ObservedQueue observed, CancellationToken cancellationToken) =>
        at.Client.UpdateQueueOutboundCallerConfigAsync(new UpdateQueueOutboundCallerConfigRequest
        {
            InstanceId = at.InstanceId,
            QueueId = observed.Id,
            OutboundCallerConfig = QueueCallerConfig.ToAws(Config) ?? new OutboundCallerConfig(),
        }, cancellationToken);
}

public sealed record UpdateQueueStatusWrite(string Status, string From) : QueueWrite("UpdateQueueStatus")
{
    public override string Summarize(IdLabels labels) => $"changed status {From} → {Status}";

    public override Task ApplyAsync(InstancePlacement at, ObservedQueue observed, CancellationToken cancellationToken) =>
        at.Client.UpdateQueueStatusAsync(new UpdateQueueStatusRequest { InstanceId = at.InstanceId, QueueId = observed.Id, Status = Status }, cancellationToken);
}

/// <summary>The writes that turn an observed queue into the desired one; none when they match.</summary>
public static class QueueDelta
{
    public static IReadOnlyList<AwsWrite<InstancePlacement, ObservedQueue>> Compute(DesiredQueue desired, ObservedQueue observed)
    {
        var writes = new List<AwsWrite<InstancePlacement, ObservedQueue>>();
        var description = desired.Description ?? observed.Description;
        if (desired.Name != observed.Name || description != observed.Description)
        {
            writes.Add(new UpdateQueueNameWrite(desired.Name, description, observed.Name, observed.Description));
        }
        if (desired.HoursOfOperationId != observed.HoursOfOperationId)
        {
            writes.Add(new UpdateQueueHoursWrite(desired.HoursOfOperationId, observed.HoursOfOperationId));
        }
        if (desired.MaxContacts != observed.MaxContacts)
        {
            writes.Add(new UpdateQueueMaxContactsWrite(desired.MaxContacts, observed.MaxContacts));
        }
        var desiredCaller = desired.OutboundCallerConfig ?? new QueueCallerConfig(null, null, null);
        var observedCaller = observed.OutboundCallerConfig ?? new QueueCallerConfig(null, null, null);
        if (desiredCaller != observedCaller)
        {
            writes.Add(new UpdateQueueCallerConfigWrite(desiredCaller));
        }
        if (desired.Status != observed.Status)
        {
            writes.Add(new UpdateQueueStatusWrite(desired.Status, observed.Status));
        }
        writes.AddRange(TagWrites.For<InstancePlacement, ObservedQueue>(TagDelta.Between(desired.Tags, observed.Tags)));
        return writes;
    }
}
