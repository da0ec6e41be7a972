using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;

namespace ContactOperator.Aws.Tests.Scenarios;

/// <summary>Instance attributes, storage configs, Lambda and Lex associations and tags, against the emulator.</summary>
public sealed class ConnectInstanceConfigScenarioTests
{
    [Fact]
    public async Task Attributes_storage_configs_lambdas_and_bots()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var connect = aws.Connect();
        var instanceId = (await aws.CreateActiveInstanceAsync(connect, "conf-config")).Id!;

        // attributes
        await aws.Run(() => connect.UpdateInstanceAttributeAsync(new UpdateInstanceAttributeRequest { InstanceId = instanceId, AttributeType = InstanceAttributeType.ContactLens, Value = "false" }));
        var attributes = await aws.Run(() => connect.ListInstanceAttributesAllAsync(new ListInstanceAttributesRequest { InstanceId = instanceId }).ToListAsync().AsTask());
        Assert.Contains(attributes, a => a.AttributeType == InstanceAttributeType.ContactLens && a.Value == "false");
        Assert.Contains(attributes, a => a.AttributeType == InstanceAttributeType.InboundCalls);
        var badAttribute = await aws.Fails(() => connect.UpdateInstanceAttributeAsync(new UpdateInstanceAttributeRequest { InstanceId = instanceId, AttributeType = "NOT_AN_ATTRIBUTE", Value = "true" }));
        Assert.Equal(AwsErrorClass.InvalidInput, badAttribute.Class);

        // storage configs
        var s3 = new InstanceStorageConfig
        {
            StorageType = StorageType.S3,
            S3Config = new S3Config
            {
                BucketName = "acme-recordings",
                BucketPrefix = "connect/calls",
                EncryptionConfig = new EncryptionConfig { EncryptionType = EncryptionType.Kms, KeyId = "arn:aws:kms:us-east-1:123456789012:key/k" },
            },
        };
        var association = await aws.Run(() => connect.AssociateInstanceStorageConfigAsync(new AssociateInstanceStorageConfigRequest { InstanceId = instanceId, ResourceType = InstanceStorageResourceType.CallRecordings, StorageConfig = s3 }));
        var associationId = association.AssociationId!;
        var storage = Assert.Single(await aws.Run(() => connect.ListInstanceStorageConfigsAllAsync(new ListInstanceStorageConfigsRequest { InstanceId = instanceId, ResourceType = InstanceStorageResourceType.CallRecordings }).ToListAsync().AsTask()), c => c.AssociationId == associationId);
        Assert.Equal("acme-recordings", storage.S3Config!.BucketName);
        Assert.Equal(EncryptionType.Kms, storage.S3Config.EncryptionConfig!.EncryptionType);
        await aws.Run(() => connect.UpdateInstanceStorageConfigAsync(new UpdateInstanceStorageConfigRequest
        {
            InstanceId = instanceId,
            AssociationId = associationId,
            ResourceType = InstanceStorageResourceType.CallRecordings,
            StorageConfig = s3 with { S3Config = s3.S3Config! with { BucketPrefix = "connect/v2" } },
        }));
        var configs = await aws.Run(() => connect.ListInstanceStorageConfigsAllAsync(new ListInstanceStorageConfigsRequest { InstanceId = instanceId, ResourceType = InstanceStorageResourceType.CallRecordings }).ToListAsync().AsTask());
        Assert.Equal("connect/v2", Assert.Single(configs, c => c.AssociationId == associationId).S3Config!.BucketPrefix);
        await aws.Run(() => connect.DisassociateInstanceStorageConfigAsync(new DisassociateInstanceStorageConfigRequest { InstanceId = instanceId, AssociationId = associationId, ResourceType = InstanceStorageResourceType.CallRecordings }));
        Assert.DoesNotContain(await aws.Run(() => connect.ListInstanceStorageConfigsAllAsync(new ListInstanceStorageConfigsRequest { InstanceId = instanceId, ResourceType = InstanceStorageResourceType.CallRecordings }).ToListAsync().AsTask()), c => c.AssociationId == associationId);

