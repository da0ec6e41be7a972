using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Connect;

/// <summary>CreateInstance, DescribeInstance, ListInstances, DeleteInstance.</summary>
[EmulatedService(ServiceRegistry.Connect)]
internal static partial class InstanceOperations
{

    [Operation("CreateInstance", RequestsPerSecond = 0.1, Burst = 5)]
    private static JsonObject Create(OperationContext context, JsonObject input)
    {
        var store = context.State.Connect;
        var token = input.Str("ClientToken");
        if (token is not null)
        {
            ConnectLookup.RequireLength(context, token, "clientToken", 1, 500);
            var earlier = store.Instances.Values.FirstOrDefault(i => i.Region == context.Region && i.ClientToken == token);
            if (earlier is not null)
            {
                return new JsonObject { ["Id"] = earlier.Id, ["Arn"] = earlier.Arn };
            }
        }

        var identity = input.ReqStr("IdentityManagementType");
        ConnectLookup.RequireOneOf(context, identity, "identityManagementType", "SAML", "CONNECT_MANAGED", "EXISTING_DIRECTORY");
        var alias = input.Str("InstanceAlias");
        var directoryId = input.Str("DirectoryId");
        if (identity == "EXISTING_DIRECTORY" && directoryId is null)
        {
            throw context.Invalid("DirectoryId is required when IdentityManagementType is EXISTING_DIRECTORY.");
        }

        if (identity != "EXISTING_DIRECTORY" && alias is null)
        {
            throw context.Invalid($"InstanceAlias is required when IdentityManagementType is {identity}.");
        }

        if (alias is not null)
        {
            ValidateAlias(context, alias, "instanceAlias");
        }

        if (store.Instances.Values.Count(i => i.Region == context.Region) >= context.State.Options.InstancesPerRegionQuota)
        {
            throw context.Error("ServiceQuotaExceededException", $"The quota of {context.State.Options.InstancesPerRegionQuota} Amazon Connect instances per account in {context.Region} has been reached.");
        }

        var instance = NewInstance(context, context.Region, alias ?? directoryId!, identity, directoryId, input.Bool("InboundCallsEnabled") ?? false,
            input.Bool("OutboundCallsEnabled") ?? false, token, ConnectLookup.Tags(context, input), sourceRegion: null, group: new ReplicationGroup());
        InstanceDefaults.CreateDefaultResources(instance, context.Now, context.Region);
        return new JsonObject { ["Id"] = instance.Id, ["Arn"] = instance.Arn };
    }

    internal static ConnectInstance NewInstance(
        OperationContext context, string region, string alias, string identity, string? directoryId, bool inbound, bool outbound,
        string? token, Dictionary<string, string> tags, string? sourceRegion, ReplicationGroup group)
    {
        var id = ConnectLookup.NewId();
        string? failure = null;
        if (context.State.InstanceCreationFailures > 0)
        {
            context.State.InstanceCreationFailures--;
            failure = context.State.InstanceCreationFailureReason;
        }

        var instance = new ConnectInstance
        {
            FailureReason = failure,
            Id = id,
            Arn = $"arn:aws:connect:{region}:{context.AccountId}:instance/{id}",
            Region = region,
            Alias = alias,
            IdentityManagementType = identity,
            DirectoryId = directoryId,
            InboundCallsEnabled = inbound,
            OutboundCallsEnabled = outbound,
            CreatedTime = context.Now,
            ActiveAt = context.Now + context.State.Options.InstanceCreationDelay,
            ClientToken = token,
            SourceRegion = sourceRegion,
            Group = group,
            Tags = tags,
        };
        InstanceDefaults.SetDefaultAttributes(instance);
        group.Members.Add(instance);
        context.State.Connect.Instances[id] = instance;
        return instance;
    }

