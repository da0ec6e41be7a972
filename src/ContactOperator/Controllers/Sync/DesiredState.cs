using System.Globalization;
using ContactOperator.Api.Kinds;
using ContactOperator.Controllers.ContactInstances;
using ContactOperator.Controllers.HoursOfOperations;
using ContactOperator.Controllers.Queues;
using ContactOperator.Controllers.RoutingProfiles;

namespace ContactOperator.Controllers.Sync;

/// <summary>Maps specs (with references resolved to AWS ids) to the desired AWS state the deltas compare against.</summary>
public static class DesiredState
{
    /// <summary>The owner tag value: namespace/name of the Kubernetes object.</summary>
    public static string Owner(string? @namespace, string name) => $"{@namespace ?? "default"}/{name}";

    public static DesiredQueue Queue(QueueSpec spec, string objectName, string owner, string hoursOfOperationId) => new(
        spec.Name ?? objectName,
        spec.Description,
        hoursOfOperationId,
        spec.MaxContacts,
        spec.OutboundCallerConfig is { } c ? new QueueCallerConfig(c.CallerIdName, c.CallerIdNumberId, c.OutboundFlowId) : null,
        spec.Status,
        TagDelta.Desired(spec.Tags, owner));

    public static DesiredHours Hours(HoursOfOperationSpec spec, string objectName, string owner) => new(
        spec.Name ?? objectName,
        spec.Description,
        spec.TimeZone,
        spec.Config.Select(Slot).ToList(),
        TagDelta.Desired(spec.Tags, owner));

    private static HoursSlot Slot(HoursOfOperationSlot slot)
    {
        var start = ClockTime.ToMinutes(slot.StartTime);
        var end = ClockTime.ToMinutes(slot.EndTime);
        return new HoursSlot(slot.Day, start / 60, start % 60, end / 60, end % 60);
    }

    public static DesiredRoutingProfile RoutingProfile(RoutingProfileSpec spec, string objectName, string owner,
        string defaultOutboundQueueId, IReadOnlyDictionary<string, string> queueIdsByName) => new(
        spec.Name ?? objectName,
        spec.Description,
        defaultOutboundQueueId,
        spec.MediaConcurrencies.Select(m => new ChannelConcurrency(m.Channel, m.Concurrency, m.CrossChannelBehavior ?? RoutingProfileDelta.DefaultCrossChannelBehavior)).ToList(),
        spec.QueueConfigs?.Select(q => new QueueConfig(queueIdsByName[q.QueueRef.Name], q.Channel, q.Priority, q.Delay)).ToList(),
        spec.AgentAvailabilityTimer,
        TagDelta.Desired(spec.Tags, owner));

    /// <summary>Instance attribute types as AWS names them, for each spec flag.</summary>
    public static DesiredInstanceSettings InstanceSettings(ContactInstanceSpec spec, string owner)
    {
        var attributes = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["INBOUND_CALLS"] = spec.InboundCallsEnabled,
            ["OUTBOUND_CALLS"] = spec.OutboundCallsEnabled,
        };
        if (spec.Attributes is { } a)
        {
            Add(attributes, "CONTACT_LENS", a.ContactLens);
            Add(attributes, "CONTACTFLOW_LOGS", a.ContactflowLogs);
            Add(attributes, "EARLY_MEDIA", a.EarlyMedia);
            Add(attributes, "AUTO_RESOLVE_BEST_VOICES", a.AutoResolveBestVoices);
            Add(attributes, "USE_CUSTOM_TTS_VOICES", a.UseCustomTtsVoices);
            Add(attributes, "MULTI_PARTY_CONFERENCE", a.MultiPartyConference);
            Add(attributes, "MULTI_PARTY_CHAT_CONFERENCE", a.MultiPartyChatConference);
            Add(attributes, "HIGH_VOLUME_OUTBOUND", a.HighVolumeOutbound);
            Add(attributes, "ENHANCED_CONTACT_MONITORING", a.EnhancedContactMonitoring);
            Add(attributes, "ENHANCED_CHAT_MONITORING", a.EnhancedChatMonitoring);
            Add(attributes, "MESSAGE_STREAMING", a.MessageStreaming);
        }
        return new DesiredInstanceSettings(
            attributes,
            spec.StorageConfigs?.ToDictionary(s => s.ResourceType, s => new S3Storage(s.S3.BucketName, s.S3.BucketPrefix, s.S3.KmsKeyId), StringComparer.Ordinal),
            spec.LambdaFunctions?.ToList(),
            spec.LexBots?.Select(b => b.AliasArn).ToList(),
            TagDelta.Desired(spec.Tags, owner));

        static void Add(Dictionary<string, bool> map, string type, bool? value)
        {
            if (value is { } v)
            {
                map[type] = v;
            }
        }
    }

    /// <summary>Attribute values travel as the strings "true" and "false".</summary>
    public static string AttributeValue(bool value) => value ? "true" : "false";

    public static bool? ParseAttribute(string? value) =>
        bool.TryParse(value, out var b) ? b : null;

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
