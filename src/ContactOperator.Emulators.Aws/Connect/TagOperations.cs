using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Connect;

/// <summary>TagResource, UntagResource, ListTagsForResource on Connect ARNs.</summary>
[EmulatedService(ServiceRegistry.Connect)]
internal static class TagOperations
{

    [Operation("TagResource")]
    private static JsonObject Tag(OperationContext context, JsonObject input)
    {
        var resource = Resolve(context, input.ReqStr("resourceArn"));
        var tags = ConnectLookup.Tags(context, input, "tags");
        if (tags.Count == 0)
        {
            throw context.Invalid("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }

        if (resource.Tags.Keys.Union(tags.Keys).Count() > 50)
        {
            throw context.Invalid("A resource can have at most 50 tags.");
        }

        foreach (var (key, value) in tags)
        {
            resource.Tags[key] = value;
        }

        return [];
    }

    [Operation("UntagResource")]
    private static JsonObject Untag(OperationContext context, JsonObject input)
    {
        var resource = Resolve(context, input.ReqStr("resourceArn"));
        foreach (var key in input.Strings("tagKeys"))
        {
            resource.Tags.Remove(key);
        }

        return [];
    }

    [Operation("ListTagsForResource")]
    private static JsonObject List(OperationContext context, JsonObject input) =>
        new() { ["tags"] = Resolve(context, input.ReqStr("resourceArn")).Tags.ToJson() };

    /// <summary>Resolves instance, queue, hours, routing profile and traffic distribution group ARNs.</summary>
    private static ITaggable Resolve(OperationContext context, string arn)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "connect")
        {
            throw context.Invalid($"Invalid resource ARN '{arn}'.");
        }

        var notFound = context.Error("ResourceNotFoundException", $"Resource not found: {arn}");
        if (parts[3] != context.Region || parts[4] != context.AccountId)
        {
            throw notFound;
        }

        var path = parts[5].Split('/');
        if (path is ["traffic-distribution-group", var tdgId])
        {
            return context.State.Connect.TrafficDistributionGroups.TryGetValue(tdgId, out var tdg) && tdg.Region == context.Region ? tdg : throw notFound;
        }

        if (path.Length < 2 || path[0] != "instance"
            || !context.State.Connect.Instances.TryGetValue(path[1], out var instance) || instance.Region != context.Region)
        {
            throw notFound;
        }

        var config = instance.Configuration;
        return path switch
        {
            [_, _] => instance,
            [_, _, "queue", var id] => config.Queues.GetValueOrDefault(id) ?? throw notFound,
            [_, _, "queue", "agent", var id] => config.Queues.GetValueOrDefault(id) ?? throw notFound,
            [_, _, "operating-hours", var id] => config.Hours.GetValueOrDefault(id) ?? throw notFound,
            [_, _, "routing-profile", var id] => config.RoutingProfiles.GetValueOrDefault(id) ?? throw notFound,
            _ => throw notFound,
        };
    }
}