    [Operation("DescribeInstance")]
    private static JsonObject Describe(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.Instance(context, input.ReqStr("InstanceId"));
        var summary = Summary(instance, context.Now, withTags: true);
        if (instance.Status(context.Now) == "CREATION_FAILED")
        {
            summary["StatusReason"] = new JsonObject { ["Message"] = instance.FailureReason };
        }

        var output = new JsonObject { ["Instance"] = summary };
        if (instance.Group.Members.Count > 1)
        {
            var source = instance.Group.Members[0];
            output["ReplicationConfiguration"] = new JsonObject
            {
                ["ReplicationStatusSummaryList"] = new JsonArray([.. instance.Group.Members.Skip(1).Select(r => (JsonNode)new JsonObject
                {
                    ["Region"] = r.Region,
                    ["ReplicationStatus"] = r.Status(context.Now) == "ACTIVE" ? "INSTANCE_REPLICATION_COMPLETE" : "INSTANCE_REPLICATION_IN_PROGRESS",
                })]),
                ["SourceRegion"] = source.Region,
                ["GlobalSignInEndpoint"] = $"https://{source.Alias}.awsapps.com/connect/login",
            };
        }

        return output;
    }

    [Operation("ListInstances")]
    private static JsonObject List(OperationContext context, JsonObject input)
    {
        var all = context.State.Connect.Instances.Values.Where(i => i.Region == context.Region).OrderBy(i => i.CreatedTime).ThenBy(i => i.Id, StringComparer.Ordinal);
        var (page, next) = Paging.Page(context, all, input, 10, 10);
        return new JsonObject
        {
            ["InstanceSummaryList"] = new JsonArray([.. page.Select(i => (JsonNode)Summary(i, context.Now, withTags: false))]),
        }.WithToken(next);
    }

    [Operation("DeleteInstance", RequestsPerSecond = 0.1, Burst = 5)]
    private static JsonObject Delete(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.Instance(context, input.ReqStr("InstanceId"));
        var group = instance.Group;
        if (group.Members[0] == instance && group.Members.Count > 1)
        {
            throw context.Error("InvalidRequestException", $"Instance {instance.Id} has replicas in {string.Join(", ", group.Members.Skip(1).Select(m => m.Region))}; delete the replicas first.");
        }

        group.Members.Remove(instance);
        context.State.Connect.Instances.Remove(instance.Id);
        foreach (var tdg in context.State.Connect.TrafficDistributionGroups.Values.Where(t => t.Instance == instance || t.Instance.Group == group).ToList())
        {
            if (tdg.Instance == instance || group.Members.Count < 2)
            {
                context.State.Connect.TrafficDistributionGroups.Remove(tdg.Id);
            }
        }

        foreach (var key in context.State.QueueLoads.Keys.Where(k => k.InstanceId == instance.Id).ToList())
        {
            context.State.QueueLoads.Remove(key);
        }

        return [];
    }

    internal static void ValidateAlias(OperationContext context, string alias, string member)
    {
        if (alias.Length > 45 || !AliasPattern().IsMatch(alias))
        {
            throw context.Invalid($"1 validation error detected: Value '{alias}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!d-)([\\da-zA-Z]+)([-]*[\\da-zA-Z])*$ and have length between 1 and 45");
        }

        if (context.State.Connect.Instances.Values.Any(i => string.Equals(i.Alias, alias, StringComparison.OrdinalIgnoreCase)))
        {
            throw context.Invalid($"The alias '{alias}' is already in use.");
        }
    }

    internal static JsonObject Summary(ConnectInstance instance, DateTimeOffset now, bool withTags)
    {
        var json = new JsonObject
        {
            ["Id"] = instance.Id,
            ["Arn"] = instance.Arn,
            ["IdentityManagementType"] = instance.IdentityManagementType,
            ["InstanceAlias"] = instance.Alias,
            ["CreatedTime"] = JsonInput.Epoch(instance.CreatedTime),
            ["ServiceRole"] = $"arn:aws:iam::{instance.Arn.Split(':')[4]}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_{instance.Id[..8]}",
            ["InstanceStatus"] = instance.Status(now),
            ["InboundCallsEnabled"] = instance.InboundCallsEnabled,
            ["OutboundCallsEnabled"] = instance.OutboundCallsEnabled,
            ["InstanceAccessUrl"] = $"https://{instance.Alias}.my.connect.aws",
        };
        if (withTags)
        {
            json["Tags"] = instance.Tags.ToJson();
        }

        return json;
    }

    [GeneratedRegex(@"^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$")]
    private static partial Regex AliasPattern();
}
