using ContactOperator.Aws.Connect;
using ContactOperator.AwsResources;
using ContactOperator.AwsResources.Connect;

namespace ContactOperator.Kinds.ContactInstances;

/// <summary>An S3 storage configuration of one resource type.</summary>
public sealed record S3Storage(string BucketName, string BucketPrefix, string? KmsKeyId)
{
    public InstanceStorageConfig ToAws() => new()
    {
        StorageType = "S3",
        S3Config = new S3Config
        {
            BucketName = BucketName,
            BucketPrefix = BucketPrefix,
            EncryptionConfig = KmsKeyId is { } key ? new EncryptionConfig { EncryptionType = "KMS", KeyId = key } : null,
        },
    };
}

/// <summary>What the operator manages on an existing instance. Null collections are not managed.</summary>
public sealed record DesiredInstanceSettings(
    IReadOnlyDictionary<string, bool> Attributes,
    IReadOnlyDictionary<string, S3Storage>? StorageConfigs,
    IReadOnlyList<string>? LambdaFunctions,
    IReadOnlyList<string>? LexBotAliases,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>The instance's settings as AWS reports them.</summary>
public sealed record ObservedInstanceSettings(
    IReadOnlyDictionary<string, bool> Attributes,
    IReadOnlyDictionary<string, (string AssociationId, S3Storage Storage)> StorageConfigs,
    IReadOnlyList<string> LambdaFunctions,
    IReadOnlyList<string> LexBotAliases,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>A write to an instance's settings.</summary>
public abstract record InstanceWrite(string Operation) : AwsWrite<RegionPlacement, ObservedInstance>(Operation);

public sealed record UpdateAttributeWrite(string AttributeType, bool Value, bool? From) : InstanceWrite("UpdateInstanceAttribute")
{
    public override string Summarize(IdLabels labels) => $"set {AttributeType} {(From is null ? "" : $"{From.Value.ToString().ToLowerInvariant()} → ")}{Value.ToString().ToLowerInvariant()}";

    public override Task ApplyAsync(RegionPlacement at, ObservedInstance observed, CancellationToken cancellationToken) =>
        at.Client.UpdateInstanceAttributeAsync(new UpdateInstanceAttributeRequest { InstanceId = observed.Id, AttributeType = AttributeType, Value = Value ? "true" : "false" }, cancellationToken);
}

public sealed record AssociateStorageWrite(string ResourceType, S3Storage Storage) : InstanceWrite("AssociateInstanceStorageConfig")
{
    public override string Summarize(IdLabels labels) => $"stored {ResourceType} in s3://{Storage.BucketName}/{Storage.BucketPrefix}";

    public override Task ApplyAsync(RegionPlacement at, ObservedInstance observed, CancellationToken cancellationToken) =>
        at.Client.AssociateInstanceStorageConfigAsync(new AssociateInstanceStorageConfigRequest { InstanceId = observed.Id, ResourceType = ResourceType, StorageConfig = Storage.ToAws() }, cancellationToken);
}

public sealed record UpdateStorageWrite(string ResourceType, string AssociationId, S3Storage Storage, S3Storage From) : InstanceWrite("UpdateInstanceStorageConfig")
{
    public override string Summarize(IdLabels labels) => $"moved {ResourceType} from s3://{From.BucketName}/{From.BucketPrefix} to s3://{Storage.BucketName}/{Storage.BucketPrefix}";

    public override Task ApplyAsync(RegionPlacement at, ObservedInstance observed, CancellationToken cancellationToken) =>
        at.Client.UpdateInstanceStorageConfigAsync(new UpdateInstanceStorageConfigRequest { InstanceId = observed.Id, AssociationId = AssociationId, ResourceType = ResourceType, StorageConfig = Storage.ToAws() }, cancellationToken);
}

public sealed record DisassociateStorageWrite(string ResourceType, string AssociationId) : InstanceWrite("DisassociateInstanceStorageConfig")
{
    public override string Summarize(IdLabels labels) => $"removed {ResourceType} storage";

    public override Task ApplyAsync(RegionPlacement at, ObservedInstance observed, CancellationToken cancellationToken) =>
        at.Client.DisassociateInstanceStorageConfigAsync(new DisassociateInstanceStorageConfigRequest { InstanceId = observed.Id, AssociationId = AssociationId, ResourceType = ResourceType }, cancellationToken);
}

public sealed record AssociateLambdaWrite(string FunctionArn) : InstanceWrite("AssociateLambdaFunction")
{
    public override string Summarize(IdLabels labels) => $"associated Lambda function {FunctionArn}";

    public override Task ApplyAsync(RegionPlacement at, ObservedInstance observed, CancellationToken cancellationToken) =>
        at.Client.AssociateLambdaFunctionAsync(new AssociateLambdaFunctionRequest { InstanceId = observed.Id, FunctionArn = FunctionArn }, cancellationToken);
}

public sealed record DisassociateLambdaWrite(string FunctionArn) : InstanceWrite("DisassociateLambdaFunction")
{
    public override string Summarize(IdLabels labels) => $"disassociated Lambda function {FunctionArn}";

    public override Task ApplyAsync(RegionPlacement at, ObservedInstance observed, CancellationToken cancellationToken) =>
        at.Client.DisassociateLambdaFunctionAsync(new DisassociateLambdaFunctionRequest { InstanceId = observed.Id, FunctionArn = FunctionArn }, cancellationToken);
}

public sealed record AssociateBotWrite(string AliasArn) : InstanceWrite("AssociateBot")
{
    public override string Summarize(IdLabels labels) => $"associated Lex bot {AliasArn}";

    public override Task ApplyAsync(RegionPlacement at, ObservedInstance observed, CancellationToken cancellationToken) =>
        at.Client.AssociateBotAsync(new AssociateBotRequest { InstanceId = observed.Id, LexV2Bot = new LexV2Bot { AliasArn = AliasArn } }, cancellationToken);
}

public sealed record DisassociateBotWrite(string AliasArn) : InstanceWrite("DisassociateBot")
{
    public override string Summarize(IdLabels labels) => $"disassociated Lex bot {AliasArn}";

    public override Task ApplyAsync(RegionPlacement at, ObservedInstance observed, CancellationToken cancellationToken) =>
        at.Client.DisassociateBotAsync(new DisassociateBotRequest { InstanceId = observed.Id, LexV2Bot = new LexV2Bot { AliasArn = AliasArn } }, cancellationToken);
}

public static class InstanceDelta
{
    /// <summary>Settings are read (and kept) only once the instance is ACTIVE.</summary>
    public static IReadOnlyList<AwsWrite<RegionPlacement, ObservedInstance>> Compute(DesiredInstance desired, ObservedInstance observed) =>
        observed.Settings is { } settings ? Compute(desired.Settings, settings) : [];

    public static IReadOnlyList<AwsWrite<RegionPlacement, ObservedInstance>> Compute(DesiredInstanceSettings desired, ObservedInstanceSettings observed)
    {
        var writes = new List<AwsWrite<RegionPlacement, ObservedInstance>>();
        foreach (var (type, value) in desired.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            bool? current = observed.Attributes.TryGetValue(type, out var v) ? v : null;
            if (current != value)
            {
                writes.Add(new UpdateAttributeWrite(type, value, current));
            }
        }
        if (desired.StorageConfigs is { } storage)
        {
            foreach (var (type, existing) in observed.StorageConfigs.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                if (!storage.ContainsKey(type))
                {
                    writes.Add(new DisassociateStorageWrite(type, existing.AssociationId));
                }
            }
            foreach (var (type, wanted) in storage.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                if (!observed.StorageConfigs.TryGetValue(type, out var existing))
                {
                    writes.Add(new AssociateStorageWrite(type, wanted));
                }
                else if (existing.Storage != wanted)
                {
                    writes.Add(new UpdateStorageWrite(type, existing.AssociationId, wanted, existing.Storage));
                }
            }
        }
        if (desired.LambdaFunctions is { } lambdas)
        {
            writes.AddRange(observed.LambdaFunctions.Except(lambdas, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(f => new DisassociateLambdaWrite(f)));
            writes.AddRange(lambdas.Except(observed.LambdaFunctions, StringComparer.Ordinal).Select(f => new AssociateLambdaWrite(f)));
        }
        if (desired.LexBotAliases is { } bots)
        {
            writes.AddRange(observed.LexBotAliases.Except(bots, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(b => new DisassociateBotWrite(b)));
            writes.AddRange(bots.Except(observed.LexBotAliases, StringComparer.Ordinal).Select(b => new AssociateBotWrite(b)));
        }
        writes.AddRange(TagWrites.For<RegionPlacement, ObservedInstance>(TagDelta.Between(desired.Tags, observed.Tags)));
        return writes;
    }
}
