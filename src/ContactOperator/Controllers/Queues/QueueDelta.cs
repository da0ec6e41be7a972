using ContactOperator.Controllers.Sync;

namespace ContactOperator.Controllers.Queues;

/// <summary>A queue as the operator wants it in AWS, with references already resolved to AWS ids.</summary>
public sealed record DesiredQueue(
    string Name,
    string? Description,
    string HoursOfOperationId,
    int? MaxContacts,
    QueueCallerConfig? OutboundCallerConfig,
    string Status,
    IReadOnlyDictionary<string, string> Tags);

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
}

public sealed record UpdateQueueNameWrite(string Name, string? Description, string FromName, string? FromDescription) : AwsWrite
{
    public override string Operation => "UpdateQueueName";
    public override string Summary => Name != FromName
        ? $"renamed queue '{FromName}' to '{Name}'"
        : $"changed queue description to '{Description}'";
}

public sealed record UpdateQueueHoursWrite(string HoursOfOperationId, string From) : AwsWrite
{
    public override string Operation => "UpdateQueueHoursOfOperation";
    public override string Summary => $"changed hours of operation {From} → {HoursOfOperationId}";
}

public sealed record UpdateQueueMaxContactsWrite(int? MaxContacts, int? From) : AwsWrite
{
    public override string Operation => "UpdateQueueMaxContacts";
    public override string Summary => $"changed max contacts {Show(From)} → {Show(MaxContacts)}";
    private static string Show(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited";
}

public sealed record UpdateQueueCallerConfigWrite(QueueCallerConfig Config) : AwsWrite
{
    public override string Operation => "UpdateQueueOutboundCallerConfig";
    public override string Summary => "changed outbound caller config";
}

public sealed record UpdateQueueStatusWrite(string Status, string From) : AwsWrite
{
    public override string Operation => "UpdateQueueStatus";
    public override string Summary => $"changed status {From} → {Status}";
}

/// <summary>The writes that turn an observed queue into the desired one; none when they match.</summary>
public static class QueueDelta
{
    public static IReadOnlyList<AwsWrite> Compute(DesiredQueue desired, ObservedQueue observed)
    {
        var writes = new List<AwsWrite>();
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
        writes.AddRange(TagWrites.For(TagDelta.Between(desired.Tags, observed.Tags)));
        return writes;
    }
}
