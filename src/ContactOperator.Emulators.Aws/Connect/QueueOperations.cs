using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Connect;

/// <summary>Create/Describe/List/DeleteQueue and the UpdateQueue* operations.</summary>
[EmulatedService(ServiceRegistry.Connect)]
internal static class QueueOperations
{
    /// <summary>Queues per instance (Service Quotas L-19A87C94 default).</summary>
    private const int PerInstanceQuota = 50;

    [Operation("CreateQueue")]
    private static JsonObject Create(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var queues = instance.Configuration.Queues;
        var name = input.ReqStr("Name");
        ConnectLookup.RequireLength(context, name, "name", 1, 127);
        ConnectLookup.RequireLength(context, input.Str("Description"), "description", 1, 250);
        ValidateMaxContacts(context, input);
        var quickConnects = input.Strings("QuickConnectIds");
        if (quickConnects.Count > 50)
        {
            throw context.Invalid("1 validation error detected: Value at 'quickConnectIds' failed to satisfy constraint: Member must have length less than or equal to 50");
        }

        var hours = ConnectLookup.Hours(context, instance, input.ReqStr("HoursOfOperationId"));
        ConnectLookup.EnsureUniqueName(context, queues.Values, name, "queue");
        if (queues.Values.Count(q => q.QueueType == "STANDARD") >= PerInstanceQuota)
        {
            throw context.Error("LimitExceededException", $"The quota of {PerInstanceQuota} queues per instance has been reached.");
        }

        var queue = new QueueRecord
        {
            Id = ConnectLookup.NewId(),
            Name = name,
            Description = input.Str("Description"),
            HoursOfOperationId = hours.Id,
            OutboundCallerConfig = input.Obj("OutboundCallerConfig")?.DeepClone().AsObject(),
            MaxContacts = input.Int("MaxContacts"),
            QuickConnectIds = quickConnects,
            Tags = ConnectLookup.Tags(context, input),
        };
        queue.Touch(context.Now, context.Region);
        queues[queue.Id] = queue;
        return new JsonObject { ["QueueArn"] = instance.QueueArn(queue.Id), ["QueueId"] = queue.Id };
    }

    [Operation("DescribeQueue", RequestsPerSecond = 10, Burst = 10)]
    private static JsonObject Describe(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var queue = ConnectLookup.Queue(context, instance, input.ReqStr("QueueId"));
        var json = new JsonObject
        {
            ["Name"] = queue.Name,
            ["QueueArn"] = instance.QueueArn(queue.Id, queue.QueueType),
            ["QueueId"] = queue.Id,
            ["Description"] = queue.Description,
            ["OutboundCallerConfig"] = queue.OutboundCallerConfig?.DeepClone(),
            ["HoursOfOperationId"] = queue.HoursOfOperationId,
            ["Status"] = queue.Status,
            ["Tags"] = queue.Tags.ToJson(),
            ["LastModifiedTime"] = JsonInput.Epoch(queue.LastModifiedTime),
            ["LastModifiedRegion"] = queue.LastModifiedRegion,
        };
        if (queue.MaxContacts is { } max)
        {
            json["MaxContacts"] = max;
        }

        RemoveNulls(json);
        return new JsonObject { ["Queue"] = json };
    }

    [Operation("ListQueues")]
    private static JsonObject List(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var types = input.Strings("QueueTypes");
        foreach (var type in types)
        {
            ConnectLookup.RequireOneOf(context, type, "queueTypes", "STANDARD", "AGENT");
        }

        var ordered = instance.Configuration.Queues.Values
            .Where(q => types.Count == 0 || types.Contains(q.QueueType))
            .OrderBy(q => q.Name, StringComparer.Ordinal);
        var (page, next) = Paging.Page(context, ordered, input, 100, 1000);
        return new JsonObject
        {
            ["QueueSummaryList"] = new JsonArray([.. page.Select(q => (JsonNode)new JsonObject
            {
                ["Id"] = q.Id,
                ["Arn"] = instance.QueueArn(q.Id, q.QueueType),
                ["Name"] = q.Name,
                ["QueueType"] = q.QueueType,
                ["LastModifiedTime"] = JsonInput.Epoch(q.LastModifiedTime),
                ["LastModifiedRegion"] = q.LastModifiedRegion,
            })]),
        }.WithToken(next);
    }

