using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Connect;

/// <summary>
/// Traffic distribution groups and Get/UpdateTrafficDistribution with the Global Resiliency rules:
/// the group must be ACTIVE; both Regions listed; percentages in 10% steps summing to 100; SignInConfig
/// only on the default group (admin guide: update-telephony-traffic-distribution, API_UpdateTrafficDistribution).
/// </summary>
[EmulatedService(ServiceRegistry.Connect)]
internal static partial class TrafficDistributionOperations
{
    private const int PerInstanceQuota = 10;

    internal static void CreateDefaultGroup(OperationContext context, ConnectInstance source, ConnectInstance replica)
    {
        var group = NewGroup(context, source, $"{source.Alias}-default", "Default traffic distribution group", isDefault: true, token: null, []);
        group.Telephony = new(StringComparer.Ordinal) { [source.Region] = 100, [replica.Region] = 0 };
        group.Agents = new(StringComparer.Ordinal) { [source.Region] = 100, [replica.Region] = 0 };
        group.SignIn = new(StringComparer.Ordinal) { [source.Region] = true, [replica.Region] = true };
    }

    [Operation("CreateTrafficDistributionGroup")]
    private static JsonObject Create(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.Instance(context, input.ReqStr("InstanceId"));
        var token = input.Str("ClientToken");
        var groups = context.State.Connect.TrafficDistributionGroups.Values;
        if (token is not null && groups.FirstOrDefault(g => g.ClientToken == token && g.Region == context.Region) is { } earlier)
        {
            return new JsonObject { ["Id"] = earlier.Id, ["Arn"] = earlier.Arn };
        }

        var name = input.ReqStr("Name");
        if (name.Length > 128 || !NamePattern().IsMatch(name))
        {
            throw context.Error("InvalidRequestException", $"Invalid traffic distribution group name '{name}': 1-128 characters of letters, digits, '_', '-' and '.'.");
        }

        if (instance.Status(context.Now) != "ACTIVE")
        {
            throw context.Error("ResourceNotReadyException", $"Instance {instance.Id} is not ACTIVE yet.");
        }

        if (instance.Group.Members.Count < 2)
        {
            throw context.Error("InvalidRequestException", $"Instance {instance.Id} is not replicated; traffic distribution groups need a replicated instance.");
        }

        var mine = groups.Where(g => g.Instance.Group == instance.Group).ToList();
        if (mine.Any(g => g.Name == name))
        {
            throw context.Error("ResourceConflictException", $"A traffic distribution group named '{name}' already exists for this instance.");
        }

        if (mine.Count >= PerInstanceQuota)
        {
            throw context.Error("ServiceQuotaExceededException", $"The quota of {PerInstanceQuota} traffic distribution groups per instance has been reached.");
        }

        var group = NewGroup(context, instance, name, input.Str("Description"), isDefault: false, token, ConnectLookup.Tags(context, input));
        group.Telephony = instance.Group.Members.ToDictionary(m => m.Region, m => m.Region == context.Region ? 100 : 0, StringComparer.Ordinal);
        group.Agents = new(group.Telephony, StringComparer.Ordinal);
        return new JsonObject { ["Id"] = group.Id, ["Arn"] = group.Arn };
    }

    private static TrafficDistributionGroup NewGroup(
        OperationContext context, ConnectInstance instance, string name, string? description, bool isDefault, string? token, Dictionary<string, string> tags)
    {
        var id = ConnectLookup.NewId();
        var group = new TrafficDistributionGroup
        {
            Id = id,
            Arn = $"arn:aws:connect:{instance.Region}:{context.AccountId}:traffic-distribution-group/{id}",
            Region = instance.Region,
            Name = name,
            Description = description,
            Instance = instance,
            IsDefault = isDefault,
            ClientToken = token,
            ActiveAt = context.Now + context.State.Options.TrafficDistributionGroupCreationDelay,
            Tags = tags,
        };
        context.State.Connect.TrafficDistributionGroups[id] = group;
        return group;
    }

