using ContactOperator.Controllers.Sync;

namespace ContactOperator.Controllers.ContactInstances;

/// <summary>An S3 storage configuration of one resource type.</summary>
public sealed record S3Storage(string BucketName, string BucketPrefix, string? KmsKeyId);

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

public sealed record UpdateAttributeWrite(string AttributeType, bool Value, bool? From) : AwsWrite
{
    public override string Operation => "UpdateInstanceAttribute";
    public override string Summary => $"set {AttributeType} {(From is null ? "" : $"{From.Value.ToString().ToLowerInvariant()} → ")}{Value.ToString().ToLowerInvariant()}";
}

public sealed record AssociateStorageWrite(string ResourceType, S3Storage Storage) : AwsWrite
{
    public override string Operation => "AssociateInstanceStorageConfig";
    public override string Summary => $"stored {ResourceType} in s3://{Storage.BucketName}/{Storage.BucketPrefix}";
}

public sealed record UpdateStorageWrite(string ResourceType, string AssociationId, S3Storage Storage, S3Storage From) : AwsWrite
{
    public override string Operation => "UpdateInstanceStorageConfig";
    public override string Summary => $"moved {ResourceType} from s3://{From.BucketName}/{From.BucketPrefix} to s3://{Storage.BucketName}/{Storage.BucketPrefix}";
}

public sealed record DisassociateStorageWrite(string ResourceType, string AssociationId) : AwsWrite
{
    public override string Operation => "DisassociateInstanceStorageConfig";
    public override string Summary => $"removed {ResourceType} storage";
}

public sealed record AssociateLambdaWrite(string FunctionArn) : AwsWrite
{
    public override string Operation => "AssociateLambdaFunction";
    public override string Summary => $"associated Lambda function {FunctionArn}";
}

public sealed record DisassociateLambdaWrite(string FunctionArn) : AwsWrite
{
    public override string Operation => "DisassociateLambdaFunction";
    public override string Summary => $"disassociated Lambda function {FunctionArn}";
}

public sealed record AssociateBotWrite(string AliasArn) : AwsWrite
{
    public override string Operation => "AssociateBot";
    public override string Summary => $"associated Lex bot {AliasArn}";
}

public sealed record DisassociateBotWrite(string AliasArn) : AwsWrite
{
    public override string Operation => "DisassociateBot";
    public override string Summary => $"disassociated Lex bot {AliasArn}";
}

public static class InstanceDelta
{
    public static IReadOnlyList<AwsWrite> Compute(DesiredInstanceSettings desired, ObservedInstanceSettings observed)
    {
        var writes = new List<AwsWrite>();
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
        writes.AddRange(TagWrites.For(TagDelta.Between(desired.Tags, observed.Tags)));
        return writes;
    }
}
