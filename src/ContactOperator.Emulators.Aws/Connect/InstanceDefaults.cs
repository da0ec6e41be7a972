using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Aws.Connect;

/// <summary>What a new Connect instance comes with: default attributes and the Basic resources.</summary>
internal static class InstanceDefaults
{
    public const string BasicHoursName = "Basic Hours";
    public const string BasicQueueName = "BasicQueue";
    public const string BasicRoutingProfileName = "Basic Routing Profile";

    private static readonly string[] WeekDays = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"];

    public static readonly string[] AttributeTypes =
    [
        "INBOUND_CALLS", "OUTBOUND_CALLS", "CONTACTFLOW_LOGS", "CONTACT_LENS", "AUTO_RESOLVE_BEST_VOICES",
        "USE_CUSTOM_TTS_VOICES", "EARLY_MEDIA", "MULTI_PARTY_CONFERENCE", "HIGH_VOLUME_OUTBOUND",
        "ENHANCED_CONTACT_MONITORING", "ENHANCED_CHAT_MONITORING", "MULTI_PARTY_CHAT_CONFERENCE", "MESSAGE_STREAMING",
    ];

    public static void SetDefaultAttributes(ConnectInstance instance)
    {
        foreach (var type in AttributeTypes)
        {
            instance.Attributes[type] = "false";
        }

        instance.Attributes["INBOUND_CALLS"] = instance.InboundCallsEnabled ? "true" : "false";
        instance.Attributes["OUTBOUND_CALLS"] = instance.OutboundCallsEnabled ? "true" : "false";
        instance.Attributes["EARLY_MEDIA"] = "true";
        instance.Attributes["CONTACTFLOW_LOGS"] = "true";
    }

    /// <summary>The "Basic Hours" (24x7), "BasicQueue" and "Basic Routing Profile" every new instance has.</summary>
    public static void CreateDefaultResources(ConnectInstance instance, DateTimeOffset now, string region)
    {
        var config = instance.Configuration;
        var hours = new HoursOfOperationRecord
        {
            Id = ConnectLookup.NewId(),
            Name = BasicHoursName,
            Description = "Basic Hours",
            TimeZone = "UTC",
            Config = new JsonArray([.. WeekDays.Select(day => (JsonNode)new JsonObject
                {
                    ["Day"] = day,
                    ["StartTime"] = new JsonObject { ["Hours"] = 0, ["Minutes"] = 0 },
                    ["EndTime"] = new JsonObject { ["Hours"] = 0, ["Minutes"] = 0 },
                })]),
        };
        hours.Touch(now, region);
        config.Hours[hours.Id] = hours;

        var queue = new QueueRecord { Id = ConnectLookup.NewId(), Name = BasicQueueName, Description = "BasicQueue", HoursOfOperationId = hours.Id };
        queue.Touch(now, region);
        config.Queues[queue.Id] = queue;

        var profile = new RoutingProfileRecord
        {
            Id = ConnectLookup.NewId(),
            Name = BasicRoutingProfileName,
            Description = "Basic Routing Profile",
            DefaultOutboundQueueId = queue.Id,
            IsDefault = true,
            AgentAvailabilityTimer = "TIME_SINCE_LAST_ACTIVITY",
            MediaConcurrencies =
            [
                new JsonObject { ["Channel"] = "VOICE", ["Concurrency"] = 1 },
                new JsonObject { ["Channel"] = "CHAT", ["Concurrency"] = 2 },
                new JsonObject { ["Channel"] = "TASK", ["Concurrency"] = 10 },
            ],
        };
        profile.QueueConfigs[(queue.Id, "VOICE")] = (1, 0);
        profile.QueueConfigs[(queue.Id, "CHAT")] = (1, 0);
        profile.QueueConfigs[(queue.Id, "TASK")] = (1, 0);
        profile.Touch(now, region);
        config.RoutingProfiles[profile.Id] = profile;
    }
}
