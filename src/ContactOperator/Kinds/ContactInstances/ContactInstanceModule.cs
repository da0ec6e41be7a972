using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.AwsResources;
using ContactOperator.AwsResources.Connect;
using ContactOperator.Kinds.Contract;

namespace ContactOperator.Kinds.ContactInstances;

/// <summary>What the operator wants of an instance: how to create it, and the settings it keeps.</summary>
public sealed record DesiredInstance(
    string? Alias,
    string IdentityManagementType,
    string? DirectoryId,
    bool InboundCallsEnabled,
    bool OutboundCallsEnabled,
    DesiredInstanceSettings Settings);

/// <summary>An instance as DescribeInstance reports it, with its managed settings once it is ACTIVE.</summary>
public sealed record ObservedInstance(
    string Id,
    string Arn,
    string? Alias,
    string? IdentityManagementType,
    string Status,
    string? StatusReason,
    string? AccessUrl,
    string? ServiceRole,
    IReadOnlyDictionary<string, string> Tags,
    ObservedInstanceSettings? Settings) : IObservedResource
{
    public string Name => Alias ?? "";

}

/// <summary>
/// ContactInstance: the Amazon Connect instance. Created with a ClientToken from the object's uid, adopted by
/// spec.adopt.id or by alias, waited for until ACTIVE, then its attributes, storage, Lambda and Lex associations and
/// tags are kept as the spec says; ObserveOnly only reports.
/// </summary>
public sealed class ContactInstanceModule() : AwsKindModule<ContactInstance, RegionPlacement, DesiredInstance, ObservedInstance>(new ContactInstanceResourceManager())
{
    public override IReadOnlyList<AwsUsage.AwsOperationUse> AwsOperations => ContactInstanceAwsOperations.All;

    public override string LaneOf(ContactInstance resource) => resource.Spec.Region;

    public override string DeletionPolicy(ContactInstance resource) => resource.Spec.DeletionPolicy;

    public override string ManagementPolicy(ContactInstance resource) => resource.Spec.ManagementPolicy;

    public override string? AdoptId(ContactInstance resource) => resource.Spec.Adopt?.Id;

    public override ResourceStatus NewStatus() => new ContactInstanceStatus();

    public override Resolution<Placed<RegionPlacement, DesiredInstance>> Resolve(ContactInstance resource, string owner, SyncServices services)
    {
        var spec = resource.Spec;
        var desired = new DesiredInstance(spec.InstanceAlias, spec.IdentityManagementType, spec.DirectoryId, spec.InboundCallsEnabled, spec.OutboundCallsEnabled, Settings(spec, owner));
        return Resolution.Ready(new Placed<RegionPlacement, DesiredInstance>(PlacementForDelete(resource, services), desired));
    }

    /// <summary>
    /// The objects whose AWS resources live in this instance (queues, hours, routing profiles, a FailoverPlan's group…) go
    /// first, each by its own deletion policy; the instance's policy applies once none is left.
    /// </summary>
    public override string? DeletionWaitsFor(ContactInstance resource, SyncServices services)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(services);
        var inside = services.Lookup.AllObjects()
            .Where(o => o.Metadata.NamespaceProperty == resource.Metadata.NamespaceProperty && o.InstanceRef?.Name == resource.Metadata.Name)
            .Select(o => $"{o.Kind} {o.Metadata.Name}")
            .Order(StringComparer.Ordinal)
            .ToList();
        return inside.Count == 0 ? null
            : $"waiting for {inside.Count} object{(inside.Count == 1 ? "" : "s")} in this instance to be deleted first ({string.Join(", ", inside.Take(10))}{(inside.Count > 10 ? ", …" : "")}); then deletionPolicy {resource.Spec.DeletionPolicy} applies";
    }

    public override RegionPlacement PlacementForDelete(ContactInstance resource, SyncServices services) =>
        new(services.Connect.For(resource.Spec.Region), resource.Spec.Region);

    /// <summary>Instance attribute types as AWS names them, for each spec flag.</summary>
    public static DesiredInstanceSettings Settings(ContactInstanceSpec spec, string owner)
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

    public override ResourceStatus WithObserved(ResourceStatus status, ObservedInstance? observed, RegionPlacement at)
    {
        var instance = (ContactInstanceStatus)base.WithObserved(status, observed, at);
        return observed is null
            ? instance with { InstanceStatus = null }
            : instance with { InstanceStatus = observed.Status, AccessUrl = observed.AccessUrl, ServiceRole = observed.ServiceRole };
    }
}
