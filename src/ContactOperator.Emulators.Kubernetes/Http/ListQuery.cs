using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Selectors;
using ContactOperator.Emulators.Kubernetes.Storage;
using Microsoft.AspNetCore.Http;

namespace ContactOperator.Emulators.Kubernetes.Http;

/// <summary>The list/watch options of a collection GET.</summary>
internal sealed record ListQuery(
    LabelSelector Labels,
    FieldSelector Fields,
    int? Limit,
    string? Continue,
    string? ResourceVersion,
    string? ResourceVersionMatch,
    bool Watch,
    bool AllowBookmarks,
    int? TimeoutSeconds,
    bool? SendInitialEvents)
{
    public static ListQuery Parse(IQueryCollection query, ResourceType type)
    {
        var watch = query["watch"].ToString() is "true" or "1" or "True";
        var rv = query["resourceVersion"].ToString();
        var match = query["resourceVersionMatch"].ToString();
        if (match.Length > 0 && rv.Length == 0 && query["sendInitialEvents"].ToString().Length == 0)
        {
            throw new ApiException(422, "Invalid", "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
        }
        if (match.Length > 0 && match is not ("NotOlderThan" or "Exact"))
        {
            throw new ApiException(422, "Invalid", $"ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Unsupported value: \"{match}\": supported values: \"Exact\", \"NotOlderThan\"");
        }
        int? limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : null;
        int? timeout = int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;
        bool? initial = query["sendInitialEvents"].ToString() switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };
        return new ListQuery(
            LabelSelector.Parse(query["labelSelector"]),
            FieldSelector.Parse(query["fieldSelector"], type),
            limit,
            query["continue"].ToString() is { Length: > 0 } c ? c : null,
            rv.Length > 0 ? rv : null,
            match.Length > 0 ? match : null,
            watch,
            query["allowWatchBookmarks"].ToString() is "true" or "1",
            timeout,
            initial);
    }

    public bool Matches(StoredObject stored) =>
        (Labels.IsEverything || Labels.Matches(stored.Labels)) && (Fields.IsEverything || Fields.Matches(stored, stored.ToNode));

    public static string EncodeContinue(long resourceVersion, string lastKey)
    {
        var json = new JsonObject { ["rv"] = resourceVersion, ["start"] = lastKey }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static (long ResourceVersion, string LastKey) DecodeContinue(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var obj = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded)))!.AsObject();
            return (obj["rv"]!.GetValue<long>(), obj["start"]!.GetValue<string>());
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
        {
            throw ApiException.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }
}