        // Lambda functions
        const string function = "arn:aws:lambda:us-east-1:123456789012:function:route-call";
        await aws.Run(() => connect.AssociateLambdaFunctionAsync(new AssociateLambdaFunctionRequest { InstanceId = instanceId, FunctionArn = function }));
        Assert.Contains(function, await aws.Run(() => connect.ListLambdaFunctionsAllAsync(new ListLambdaFunctionsRequest { InstanceId = instanceId }).ToListAsync().AsTask()));
        await aws.Run(() => connect.DisassociateLambdaFunctionAsync(new DisassociateLambdaFunctionRequest { InstanceId = instanceId, FunctionArn = function }));
        Assert.DoesNotContain(function, (await aws.Run(() => connect.ListLambdaFunctionsAsync(new ListLambdaFunctionsRequest { InstanceId = instanceId }))).LambdaFunctions ?? []);

        // Lex bots
        var bot = new LexV2Bot { AliasArn = "arn:aws:lex:us-east-1:123456789012:bot-alias/BOT1/ALIAS1" };
        await aws.Run(() => connect.AssociateBotAsync(new AssociateBotRequest { InstanceId = instanceId, LexV2Bot = bot }));
        var bots = await aws.Run(() => connect.ListBotsAllAsync(new ListBotsRequest { InstanceId = instanceId, LexVersion = LexVersion.V2 }).ToListAsync().AsTask());
        Assert.Contains(bots, b => b.LexV2Bot?.AliasArn == bot.AliasArn);
        await aws.Run(() => connect.DisassociateBotAsync(new DisassociateBotRequest { InstanceId = instanceId, LexV2Bot = bot }));
        Assert.DoesNotContain((await aws.Run(() => connect.ListBotsAsync(new ListBotsRequest { InstanceId = instanceId, LexVersion = LexVersion.V2 }))).LexBots ?? [], b => b.LexV2Bot?.AliasArn == bot.AliasArn);
    }

    [Fact]
    public async Task Tags_on_a_queue()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var connect = aws.Connect();
        var instanceId = (await aws.CreateActiveInstanceAsync(connect, "conf-tags")).Id!;
        var queue = (await aws.Run(() => connect.ListQueuesAsync(new ListQueuesRequest { InstanceId = instanceId, QueueTypes = [QueueType.Standard] }))).QueueSummaryList![0];

        await aws.Run(() => connect.TagResourceAsync(new TagResourceRequest { ResourceArn = queue.Arn!, Tags = new Dictionary<string, string> { ["team"] = "sales", ["env"] = "prod" } }));
        var tags = (await aws.Run(() => connect.DescribeQueueAsync(new DescribeQueueRequest { InstanceId = instanceId, QueueId = queue.Id! }))).Queue!.Tags!;
        Assert.Equal("sales", tags["team"]);
        Assert.Equal("prod", tags["env"]);
        await aws.Run(() => connect.UntagResourceAsync(new UntagResourceRequest { ResourceArn = queue.Arn!, TagKeys = ["env"] }));
        tags = (await aws.Run(() => connect.DescribeQueueAsync(new DescribeQueueRequest { InstanceId = instanceId, QueueId = queue.Id! }))).Queue!.Tags!;
        Assert.False(tags.ContainsKey("env"));
        Assert.Equal("sales", tags["team"]);
        var unknown = await aws.Fails(() => connect.TagResourceAsync(new TagResourceRequest { ResourceArn = queue.Arn! + "0", Tags = new Dictionary<string, string> { ["team"] = "sales" } }));
        Assert.Contains(unknown.Class, new[] { AwsErrorClass.NotFound, AwsErrorClass.InvalidInput });
    }
}
