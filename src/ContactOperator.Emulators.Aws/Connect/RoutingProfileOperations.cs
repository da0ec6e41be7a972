using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Connect;

/// <summary>Routing profiles and their queue associations (at most 10 queue configs per call).</summary>
[EmulatedService(ServiceRegistry.Connect)]
internal static class RoutingProfileOperations
{
    /// <summary>Routing profiles per instance (Service Quotas L-D3E7BE26, 2024 default).</summary>
    private const int PerInstanceQuota = 500;

    /// <summary>Queue×channel pairs per routing profile (L-516BC0EB, 2024 default).</summary>
    private const int QueuesPerProfileQuota = 100;

    /// <summary>QueueConfigs / QueueReferences per call (API reference: 1–10 items).</summary>
    private const int QueueConfigsPerCall = 10;

    private static readonly string[] Channels = ["VOICE", "CHAT", "TASK", "EMAIL"];
    private static readonly string[] Timers = ["TIME_SINCE_LAST_ACTIVITY", "TIME_SINCE_LAST_INBOUND"];

    [Operation("CreateRoutingProfile")]
    private static JsonObject Create(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var profiles = instance.Configuration.RoutingProfiles;
        var name = input.ReqStr("Name");
        ConnectLookup.RequireLength(context, name, "name", 1, 127);
        ConnectLookup.RequireLength(context, input.Str("Description"), "description", 1, 250);
        ConnectLookup.RequireOneOf(context, input.Str("AgentAvailabilityTimer"), "agentAvailabilityTimer", Timers);
        var concurrencies = ValidateConcurrencies(context, input.Arr("MediaConcurrencies")!);
        var defaultQueue = ConnectLookup.Queue(context, instance, input.ReqStr("DefaultOutboundQueueId"));
        var configs = ValidateQueueConfigs(context, instance, input.Objects("QueueConfigs"), "queueConfigs");
        ConnectLookup.EnsureUniqueName(context, profiles.Values, name, "routing profile");
        if (profiles.Count >= PerInstanceQuota)
        {
            throw context.Error("LimitExceededException", $"The quota of {PerInstanceQuota} routing profiles per instance has been reached.");
        }

        var profile = new RoutingProfileRecord
        {
            Id = ConnectLookup.NewId(),
            Name = name,
            Description = input.Str("Description"),
            DefaultOutboundQueueId = defaultQueue.Id,
            MediaConcurrencies = concurrencies,
            AgentAvailabilityTimer = input.Str("AgentAvailabilityTimer") ?? "TIME_SINCE_LAST_ACTIVITY",
            Tags = ConnectLookup.Tags(context, input),
        };
        foreach (var (key, value) in configs)
        {
            profile.QueueConfigs[key] = value;
        }

        profile.Touch(context.Now, context.Region);
        profiles[profile.Id] = profile;
        return new JsonObject { ["RoutingProfileArn"] = instance.RoutingProfileArn(profile.Id), ["RoutingProfileId"] = profile.Id };
    }

    [Operation("DescribeRoutingProfile", RequestsPerSecond = 10, Burst = 10)]
    private static JsonObject Describe(OperationContext context, JsonObject input)
    {
        var (instance, profile) = Find(context, input);
        var queueIds = profile.QueueConfigs.Keys.Select(k => k.QueueId).Distinct().Order(StringComparer.Ordinal).ToList();
        return new JsonObject
        {
            ["RoutingProfile"] = new JsonObject
            {
                ["InstanceId"] = instance.Id,
                ["Name"] = profile.Name,
                ["RoutingProfileArn"] = instance.RoutingProfileArn(profile.Id),
                ["RoutingProfileId"] = profile.Id,
                ["Description"] = profile.Description,
                ["MediaConcurrencies"] = profile.MediaConcurrencies.DeepClone(),
                ["DefaultOutboundQueueId"] = profile.DefaultOutboundQueueId,
                ["Tags"] = profile.Tags.ToJson(),
                ["NumberOfAssociatedQueues"] = queueIds.Count,
                ["NumberOfAssociatedUsers"] = 0,
                ["AgentAvailabilityTimer"] = profile.AgentAvailabilityTimer,
                ["LastModifiedTime"] = JsonInput.Epoch(profile.LastModifiedTime),
                ["LastModifiedRegion"] = profile.LastModifiedRegion,
                ["IsDefault"] = profile.IsDefault,

                // AssociatedQueueIds is in the model but real DescribeRoutingProfile leaves it out
                // (aws/aws-sdk-js-v3#6356); only SearchRoutingProfiles fills it. Use ListRoutingProfileQueues.
            },
        };
    }

    [Operation("ListRoutingProfiles", RequestsPerSecond = 10, Burst = 10)]
    private static JsonObject List(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var ordered = instance.Configuration.RoutingProfiles.Values.OrderBy(p => p.Name, StringComparer.Ordinal);
        var (page, next) = Paging.Page(context, ordered, input, 100, 1000);
        return new JsonObject
        {
            ["RoutingProfileSummaryList"] = new JsonArray([.. page.Select(p => (JsonNode)new JsonObject
            {
                ["Id"] = p.Id,
                ["Arn"] = instance.RoutingProfileArn(p.Id),
                ["Name"] = p.Name,
                ["LastModifiedTime"] = JsonInput.Epoch(p.LastModifiedTime),
                ["LastModifiedRegion"] = p.LastModifiedRegion,
            })]),
        }.WithToken(next);
    }

