using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Controllers.Sync;

namespace ContactOperator.Controllers.ContactInstances;

/// <summary>An instance as DescribeInstance reports it.</summary>
public sealed record ObservedInstance(
    string Id,
    string Arn,
    string? Alias,
    string? IdentityManagementType,
    string Status,
    string? StatusReason,
    string? AccessUrl,
    string? ServiceRole,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>Amazon Connect instances and their settings.</summary>
public sealed class InstanceManager
{
    /// <summary>The storage resource types the operator manages (S3 only).</summary>
    private static readonly string[] ManagedStorageTypes =
        ["CALL_RECORDINGS", "CHAT_TRANSCRIPTS", "SCHEDULED_REPORTS", "ATTACHMENTS", "CONTACT_EVALUATIONS", "SCREEN_RECORDINGS", "EMAIL_MESSAGES"];

    public static async Task<ObservedInstance?> DescribeAsync(IConnectClient client, string id, CancellationToken cancellationToken)
    {
        try
        {
            var instance = (await client.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = id }, cancellationToken)).Instance
                ?? throw new InvalidOperationException($"DescribeInstance {id} returned nothing");
            return new ObservedInstance(instance.Id ?? id, instance.Arn ?? "", instance.InstanceAlias, instance.IdentityManagementType,
                instance.InstanceStatus ?? "", instance.StatusReason?.Message, instance.InstanceAccessUrl, instance.ServiceRole,
                instance.Tags ?? new Dictionary<string, string>());
        }
        catch (AwsServiceException e) when (e.Class == AwsErrorClass.NotFound)
        {
            return null;
        }
    }

    public static async Task<string?> FindIdByAliasAsync(IConnectClient client, string alias, CancellationToken cancellationToken)
    {
        await foreach (var summary in client.ListInstancesAllAsync(new ListInstancesRequest(), cancellationToken))
        {
            if (string.Equals(summary.InstanceAlias, alias, StringComparison.OrdinalIgnoreCase) && summary.InstanceStatus != "CREATION_FAILED")
            {
                return summary.Id;
            }
        }
        return null;
    }

    /// <summary>Only the settings the spec manages are read, to keep a steady-state resync cheap.</summary>
    public static async Task<ObservedInstanceSettings> ObserveSettingsAsync(IConnectClient client, ObservedInstance instance, DesiredInstanceSettings desired, CancellationToken cancellationToken)
    {
        var attributes = new Dictionary<string, bool>(StringComparer.Ordinal);
        await foreach (var attribute in client.ListInstanceAttributesAllAsync(new ListInstanceAttributesRequest { InstanceId = instance.Id }, cancellationToken))
        {
            if (attribute.AttributeType is { } type && DesiredState.ParseAttribute(attribute.Value) is { } value)
            {
                attributes[type] = value;
            }
        }
        var storage = new Dictionary<string, (string, S3Storage)>(StringComparer.Ordinal);
        if (desired.StorageConfigs is not null)
        {
            foreach (var type in ManagedStorageTypes)
            {
                await foreach (var config in client.ListInstanceStorageConfigsAllAsync(new ListInstanceStorageConfigsRequest { InstanceId = instance.Id, ResourceType = type }, cancellationToken))
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
            await foreach (var arn in client.ListLambdaFunctionsAllAsync(new ListLambdaFunctionsRequest { InstanceId = instance.Id }, cancellationToken))
            {
                lambdas.Add(arn);
            }
        }
        var bots = new List<string>();
        if (desired.LexBotAliases is not null)
        {
            await foreach (var bot in client.ListBotsAllAsync(new ListBotsRequest { InstanceId = instance.Id, LexVersion = "V2" }, cancellationToken))
            {
                if (bot.LexV2Bot?.AliasArn is { } alias)
                {
                    bots.Add(alias);
                }
            }
        }
        return new ObservedInstanceSettings(attributes, storage, lambdas, bots, instance.Tags);
    }

    public static Task ApplyAsync(IConnectClient client, ObservedInstance instance, AwsWrite write, CancellationToken cancellationToken) => write switch
    {
        UpdateAttributeWrite w => client.UpdateInstanceAttributeAsync(new UpdateInstanceAttributeRequest { InstanceId = instance.Id, AttributeType = w.AttributeType, Value = DesiredState.AttributeValue(w.Value) }, cancellationToken),
        AssociateStorageWrite w => client.AssociateInstanceStorageConfigAsync(new AssociateInstanceStorageConfigRequest { InstanceId = instance.Id, ResourceType = w.ResourceType, StorageConfig = S3(w.Storage) }, cancellationToken),
        UpdateStorageWrite w => client.UpdateInstanceStorageConfigAsync(new UpdateInstanceStorageConfigRequest { InstanceId = instance.Id, AssociationId = w.AssociationId, ResourceType = w.ResourceType, StorageConfig = S3(w.Storage) }, cancellationToken),
        DisassociateStorageWrite w => client.DisassociateInstanceStorageConfigAsync(new DisassociateInstanceStorageConfigRequest { InstanceId = instance.Id, AssociationId = w.AssociationId, ResourceType = w.ResourceType }, cancellationToken),
        AssociateLambdaWrite w => client.AssociateLambdaFunctionAsync(new AssociateLambdaFunctionRequest { InstanceId = instance.Id, FunctionArn = w.FunctionArn }, cancellationToken),
        DisassociateLambdaWrite w => client.DisassociateLambdaFunctionAsync(new DisassociateLambdaFunctionRequest { InstanceId = instance.Id, FunctionArn = w.FunctionArn }, cancellationToken),
        AssociateBotWrite w => client.AssociateBotAsync(new AssociateBotRequest { InstanceId = instance.Id, LexV2Bot = new LexV2Bot { AliasArn = w.AliasArn } }, cancellationToken),
        DisassociateBotWrite w => client.DisassociateBotAsync(new DisassociateBotRequest { InstanceId = instance.Id, LexV2Bot = new LexV2Bot { AliasArn = w.AliasArn } }, cancellationToken),
        TagResourceWrite w => client.TagResourceAsync(new TagResourceRequest { ResourceArn = instance.Arn, Tags = w.Tags }, cancellationToken),
        UntagResourceWrite w => client.UntagResourceAsync(new UntagResourceRequest { ResourceArn = instance.Arn, TagKeys = w.Keys }, cancellationToken),
        _ => throw new InvalidOperationException($"no AWS call for {write.GetType().Name}"),
    };

    private static InstanceStorageConfig S3(S3Storage storage) => new()
    {
        StorageType = "S3",
        S3Config = new S3Config
        {
            BucketName = storage.BucketName,
            BucketPrefix = storage.BucketPrefix,
            EncryptionConfig = storage.KmsKeyId is { } key ? new EncryptionConfig { EncryptionType = "KMS", KeyId = key } : null,
        },
    };
}
