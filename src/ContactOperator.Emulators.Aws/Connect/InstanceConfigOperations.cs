using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Connect;

/// <summary>Per-instance settings: attributes, storage configs, Lambda functions and Lex bots.</summary>
[EmulatedService(ServiceRegistry.Connect)]
internal static class InstanceConfigOperations
{
    private const int LambdaQuota = 50;
    private const int BotQuota = 70;

    private static readonly string[] StorageResourceTypes =
    [
        "CHAT_TRANSCRIPTS", "CALL_RECORDINGS", "SCHEDULED_REPORTS", "MEDIA_STREAMS", "CONTACT_TRACE_RECORDS", "AGENT_EVENTS",
        "REAL_TIME_CONTACT_ANALYSIS_SEGMENTS", "ATTACHMENTS", "CONTACT_EVALUATIONS", "SCREEN_RECORDINGS",
        "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS", "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS", "EMAIL_MESSAGES",
    ];

    private static readonly Dictionary<string, string> ConfigMemberByStorageType = new(StringComparer.Ordinal)
    {
        ["S3"] = "S3Config",
        ["KINESIS_VIDEO_STREAM"] = "KinesisVideoStreamConfig",
        ["KINESIS_STREAM"] = "KinesisStreamConfig",
        ["KINESIS_FIREHOSE"] = "KinesisFirehoseConfig",
    };

    // ---- attributes ----

    [Operation("DescribeInstanceAttribute")]
    private static JsonObject DescribeAttribute(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var type = AttributeType(context, input);
        return new JsonObject { ["Attribute"] = new JsonObject { ["AttributeType"] = type, ["Value"] = instance.Attributes[type] } };
    }

    [Operation("UpdateInstanceAttribute")]
    private static JsonObject UpdateAttribute(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var type = AttributeType(context, input);
        var value = input.ReqStr("Value");
        ConnectLookup.RequireLength(context, value, "value", 1, 100);
        if (value is not ("true" or "false"))
        {
            throw context.Invalid($"Value for {type} must be 'true' or 'false'.");
        }

        instance.Attributes[type] = value;
        if (type == "INBOUND_CALLS")
        {
            instance.InboundCallsEnabled = value == "true";
        }
        else if (type == "OUTBOUND_CALLS")
        {
            instance.OutboundCallsEnabled = value == "true";
        }

        return [];
    }

    [Operation("ListInstanceAttributes")]
    private static JsonObject ListAttributes(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var ordered = instance.Attributes.OrderBy(p => p.Key, StringComparer.Ordinal);
        var (page, next) = Paging.Page(context, ordered, input, 7, 7);
        return new JsonObject
        {
            ["Attributes"] = new JsonArray([.. page.Select(p => (JsonNode)new JsonObject { ["AttributeType"] = p.Key, ["Value"] = p.Value })]),
        }.WithToken(next);
    }

    private static string AttributeType(OperationContext context, JsonObject input)
    {
        var type = input.ReqStr("AttributeType");
        ConnectLookup.RequireOneOf(context, type, "attributeType", InstanceDefaults.AttributeTypes);
        return type;
    }

    // ---- storage configs ----

    [Operation("AssociateInstanceStorageConfig")]
    private static JsonObject AssociateStorage(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var resourceType = StorageResourceType(context, input);
        var config = ValidateStorageConfig(context, input.Obj("StorageConfig")!);
        if (instance.StorageConfigs.Values.Any(s => s.ResourceType == resourceType))
        {
            throw context.Error("ResourceConflictException", $"A storage config for {resourceType} is already associated with instance {instance.Id}.");
        }

        var associationId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        config["AssociationId"] = associationId;
        instance.StorageConfigs[associationId] = new StorageConfigRecord { AssociationId = associationId, ResourceType = resourceType, Config = config };
        return new JsonObject { ["AssociationId"] = associationId };
    }

    [Operation("DescribeInstanceStorageConfig")]
    private static JsonObject DescribeStorage(OperationContext context, JsonObject input)
    {
        var (_, record) = FindStorage(context, input);
        return new JsonObject { ["StorageConfig"] = record.Config.DeepClone() };
    }

    [Operation("UpdateInstanceStorageConfig")]
    private static JsonObject UpdateStorage(OperationContext context, JsonObject input)
    {
        var (_, record) = FindStorage(context, input);
        var config = ValidateStorageConfig(context, input.Obj("StorageConfig")!);
        config["AssociationId"] = record.AssociationId;
        record.Config = config;
        return [];
    }

    [Operation("DisassociateInstanceStorageConfig")]
    private static JsonObject DisassociateStorage(OperationContext context, JsonObject input)
    {
        var (instance, record) = FindStorage(context, input);
        instance.StorageConfigs.Remove(record.AssociationId);
        return [];
    }

    [Operation("ListInstanceStorageConfigs")]
    private static JsonObject ListStorage(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var resourceType = StorageResourceType(context, input);
        var ordered = instance.StorageConfigs.Values.Where(s => s.ResourceType == resourceType).OrderBy(s => s.AssociationId, StringComparer.Ordinal);
        var (page, next) = Paging.Page(context, ordered, input, 10, 10);
        return new JsonObject { ["StorageConfigs"] = new JsonArray([.. page.Select(s => s.Config.DeepClone())]) }.WithToken(next);
    }