    [Operation("DescribeTrafficDistributionGroup")]
    private static JsonObject Describe(OperationContext context, JsonObject input)
    {
        var group = Find(context, input.ReqStr("TrafficDistributionGroupId"));
        var summary = Summary(group, context.Now);
        summary["Description"] = group.Description;
        summary["Tags"] = group.Tags.ToJson();
        QueueOperations.RemoveNulls(summary);
        return new JsonObject { ["TrafficDistributionGroup"] = summary };
    }

    [Operation("ListTrafficDistributionGroups")]
    private static JsonObject List(OperationContext context, JsonObject input)
    {
        var filter = input.Str("InstanceId") is { } instanceId ? ConnectLookup.Instance(context, instanceId) : null;
        var ordered = context.State.Connect.TrafficDistributionGroups.Values
            .Where(g => g.Region == context.Region && (filter is null || g.Instance == filter))
            .OrderBy(g => g.Name, StringComparer.Ordinal);
        var (page, next) = Paging.Page(context, ordered, input, 10, 10);
        return new JsonObject
        {
            ["TrafficDistributionGroupSummaryList"] = new JsonArray([.. page.Select(g => (JsonNode)Summary(g, context.Now))]),
        }.WithToken(next);
    }

    [Operation("DeleteTrafficDistributionGroup")]
    private static JsonObject Delete(OperationContext context, JsonObject input)
    {
        var group = Find(context, input.ReqStr("TrafficDistributionGroupId"));
        if (group.IsDefault)
        {
            throw context.Error("InvalidRequestException", $"Traffic distribution group {group.Id} is the instance's default group and cannot be deleted.");
        }

        context.State.Connect.TrafficDistributionGroups.Remove(group.Id);
        return [];
    }

    [Operation("GetTrafficDistribution")]
    private static JsonObject Get(OperationContext context, JsonObject input)
    {
        var group = Find(context, input.ReqStr("Id"));
        var output = new JsonObject
        {
            ["TelephonyConfig"] = PercentConfig(group.Telephony),
            ["Id"] = group.Id,
            ["Arn"] = group.Arn,
            ["AgentConfig"] = PercentConfig(group.Agents),
        };
        if (group.IsDefault)
        {
            output["SignInConfig"] = new JsonObject
            {
                ["Distributions"] = new JsonArray([.. group.SignIn.OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => (JsonNode)new JsonObject { ["Region"] = p.Key, ["Enabled"] = p.Value })]),
            };
        }

