using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Storage;

namespace ContactOperator.Emulators.Kubernetes.Admission;

/// <summary>Whether one webhook's <c>rules</c> cover a request (operation, group, version, resource[/subresource], scope).</summary>
internal static class WebhookRules
{
    public static bool Match(JsonObject webhook, AdmissionRequest request)
    {
        var rules = webhook["rules"] as JsonArray;
        if (rules is null || rules.Count == 0)
        {
            return false;
        }
        var resource = request.Subresource is null ? request.Type.Plural : request.Type.Plural + "/" + request.Subresource;
        foreach (var rule in rules.OfType<JsonObject>())
        {
            if (Contains(rule["operations"], request.Operation) &&
                Contains(rule["apiGroups"], request.Type.Group) &&
                Contains(rule["apiVersions"], request.Type.Version) &&
                ResourceMatches(rule["resources"], request.Type.Plural, request.Subresource, resource) &&
                ScopeMatches(Meta.String(rule, "scope"), request.Type))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Contains(JsonNode? list, string value) =>
        list is JsonArray array && array.Any(v => v?.GetValue<string>() is "*" || v?.GetValue<string>() == value);

    private static bool ResourceMatches(JsonNode? list, string plural, string? subresource, string full)
    {
        if (list is not JsonArray array)
        {
            return false;
        }
        foreach (var entry in array.Select(v => v?.GetValue<string>() ?? ""))
        {
            if (entry == "*/*" || entry == full || (entry == "*" && subresource is null) ||
                (subresource is not null && entry == "*/" + subresource) || (subresource is not null && entry == plural + "/*"))
            {
                return true;
            }
        }
        return false;
    }

    private static bool ScopeMatches(string? scope, ResourceType type) => scope switch
    {
        null or "*" => true,
        "Namespaced" => type.Namespaced,
        "Cluster" => !type.Namespaced,
        _ => false,
    };
}
