using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Connect;

/// <summary>Finds Connect resources by id or ARN in the caller's Region, with AWS's not-found errors.</summary>
internal static class ConnectLookup
{
    public static string NewId() => Guid.NewGuid().ToString();

    /// <summary>The last path element of an ARN (or the value itself when it is an id).</summary>
    public static string IdOf(string idOrArn) =>
        idOrArn.StartsWith("arn:", StringComparison.Ordinal) ? idOrArn[(idOrArn.LastIndexOf('/') + 1)..] : idOrArn;

    public static ConnectInstance Instance(OperationContext context, string idOrArn)
    {
        var id = idOrArn;
        if (idOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            var parts = idOrArn.Split(':');
            var slash = idOrArn.IndexOf("instance/", StringComparison.Ordinal);
            if (parts.Length < 6 || parts[2] != "connect" || slash < 0)
            {
                throw context.Invalid($"Invalid instance ARN '{idOrArn}'.");
            }

            id = idOrArn[(slash + "instance/".Length)..].Split('/')[0];
        }

        if (!context.State.Connect.Instances.TryGetValue(id, out var instance) || instance.Region != context.Region)
        {
            throw context.Error("ResourceNotFoundException", $"Instance not found: {idOrArn}");
        }

        return instance;
    }

    /// <summary>An instance that can serve configuration calls (ACTIVE).</summary>
    public static ConnectInstance ActiveInstance(OperationContext context, JsonObject input)
    {
        var instance = Instance(context, input.ReqStr("InstanceId"));
        if (instance.Status(context.Now) != "ACTIVE")
        {
            throw context.Error("ResourceNotFoundException", $"Instance {instance.Id} is not active yet (CREATION_IN_PROGRESS).");
        }

        return instance;
    }

    public static QueueRecord Queue(OperationContext context, ConnectInstance instance, string idOrArn)
    {
        if (!instance.Configuration.Queues.TryGetValue(IdOf(idOrArn), out var queue) || NotYetVisible(context, queue))
        {
            throw context.Error("ResourceNotFoundException", $"Queue not found: {idOrArn}");
        }

        return queue;
    }

    public static HoursOfOperationRecord Hours(OperationContext context, ConnectInstance instance, string idOrArn)
    {
        if (!instance.Configuration.Hours.TryGetValue(IdOf(idOrArn), out var hours) || NotYetVisible(context, hours))
        {
            throw context.Error("ResourceNotFoundException", $"Hours of operation not found: {idOrArn}");
        }

        return hours;
    }

    public static RoutingProfileRecord RoutingProfile(OperationContext context, ConnectInstance instance, string idOrArn)
    {
        if (!instance.Configuration.RoutingProfiles.TryGetValue(IdOf(idOrArn), out var profile) || NotYetVisible(context, profile))
        {
            throw context.Error("ResourceNotFoundException", $"Routing profile not found: {idOrArn}");
        }

        return profile;
    }

    /// <summary>A resource a Describe call cannot see yet inside the eventual-consistency window.</summary>
    private static bool NotYetVisible(OperationContext context, ConfigResource resource) =>
        context.Operation.StartsWith("Describe", StringComparison.Ordinal)
        && context.Now - resource.CreatedTime < context.State.EventualConsistencyWindow;

    /// <summary>Throws DuplicateResourceException when another resource already uses the name.</summary>
    public static void EnsureUniqueName<T>(OperationContext context, IEnumerable<T> existing, string name, string kind, string? exceptId = null)
        where T : ConfigResource
    {
        if (existing.Any(r => r.Id != exceptId && string.Equals(r.Name, name, StringComparison.Ordinal)))
        {
            throw context.Error("DuplicateResourceException", $"A {kind} with the name '{name}' already exists in this instance.");
        }
    }

    /// <summary>Tags as sent, checked against AWS's tag rules (at most 50, key 1–128, value ≤256, no aws: prefix).</summary>
    public static Dictionary<string, string> Tags(OperationContext context, JsonObject input, string member = "Tags")
    {
        var tags = input.StrMap(member);
        if (tags.Count > 50)
        {
            throw context.Invalid("A resource can have at most 50 tags.");
        }

        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > 128 || value.Length > 256 || key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw context.Invalid($"Invalid tag '{key}': keys are 1-128 characters and may not start with 'aws:'; values are at most 256 characters.");
            }
        }

        return tags;
    }

    public static void RequireLength(OperationContext context, string? value, string member, int min, int max)
    {
        if (value is not null && (value.Length < min || value.Length > max))
        {
            throw context.Invalid($"1 validation error detected: Value at '{member}' failed to satisfy constraint: Member must have length between {min} and {max}");
        }
    }

    public static void RequireOneOf(OperationContext context, string? value, string member, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw context.Invalid($"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }
    }
}