    private static (ConnectInstance Instance, StorageConfigRecord Record) FindStorage(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var resourceType = StorageResourceType(context, input);
        if (!instance.StorageConfigs.TryGetValue(input.ReqStr("AssociationId"), out var record) || record.ResourceType != resourceType)
        {
            throw context.Error("ResourceNotFoundException", $"Storage config {input.Str("AssociationId")} for {resourceType} not found.");
        }

        return (instance, record);
    }

    private static string StorageResourceType(OperationContext context, JsonObject input)
    {
        var type = input.ReqStr("ResourceType");
        ConnectLookup.RequireOneOf(context, type, "resourceType", StorageResourceTypes);
        return type;
    }

    private static JsonObject ValidateStorageConfig(OperationContext context, JsonObject config)
    {
        var storageType = config.ReqStr("StorageType");
        ConnectLookup.RequireOneOf(context, storageType, "storageConfig.storageType", [.. ConfigMemberByStorageType.Keys]);
        var member = ConfigMemberByStorageType[storageType];
        if (config.Obj(member) is null)
        {
            throw context.Invalid($"StorageType {storageType} requires {member}.");
        }

        var other = ConfigMemberByStorageType.Values.FirstOrDefault(m => m != member && config[m] is not null);
        if (other is not null)
        {
            throw context.Invalid($"StorageType {storageType} does not take {other}.");
        }

        var copy = (JsonObject)config.DeepClone();
        copy.Remove("AssociationId");
        return copy;
    }

    // ---- Lambda functions ----

    [Operation("AssociateLambdaFunction")]
    private static JsonObject AssociateLambda(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var arn = input.ReqStr("FunctionArn");
        var parts = arn.Split(':');
        if (parts.Length < 7 || parts[0] != "arn" || parts[2] != "lambda" || parts[5] != "function" || arn.Length > 140)
        {
            throw context.Invalid($"Invalid Lambda function ARN '{arn}'.");
        }

        if (instance.LambdaFunctions.Contains(arn))
        {
            throw context.Error("ResourceConflictException", $"Lambda function {arn} is already associated with instance {instance.Id}.");
        }

        if (instance.LambdaFunctions.Count >= LambdaQuota)
        {
            throw context.Error("ServiceQuotaExceededException", $"The quota of {LambdaQuota} Lambda functions per instance has been reached.");
        }

        instance.LambdaFunctions.Add(arn);
        return [];
    }

    [Operation("DisassociateLambdaFunction")]
    private static JsonObject DisassociateLambda(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var arn = input.ReqStr("FunctionArn");
        if (!instance.LambdaFunctions.Remove(arn))
        {
            throw context.Error("ResourceNotFoundException", $"Lambda function {arn} is not associated with instance {instance.Id}.");
        }

        return [];
    }

    [Operation("ListLambdaFunctions")]
    private static JsonObject ListLambdas(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var (page, next) = Paging.Page(context, instance.LambdaFunctions, input, 25, 25);
        return new JsonObject { ["LambdaFunctions"] = page.ToJsonArray() }.WithToken(next);
    }

    // ---- Lex bots ----

    [Operation("AssociateBot")]
    private static JsonObject AssociateBot(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var bot = BotOf(context, input);
        if (instance.Bots.Any(b => JsonNode.DeepEquals(b, bot)))
        {
            throw context.Error("ResourceConflictException", $"The bot is already associated with instance {instance.Id}.");
        }

        if (instance.Bots.Count >= BotQuota)
        {
            throw context.Error("ServiceQuotaExceededException", $"The quota of {BotQuota} bots per instance has been reached.");
        }

        instance.Bots.Add(bot);
        return [];
    }

    [Operation("DisassociateBot")]
    private static JsonObject DisassociateBot(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var bot = BotOf(context, input);
        if (instance.Bots.RemoveAll(b => JsonNode.DeepEquals(b, bot)) == 0)
        {
            throw context.Error("ResourceNotFoundException", $"The bot is not associated with instance {instance.Id}.");
        }

        return [];
    }

    [Operation("ListBots")]
    private static JsonObject ListBots(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var version = input.ReqStr("LexVersion");
        ConnectLookup.RequireOneOf(context, version, "lexVersion", "V1", "V2");
        var member = version == "V2" ? "LexV2Bot" : "LexBot";
        var matching = instance.Bots.Where(b => b[member] is not null);
        var (page, next) = Paging.Page(context, matching, input, 25, 25);
        return new JsonObject { ["LexBots"] = new JsonArray([.. page.Select(b => b.DeepClone())]) }.WithToken(next);
    }

    private static JsonObject BotOf(OperationContext context, JsonObject input)
    {
        var v1 = input.Obj("LexBot");
        var v2 = input.Obj("LexV2Bot");
        if ((v1 is null) == (v2 is null))
        {
            throw context.Error("InvalidRequestException", "Exactly one of LexBot or LexV2Bot must be provided.");
        }

        if (v2 is not null)
        {
            var alias = v2.Str("AliasArn");
            if (alias is null || !alias.StartsWith("arn:aws:lex:", StringComparison.Ordinal) || !alias.Contains(":bot-alias/", StringComparison.Ordinal))
            {
                throw context.Error("InvalidRequestException", $"LexV2Bot.AliasArn '{alias}' is not a Lex V2 bot alias ARN.");
            }

            return new JsonObject { ["LexV2Bot"] = new JsonObject { ["AliasArn"] = alias } };
        }

        return new JsonObject { ["LexBot"] = new JsonObject { ["Name"] = v1!.ReqStr("Name"), ["LexRegion"] = v1!.ReqStr("LexRegion") } };
    }
}