        return output;
    }

    [Operation("UpdateTrafficDistribution")]
    private static JsonObject Update(OperationContext context, JsonObject input)
    {
        var group = Find(context, input.ReqStr("Id"));
        if (group.Status(context.Now) != "ACTIVE")
        {
            throw context.Error("InvalidRequestException", $"Traffic distribution group {group.Id} is {group.Status(context.Now)}; it must be ACTIVE.");
        }

        var regions = group.Instance.Group.Members.Select(m => m.Region).Order(StringComparer.Ordinal).ToList();
        if (regions.Count < 2)
        {
            throw context.Error("InvalidRequestException", "The instance is no longer replicated.");
        }

        var telephony = input.Obj("TelephonyConfig");
        var agents = input.Obj("AgentConfig");
        var signIn = input.Obj("SignInConfig");
        if (telephony is null && agents is null && signIn is null)
        {
            throw context.Error("InvalidRequestException", "At least one of TelephonyConfig, SignInConfig or AgentConfig must be provided.");
        }

        var newTelephony = telephony is null ? null : Percentages(context, telephony, regions, "TelephonyConfig");
        var newAgents = agents is null ? null : Percentages(context, agents, regions, "AgentConfig");
        Dictionary<string, bool>? newSignIn = null;
        if (signIn is not null)
        {
            if (!group.IsDefault)
            {
                throw context.Error("InvalidRequestException", "SignInConfig can only be updated on the default traffic distribution group.");
            }

            newSignIn = new(StringComparer.Ordinal);
            foreach (var item in signIn.Objects("Distributions"))
            {
                var region = item.ReqStr("Region");
                if (!regions.Contains(region) || !newSignIn.TryAdd(region, item.Bool("Enabled") ?? false))
                {
                    throw context.Error("InvalidRequestException", $"SignInConfig: Region {region} is not one of the instance's Regions ({string.Join(", ", regions)}) or appears twice.");
                }
            }

            if (!newSignIn.ContainsValue(true))
            {
                throw context.Error("InvalidRequestException", "SignInConfig must keep sign-in enabled in at least one Region.");
            }
        }

        group.Telephony = newTelephony ?? group.Telephony;
        group.Agents = newAgents ?? group.Agents;
        group.SignIn = newSignIn ?? group.SignIn;
        return [];
    }

    private static Dictionary<string, int> Percentages(OperationContext context, JsonObject config, List<string> regions, string member)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in config.Objects("Distributions"))
        {
            var region = item.ReqStr("Region");
            var percentage = item.Int("Percentage")!.Value;
            if (!regions.Contains(region))
            {
                throw context.Error("InvalidRequestException", $"{member}: Region {region} is not one of the instance's Regions ({string.Join(", ", regions)}).");
            }

            if (!result.TryAdd(region, percentage))
            {
                throw context.Error("InvalidRequestException", $"{member}: Region {region} appears more than once.");
            }

            if (percentage is < 0 or > 100 || percentage % 10 != 0)
            {
                throw context.Error("InvalidRequestException", $"{member}: percentage {percentage} for {region} must be between 0 and 100 in steps of 10.");
            }
        }

        if (regions.Any(r => !result.ContainsKey(r)))
        {
            throw context.Error("InvalidRequestException", $"{member}: every Region of the instance must be listed ({string.Join(", ", regions)}).");
        }

        if (result.Values.Sum() != 100)
        {
            throw context.Error("InvalidRequestException", $"{member}: percentages must sum to 100, not {result.Values.Sum()}.");
        }

        return result;
    }

    private static TrafficDistributionGroup Find(OperationContext context, string idOrArn)
    {
        var groups = context.State.Connect.TrafficDistributionGroups;
        if (idOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            // Called from the replica Region, AWS requires the ARN; it names the group's own Region.
            var parts = idOrArn.Split(':', 6);
            if (parts.Length == 6 && parts[2] == "connect" && parts[4] == context.AccountId
                && parts[5].StartsWith("traffic-distribution-group/", StringComparison.Ordinal)
                && groups.TryGetValue(parts[5]["traffic-distribution-group/".Length..], out var byArn) && byArn.Arn == idOrArn)
            {
                return byArn;
            }
        }
        else if (groups.TryGetValue(idOrArn, out var byId) && byId.Region == context.Region)
        {
            return byId;
        }

        throw context.Error("ResourceNotFoundException", $"Traffic distribution group not found: {idOrArn}");
    }

    private static JsonObject Summary(TrafficDistributionGroup group, DateTimeOffset now) => new()
    {
        ["Id"] = group.Id,
        ["Arn"] = group.Arn,
        ["Name"] = group.Name,
        ["InstanceArn"] = group.Instance.Arn,
        ["Status"] = group.Status(now),
        ["IsDefault"] = group.IsDefault,
    };

    private static JsonObject PercentConfig(Dictionary<string, int> distribution) => new()
    {
        ["Distributions"] = new JsonArray([.. distribution.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (JsonNode)new JsonObject { ["Region"] = p.Key, ["Percentage"] = p.Value })]),
    };

    [GeneratedRegex(@"^[a-zA-Z0-9_\-\.]+$")]
    private static partial Regex NamePattern();
}