    [Operation("DeleteRoutingProfile")]
    private static JsonObject Delete(OperationContext context, JsonObject input)
    {
        var (instance, profile) = Find(context, input);
        if (profile.IsDefault)
        {
            throw context.Error("ResourceInUseException", $"Routing profile {profile.Id} is the instance's default routing profile and is assigned to users.",
                new JsonObject { ["ResourceType"] = "USER", ["ResourceId"] = profile.Id });
        }

        instance.Configuration.RoutingProfiles.Remove(profile.Id);
        return [];
    }

    [Operation("UpdateRoutingProfileName")]
    private static JsonObject UpdateName(OperationContext context, JsonObject input)
    {
        var (instance, profile) = Find(context, input);
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
            ConnectLookup.EnsureUniqueName(context, instance.Configuration.RoutingProfiles.Values, name, "routing profile", profile.Id);
            profile.Name = name;
        }

        profile.Description = description ?? profile.Description;
        profile.Touch(context.Now, context.Region);
        return [];
    }

    [Operation("UpdateRoutingProfileConcurrency")]
    private static JsonObject UpdateConcurrency(OperationContext context, JsonObject input)
    {
        var (_, profile) = Find(context, input);
        var updated = ValidateConcurrencies(context, input.Arr("MediaConcurrencies")!);
        var merged = profile.MediaConcurrencies.OfType<JsonObject>().ToDictionary(c => c.ReqStr("Channel"), c => c, StringComparer.Ordinal);
        foreach (var item in updated.OfType<JsonObject>())
        {
            merged[item.ReqStr("Channel")] = item;
        }

        profile.MediaConcurrencies = new JsonArray([.. merged.Values.Select(c => (JsonNode)c.DeepClone())]);
        profile.Touch(context.Now, context.Region);
        return [];
    }

    [Operation("UpdateRoutingProfileDefaultOutboundQueue")]
    private static JsonObject UpdateDefaultOutboundQueue(OperationContext context, JsonObject input)
    {
        var (instance, profile) = Find(context, input);
        profile.DefaultOutboundQueueId = ConnectLookup.Queue(context, instance, input.ReqStr("DefaultOutboundQueueId")).Id;
        profile.Touch(context.Now, context.Region);
        return [];
    }

    [Operation("UpdateRoutingProfileAgentAvailabilityTimer")]
    private static JsonObject UpdateAgentAvailabilityTimer(OperationContext context, JsonObject input)
    {
        var (_, profile) = Find(context, input);
        var timer = input.ReqStr("AgentAvailabilityTimer");
        ConnectLookup.RequireOneOf(context, timer, "agentAvailabilityTimer", Timers);
        profile.AgentAvailabilityTimer = timer;
        profile.Touch(context.Now, context.Region);
        return [];
    }

    [Operation("AssociateRoutingProfileQueues")]
    private static JsonObject AssociateQueues(OperationContext context, JsonObject input)
    {
        var (instance, profile) = Find(context, input);
        var configs = ValidateQueueConfigs(context, instance, input.Objects("QueueConfigs"), "queueConfigs");
        var already = configs.Keys.FirstOrDefault(profile.QueueConfigs.ContainsKey);
        if (already != default)
        {
            throw context.Error("InvalidRequestException", $"Queue {already.QueueId} is already associated with routing profile {profile.Id} on channel {already.Channel}.");
        }

        if (profile.QueueConfigs.Count + configs.Count > QueuesPerProfileQuota)
        {
            throw context.Error("InvalidRequestException", $"A routing profile can have at most {QueuesPerProfileQuota} queue and channel pairs.");
        }

        foreach (var (key, value) in configs)
        {
            profile.QueueConfigs[key] = value;
        }

        profile.Touch(context.Now, context.Region);
        return [];
    }

    [Operation("DisassociateRoutingProfileQueues")]
    private static JsonObject DisassociateQueues(OperationContext context, JsonObject input)
    {
        var (_, profile) = Find(context, input);
        var references = input.Objects("QueueReferences");
        CheckBatchSize(context, references.Count, "queueReferences");
        var keys = new List<(string, string)>();
        foreach (var reference in references)
        {
            var channel = reference.ReqStr("Channel");
            ConnectLookup.RequireOneOf(context, channel, "queueReferences.member.channel", Channels);
            var key = (ConnectLookup.IdOf(reference.ReqStr("QueueId")), channel);
            if (!profile.QueueConfigs.ContainsKey(key))
            {
                throw context.Error("ResourceNotFoundException", $"Queue {key.Item1} is not associated with routing profile {profile.Id} on channel {channel}.");
            }

            keys.Add(key);
        }

        foreach (var key in keys)
        {
            profile.QueueConfigs.Remove(key);
        }

        profile.Touch(context.Now, context.Region);
        return [];
    }

    [Operation("UpdateRoutingProfileQueues")]
    private static JsonObject UpdateQueues(OperationContext context, JsonObject input)
    {
        var (instance, profile) = Find(context, input);
        var configs = ValidateQueueConfigs(context, instance, input.Objects("QueueConfigs"), "queueConfigs");
        var missing = configs.Keys.FirstOrDefault(k => !profile.QueueConfigs.ContainsKey(k));
        if (missing != default)
        {
            // Real Connect answers InvalidRequestException here (aws/aws-sdk-go#3602).
            throw context.Error("InvalidRequestException", $"Queue {missing.QueueId} is not associated with routing profile {profile.Id} on channel {missing.Channel}.");
        }

        foreach (var (key, value) in configs)
        {
            profile.QueueConfigs[key] = value;
        }

        profile.Touch(context.Now, context.Region);
        return [];
    }

    [Operation("ListRoutingProfileQueues")]
    private static JsonObject ListQueues(OperationContext context, JsonObject input)
    {
        var (instance, profile) = Find(context, input);
        var ordered = profile.QueueConfigs
            .OrderBy(p => p.Key.QueueId, StringComparer.Ordinal).ThenBy(p => p.Key.Channel, StringComparer.Ordinal);
        var (page, next) = Paging.Page(context, ordered, input, 100, 100);
        return new JsonObject
        {
            ["RoutingProfileQueueConfigSummaryList"] = new JsonArray([.. page.Select(p =>
            {
                var queue = instance.Configuration.Queues.GetValueOrDefault(p.Key.QueueId);
                return (JsonNode)new JsonObject
                {
                    ["QueueId"] = p.Key.QueueId,
                    ["QueueArn"] = instance.QueueArn(p.Key.QueueId),
                    ["QueueName"] = queue?.Name ?? string.Empty,
                    ["Priority"] = p.Value.Priority,
                    ["Delay"] = p.Value.Delay,
                    ["Channel"] = p.Key.Channel,
                };
            })]),
            ["LastModifiedTime"] = JsonInput.Epoch(profile.LastModifiedTime),
            ["LastModifiedRegion"] = profile.LastModifiedRegion,
        }.WithToken(next);
    }

    private static (ConnectInstance Instance, RoutingProfileRecord Profile) Find(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        return (instance, ConnectLookup.RoutingProfile(context, instance, input.ReqStr("RoutingProfileId")));
    }

    private static void CheckBatchSize(OperationContext context, int count, string member)
    {
        if (count is < 1 or > QueueConfigsPerCall)
        {
            throw context.Invalid($"1 validation error detected: Value at '{member}' failed to satisfy constraint: Member must have length between 1 and {QueueConfigsPerCall}");
        }
    }

    private static Dictionary<(string QueueId, string Channel), (int Priority, int Delay)> ValidateQueueConfigs(
        OperationContext context, ConnectInstance instance, List<JsonObject> configs, string member)
    {
        var result = new Dictionary<(string, string), (int, int)>();
        if (configs.Count == 0 && context.Operation == "CreateRoutingProfile")
        {
            return result;
        }

        CheckBatchSize(context, configs.Count, member);
        foreach (var config in configs)
        {
            var reference = config.Obj("QueueReference")!;
            var channel = reference.ReqStr("Channel");
            ConnectLookup.RequireOneOf(context, channel, $"{member}.member.queueReference.channel", Channels);
            var priority = config.Int("Priority")!.Value;
            var delay = config.Int("Delay")!.Value;
            if (priority is < 1 or > 99 || delay is < 0 or > 9999)
            {
                throw context.Invalid("Queue config priority must be 1-99 and delay 0-9999 seconds.");
            }

            var queue = ConnectLookup.Queue(context, instance, reference.ReqStr("QueueId"));
            if (!result.TryAdd((queue.Id, channel), (priority, delay)))
            {
                throw context.Invalid($"Queue {queue.Id} appears twice for channel {channel}.");
            }
        }

        return result;
    }

    private static JsonArray ValidateConcurrencies(OperationContext context, JsonArray items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items.OfType<JsonObject>())
        {
            var channel = item.ReqStr("Channel");
            ConnectLookup.RequireOneOf(context, channel, "mediaConcurrencies.member.channel", Channels);
            var max = channel == "VOICE" ? 1 : 10;
            if (item.Int("Concurrency") is not { } concurrency || concurrency < (channel == "VOICE" ? 1 : 0) || concurrency > max)
            {
                throw context.Invalid($"Concurrency for {channel} must be between {(channel == "VOICE" ? 1 : 0)} and {max}.");
            }

            ConnectLookup.RequireOneOf(context, item.Obj("CrossChannelBehavior")?.Str("BehaviorType"), "crossChannelBehavior.behaviorType", "ROUTE_CURRENT_CHANNEL_ONLY", "ROUTE_ANY_CHANNEL");
            if (!seen.Add(channel))
            {
                throw context.Invalid($"Channel {channel} appears more than once in MediaConcurrencies.");
            }
        }

        if (seen.Count == 0)
        {
            throw context.Invalid("MediaConcurrencies must name at least one channel.");
        }

        return (JsonArray)items.DeepClone();
    }
}