    [Operation("DeleteQueue")]
    private static JsonObject Delete(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var queue = ConnectLookup.Queue(context, instance, input.ReqStr("QueueId"));
        var profile = instance.Configuration.RoutingProfiles.Values.FirstOrDefault(p =>
            p.DefaultOutboundQueueId == queue.Id || p.QueueConfigs.Keys.Any(k => k.QueueId == queue.Id));
        if (profile is not null)
        {
            throw context.Error("ResourceInUseException", $"Queue {queue.Id} is in use by routing profile {profile.Id} ({profile.Name}).",
                new JsonObject { ["ResourceType"] = "ROUTING_PROFILE", ["ResourceId"] = profile.Id });
        }

        instance.Configuration.Queues.Remove(queue.Id);
        return [];
    }

    [Operation("UpdateQueueName")]
    private static JsonObject UpdateName(OperationContext context, JsonObject input)
    {
        var (instance, queue) = Find(context, input);
        var name = input.Str("Name");
        var description = input.Str("Description");
        if (name is null && description is null)
        {
            throw context.Invalid("At least one of Name or Description must be provided.");
        }

        ConnectLookup.RequireLength(context, name, "name", 1, 127);
        ConnectLookup.RequireLength(context, description, "description", 0, 250);
        if (name is not null)
        {
            ConnectLookup.EnsureUniqueName(context, instance.Configuration.Queues.Values, name, "queue", queue.Id);
            queue.Name = name;
        }

        queue.Description = description ?? queue.Description;
        queue.Touch(context.Now, context.Region);
        return [];
    }

    [Operation("UpdateQueueHoursOfOperation")]
    private static JsonObject UpdateHours(OperationContext context, JsonObject input)
    {
        var (instance, queue) = Find(context, input);
        queue.HoursOfOperationId = ConnectLookup.Hours(context, instance, input.ReqStr("HoursOfOperationId")).Id;
        queue.Touch(context.Now, context.Region);
        return [];
    }

    [Operation("UpdateQueueMaxContacts")]
    private static JsonObject UpdateMaxContacts(OperationContext context, JsonObject input)
    {
        var (_, queue) = Find(context, input);
        ValidateMaxContacts(context, input);
        queue.MaxContacts = input.Int("MaxContacts");
        queue.Touch(context.Now, context.Region);
        return [];
    }

    [Operation("UpdateQueueOutboundCallerConfig")]
    private static JsonObject UpdateOutboundCallerConfig(OperationContext context, JsonObject input)
    {
        var (_, queue) = Find(context, input);
        queue.OutboundCallerConfig = input.Obj("OutboundCallerConfig")!.DeepClone().AsObject();
        queue.Touch(context.Now, context.Region);
        return [];
    }

    [Operation("UpdateQueueStatus")]
    private static JsonObject UpdateStatus(OperationContext context, JsonObject input)
    {
        var (_, queue) = Find(context, input);
        var status = input.ReqStr("Status");
        ConnectLookup.RequireOneOf(context, status, "status", "ENABLED", "DISABLED");
        queue.Status = status;
        queue.Touch(context.Now, context.Region);
        return [];
    }

    private static (ConnectInstance Instance, QueueRecord Queue) Find(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var queue = ConnectLookup.Queue(context, instance, input.ReqStr("QueueId"));
        if (queue.QueueType != "STANDARD")
        {
            throw context.Invalid($"Queue {queue.Id} is an agent queue and cannot be updated.");
        }

        return (instance, queue);
    }

    private static void ValidateMaxContacts(OperationContext context, JsonObject input)
    {
        if (input.Int("MaxContacts") is < 0)
        {
            throw context.Invalid("1 validation error detected: Value at 'maxContacts' failed to satisfy constraint: Member must have value greater than or equal to 0");
        }
    }

    internal static void RemoveNulls(JsonObject json)
    {
        foreach (var key in json.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            json.Remove(key);
        }
    }
}
