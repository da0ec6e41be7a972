using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Aws.Connect;

/// <summary>A resource that carries AWS tags.</summary>
internal interface ITaggable
{
    Dictionary<string, string> Tags { get; }
}

/// <summary>One Amazon Connect instance in one Region (a replica is its own instance sharing configuration).</summary>
internal sealed class ConnectInstance : ITaggable
{
    public required string Id { get; init; }

    public required string Arn { get; init; }

    public required string Region { get; init; }

    public required string Alias { get; init; }

    public required string IdentityManagementType { get; init; }

    public string? DirectoryId { get; init; }

    public bool InboundCallsEnabled { get; set; }

    public bool OutboundCallsEnabled { get; set; }

    public required DateTimeOffset CreatedTime { get; init; }

    /// <summary>When CREATION_IN_PROGRESS turns ACTIVE.</summary>
    public required DateTimeOffset ActiveAt { get; init; }

    public string? ClientToken { get; init; }

    /// <summary>Set on a replica: the Region of the instance it was replicated from.</summary>
    public string? SourceRegion { get; init; }

    public required ReplicationGroup Group { get; init; }

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Storage configs by association id.</summary>
    public Dictionary<string, StorageConfigRecord> StorageConfigs { get; } = new(StringComparer.Ordinal);

    public List<string> LambdaFunctions { get; } = [];

    /// <summary>Lex bot associations as sent (a LexBot or a LexV2Bot object).</summary>
    public List<JsonObject> Bots { get; } = [];

    /// <summary>Set when creation was made to fail: the instance ends in CREATION_FAILED with this reason.</summary>
    public string? FailureReason { get; init; }

    public string Status(DateTimeOffset now) =>
        now < ActiveAt ? "CREATION_IN_PROGRESS" : FailureReason is null ? "ACTIVE" : "CREATION_FAILED";

    public InstanceConfiguration Configuration => Group.Configuration;

    public string QueueArn(string queueId, string queueType = "STANDARD") =>
        queueType == "AGENT" ? $"{Arn}/queue/agent/{queueId}" : $"{Arn}/queue/{queueId}";

    public string HoursArn(string id) => $"{Arn}/operating-hours/{id}";

    public string RoutingProfileArn(string id) => $"{Arn}/routing-profile/{id}";
}

/// <summary>A primary instance and its replicas: they share one configuration (queues, hours, routing profiles).</summary>
internal sealed class ReplicationGroup
{
    public List<ConnectInstance> Members { get; } = [];

    public InstanceConfiguration Configuration { get; } = new();
}

/// <summary>
/// Configuration Global Resiliency replicates between Regions, with the same resource ids: one
/// <see cref="ConfigResourceDictionary{T}"/> per resource type, each listed in <see cref="All"/> (the state dump shows them all).
/// </summary>
internal sealed class InstanceConfiguration
{
    public ConfigResourceDictionary<HoursOfOperationRecord> Hours { get; } = new("hoursOfOperation");

    public ConfigResourceDictionary<QueueRecord> Queues { get; } = new("queues");

    public ConfigResourceDictionary<RoutingProfileRecord> RoutingProfiles { get; } = new("routingProfiles");

    public IReadOnlyList<IConfigResources> All => [Hours, Queues, RoutingProfiles];
}

/// <summary>The resources of one type in an instance's configuration, under the name the state dump gives them.</summary>
internal interface IConfigResources
{
    string Name { get; }

    IEnumerable<ConfigResource> Resources { get; }
}

/// <summary>Resources of one type by id.</summary>
internal sealed class ConfigResourceDictionary<T>(string name) : Dictionary<string, T>(StringComparer.Ordinal), IConfigResources
    where T : ConfigResource
{
    public string Name => name;

    public IEnumerable<ConfigResource> Resources => Values;
}

internal sealed class StorageConfigRecord
{
    public required string AssociationId { get; init; }

    public required string ResourceType { get; init; }

    public required JsonObject Config { get; set; }
}

/// <summary>Common fields of configuration resources.</summary>
internal abstract class ConfigResource : ITaggable
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);

    public DateTimeOffset LastModifiedTime { get; set; }

    /// <summary>When the resource was created (for the eventual-consistency window).</summary>
    public DateTimeOffset CreatedTime { get; private set; } = DateTimeOffset.MinValue;

    public string LastModifiedRegion { get; set; } = string.Empty;

    public void Touch(DateTimeOffset now, string region)
    {
        if (CreatedTime == DateTimeOffset.MinValue)
        {
            CreatedTime = now;
        }

        LastModifiedTime = now;
        LastModifiedRegion = region;
    }
}

internal sealed class HoursOfOperationRecord : ConfigResource
{
    public required string TimeZone { get; set; }

    public required JsonArray Config { get; set; }
}

internal sealed class QueueRecord : ConfigResource
{
    public required string HoursOfOperationId { get; set; }

    public JsonObject? OutboundCallerConfig { get; set; }

    public int? MaxContacts { get; set; }

    public string Status { get; set; } = "ENABLED";

    public string QueueType { get; init; } = "STANDARD";

    public List<string> QuickConnectIds { get; init; } = [];
}

internal sealed class RoutingProfileRecord : ConfigResource
{
    public required string DefaultOutboundQueueId { get; set; }

    public required JsonArray MediaConcurrencies { get; set; }

    /// <summary>Queue associations keyed by (queue id, channel).</summary>
    public Dictionary<(string QueueId, string Channel), (int Priority, int Delay)> QueueConfigs { get; } = [];

    public string? AgentAvailabilityTimer { get; set; }

    public bool IsDefault { get; init; }
}

/// <summary>A traffic distribution group of a replicated instance.</summary>
internal sealed class TrafficDistributionGroup : ITaggable
{
    public required string Id { get; init; }

    public required string Arn { get; init; }

    public required string Region { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required ConnectInstance Instance { get; init; }

    public bool IsDefault { get; init; }

    public string? ClientToken { get; init; }

    public required DateTimeOffset ActiveAt { get; init; }

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Region → percentage of telephony traffic.</summary>
    public Dictionary<string, int> Telephony { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Region → percentage of agents.</summary>
    public Dictionary<string, int> Agents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Region → sign-in enabled.</summary>
    public Dictionary<string, bool> SignIn { get; set; } = new(StringComparer.Ordinal);

    public string Status(DateTimeOffset now) => now >= ActiveAt ? "ACTIVE" : "CREATION_IN_PROGRESS";
}

/// <summary>All Connect state of the account, every Region side by side.</summary>
internal sealed class ConnectStore
{
    public Dictionary<string, ConnectInstance> Instances { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TrafficDistributionGroup> TrafficDistributionGroups { get; } = new(StringComparer.Ordinal);
}
