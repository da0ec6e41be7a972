using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;

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
public sealed class ContactInstanceModule() : AwsKindModule<ContactInstance, RegionPlacement, DesiredInstance, ObservedInstance>("instance", InstanceDelta.Compute)
{
    public override IReadOnlyList<AwsUsage.AwsOperationUse> AwsOperations => ContactInstanceAwsOperations.All;

    /// <summary>The storage resource types the operator manages (S3 only).</summary>
    private static readonly string[] ManagedStorageTypes =
        ["CALL_RECORDINGS", "CHAT_TRANSCRIPTS", "SCHEDULED_REPORTS", "ATTACHMENTS", "CONTACT_EVALUATIONS", "SCREEN_RECORDINGS", "EMAIL_MESSAGES"];

    public override string LaneOf(ContactInstance resource) => resource.Spec.Region;

    public override string DeletionPolicy(ContactInstance resource) => resource.Spec.DeletionPolicy;

    public override string ManagementPolicy(ContactInstance resource) => resource.Spec.ManagementPolicy;

    public override string? AdoptId(ContactInstance resource) => resource.Spec.Adopt?.Id;

    public override ResourceStatus NewStatus() => new ContactInstanceStatus();

    public override StringComparer NameComparer => StringComparer.OrdinalIgnoreCase;

    public override string DesiredName(DesiredInstance desired) => desired.Alias ?? "";

    public override Resolution<Placed<RegionPlacement, DesiredInstance>> Resolve(ContactInstance resource, string owner, SyncServices services)
    {
        var spec = resource.Spec;
        var desired = new DesiredInstance(spec.InstanceAlias, spec.IdentityManagementType, spec.DirectoryId, spec.InboundCallsEnabled, spec.OutboundCallsEnabled, Settings(spec, owner));
        return Resolution.Ready(new Placed<RegionPlacement, DesiredInstance>(PlacementForDelete(resource, services), desired));
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

    protected override async Task<ObservedInstance> DescribeOrThrowAsync(RegionPlacement at, string id, DesiredInstance desired, CancellationToken cancellationToken)
    {
        var instance = (await at.Client.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = id }, cancellationToken)).Instance
            ?? throw new InvalidOperationException($"DescribeInstance {id} returned nothing");
        var status = instance.InstanceStatus ?? "";
        var tags = TagsOf(instance.Tags);
        var settings = status == "ACTIVE" ? await ObserveSettingsAsync(at.Client, instance.Id ?? id, tags, desired.Settings, cancellationToken) : null;
        return new ObservedInstance(instance.Id ?? id, instance.Arn ?? "", instance.InstanceAlias, instance.IdentityManagementType,
            status, instance.StatusReason?.Message, instance.InstanceAccessUrl, instance.ServiceRole, tags, settings);
    }

    public override IAsyncEnumerable<(string Id, string Name)> ListNamesAsync(RegionPlacement at, CancellationToken cancellationToken) =>
        NamesOf(at.Client.ListInstancesAllAsync(new ListInstancesRequest(), cancellationToken).Where(s => s.InstanceStatus != "CREATION_FAILED"), s => s.Id, s => s.InstanceAlias);

    /// <summary>The token changes with each generation of the instance, so a deliberate re-create is not folded into the old one.</summary>
    public override async Task<CreatedResource> CreateAsync(RegionPlacement at, DesiredInstance desired, CreateContext context, CancellationToken cancellationToken)
    {
        var created = await at.Client.CreateInstanceAsync(new CreateInstanceRequest
        {
            ClientToken = ClientTokens.FromUid(context.Uid, $"CreateInstance/{context.ReplacedId ?? "first"}"),
            IdentityManagementType = desired.IdentityManagementType,
            InstanceAlias = desired.Alias,
            DirectoryId = desired.DirectoryId,
            InboundCallsEnabled = desired.InboundCallsEnabled,
            OutboundCallsEnabled = desired.OutboundCallsEnabled,
            Tags = desired.Settings.Tags,
        }, cancellationToken);
        return Created(created.Id, created.Arn, "CreateInstance");
    }

    public override AwsLifecycle LifecycleOf(ObservedInstance observed) => observed.Status switch
    {
        "ACTIVE" => AwsLifecycle.Active,
        "CREATION_FAILED" => AwsLifecycle.Failed($"instance {observed.Id} CREATION_FAILED: {observed.StatusReason ?? "no reason given"}"),
        _ => AwsLifecycle.Pending($"instance {observed.Id} is {observed.Status}"),
    };

    public override Task DeleteAsync(RegionPlacement at, string id, CancellationToken cancellationToken) =>
        at.Client.DeleteInstanceAsync(new DeleteInstanceRequest { InstanceId = id }, cancellationToken);

    public override ResourceStatus WithObserved(ResourceStatus status, ObservedInstance? observed, RegionPlacement at)
    {
        var instance = (ContactInstanceStatus)base.WithObserved(status, observed, at);
        return observed is null
            ? instance with { InstanceStatus = null }
            : instance with { InstanceStatus = observed.Status, AccessUrl = observed.AccessUrl, ServiceRole = observed.ServiceRole };
    }

    /// <summary>Only the settings the spec manages are read, to keep a steady-state resync cheap.</summary>
    private static async Task<ObservedInstanceSettings> ObserveSettingsAsync(IConnectClient client, string instanceId, IReadOnlyDictionary<string, string> tags, DesiredInstanceSettings desired, CancellationToken cancellationToken)
    {
        var attributes = new Dictionary<string, bool>(StringComparer.Ordinal);
        await foreach (var attribute in client.ListInstanceAttributesAllAsync(new ListInstanceAttributesRequest { InstanceId = instanceId }, cancellationToken))
        {
            if (attribute.AttributeType is { } type && bool.TryParse(attribute.Value, out var value))
            {
                attributes[type] = value;
            }
        }
        var storage = new Dictionary<string, (string, S3Storage)>(StringComparer.Ordinal);
        if (desired.StorageConfigs is not null)
        {
            foreach (var type in ManagedStorageTypes)
            {
                await foreach (var config in client.ListInstanceStorageConfigsAllAsync(new ListInstanceStorageConfigsRequest { InstanceId = instanceId, ResourceType = type }, cancellationToken))
                {
                    if (config is { StorageType: "S3", S3Config: { } s3, AssociationId: { } associationId })
                    {
                        storage[type] = (associationId, new S3Storage(s3.BucketName, s3.BucketPrefix, s3.EncryptionConfig?.KeyId));
                    }
                }
            }
        }
        var lambdas = new List<string>();
        if (desired.LambdaFunctions is not null)
        {
            await foreach (var arn in client.ListLambdaFunctionsAllAsync(new ListLambdaFunctionsRequest { InstanceId = instanceId }, cancellationToken))
            {
                lambdas.Add(arn);
            }
        }
        var bots = new List<string>();
        if (desired.LexBotAliases is not null)
        {
            await foreach (var bot in client.ListBotsAllAsync(new ListBotsRequest { InstanceId = instanceId, LexVersion = "V2" }, cancellationToken))
            {
                if (bot.LexV2Bot?.AliasArn is { } alias)
                {
                    bots.Add(alias);
                }
            }
        }
        return new ObservedInstanceSettings(attributes, storage, lambdas, bots, tags);
    }
}
