using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.AwsResources;
using ContactOperator.AwsResources.Connect;

namespace ContactOperator.Kinds.ContactInstances;

/// <summary>The AWS side of ContactInstance: how its resource is read, listed, created and deleted (its updates are the delta's writes).</summary>
public sealed class ContactInstanceResourceManager() : AwsResourceManager<RegionPlacement, DesiredInstance, ObservedInstance>("instance", InstanceDelta.Compute)
{
    /// <summary>The storage resource types the operator manages (S3 only).</summary>
    private static readonly string[] ManagedStorageTypes =
        ["CALL_RECORDINGS", "CHAT_TRANSCRIPTS", "SCHEDULED_REPORTS", "ATTACHMENTS", "CONTACT_EVALUATIONS", "SCREEN_RECORDINGS", "EMAIL_MESSAGES"];

    public override StringComparer NameComparer => StringComparer.OrdinalIgnoreCase;

    public override string DesiredName(DesiredInstance desired) => desired.Alias ?? "";

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

    public override AwsLifecycle LifecycleOf(ObservedInstance observed) =>
        AwsLifecycle.OfConnectStatus(observed.Status, $"instance {observed.Id}", observed.StatusReason);

    public override Task DeleteAsync(RegionPlacement at, string id, CancellationToken cancellationToken) =>
        at.Client.DeleteInstanceAsync(new DeleteInstanceRequest { InstanceId = id }, cancellationToken);

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
