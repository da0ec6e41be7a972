using System.Text;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Patch;
using ContactOperator.Emulators.Kubernetes.Storage;
using Microsoft.AspNetCore.Http;

namespace ContactOperator.Emulators.Kubernetes.Http;

/// <summary>PATCH: picks the patch flavour from Content-Type and runs it as a read-modify-write.</summary>
internal static class PatchHandler
{
    private const string Accepted =
        "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

    public static async Task<WriteResult> PatchAsync(HttpContext context, ResourceWriter writer, ClusterState state, ResourceType type,
        string ns, string name, string? subresource, WriteOptions options)
    {
        var contentType = (context.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var bytes = await ApiHandler.ReadBodyAsync(context);
        var ct = context.RequestAborted;
        switch (contentType)
        {
            case "application/json-patch+json":
            {
                var patch = JsonNode.Parse(bytes);
                return await writer.PatchAsync(type, ns, name, subresource, options, "Update",
                    current => JsonPatch.Apply(current!, patch) as JsonObject ?? throw ApiException.BadRequest("the patched document is not an object"), ct);
            }
            case "application/merge-patch+json":
            {
                var patch = JsonNode.Parse(bytes) as JsonObject ?? throw ApiException.BadRequest("a merge patch must be a JSON object");
                return await writer.PatchAsync(type, ns, name, subresource, options, "Update",
                    current => (JsonObject)MergePatch.Apply(current, patch)!, ct);
            }
            case "application/strategic-merge-patch+json":
            {
                if (type.IsCustom)
                {
                    throw ApiException.UnsupportedMediaType(Accepted);
                }
                var patch = JsonNode.Parse(bytes) as JsonObject ?? throw ApiException.BadRequest("a strategic merge patch must be a JSON object");
                return await writer.PatchAsync(type, ns, name, subresource, options, "Update",
                    current => (JsonObject)StrategicMergePatch.Apply(current, patch)!, ct);
            }
            case "application/apply-patch+yaml" or "application/apply-patch+json":
            {
                if (string.IsNullOrEmpty(context.Request.Query["fieldManager"].ToString()))
                {
                    throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
                }
                var applied = YamlJson.Parse(Encoding.UTF8.GetString(bytes)) as JsonObject
                    ?? throw ApiException.BadRequest("the applied configuration must be an object");
                CheckAppliedIdentity(type, applied, name);
                var now = state.Time.GetUtcNow();
                return await writer.PatchAsync(type, ns, name, subresource, options, "Apply",
                    current => ServerSideApply.Apply(current, applied, type, options.FieldManager, options.Force, now), ct);
            }
            default:
                throw ApiException.UnsupportedMediaType(type.IsCustom ? Accepted : Accepted + ", application/strategic-merge-patch+json");
        }
    }

    private static void CheckAppliedIdentity(ResourceType type, JsonObject applied, string name)
    {
        var apiVersion = Meta.String(applied, "apiVersion");
        var kind = Meta.String(applied, "kind");
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            throw ApiException.BadRequest("apiVersion and kind must be set in an applied configuration");
        }
        if (Meta.String(applied["metadata"] as JsonObject, "name") is { Length: > 0 } appliedName && appliedName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({appliedName}) does not match the name on the URL ({name})");
        }
        if (Meta.String(applied["metadata"] as JsonObject, "resourceVersion") is { Length: > 0 })
        {
            // an apply configuration carrying a resourceVersion is an optimistic-lock precondition; handled by the writer
        }
        _ = type;
    }
}
