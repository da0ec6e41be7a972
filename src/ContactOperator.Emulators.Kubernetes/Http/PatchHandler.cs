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
        var operation = "Update";
        Func<JsonObject?, JsonObject> transform;
        switch (contentType)
        {
            case "application/json-patch+json":
            {
                var patch = JsonNode.Parse(bytes);
                transform = current => JsonPatch.Apply(current!, patch) as JsonObject ?? throw ApiException.BadRequest("the patched document is not an object");
                break;
            }
            case "application/merge-patch+json":
            {
                var patch = JsonNode.Parse(bytes) as JsonObject ?? throw ApiException.BadRequest("a merge patch must be a JSON object");
                transform = current => (JsonObject)MergePatch.Apply(current, patch)!;
                break;
            }
            case "application/strategic-merge-patch+json":
            {
                if (type.IsCustom)
                {
                    throw ApiException.UnsupportedMediaType(Accepted);
                }
                var patch = JsonNode.Parse(bytes) as JsonObject ?? throw ApiException.BadRequest("a strategic merge patch must be a JSON object");
                transform = current => (JsonObject)StrategicMergePatch.Apply(current, patch)!;
                break;
            }
            case "application/apply-patch+yaml" or "application/apply-patch+json":
            {
                if (string.IsNullOrEmpty(context.Request.Query["fieldManager"].ToString()))
                {
                    throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
                }
                var applied = YamlJson.Parse(Encoding.UTF8.GetString(bytes)) as JsonObject
                    ?? throw ApiException.BadRequest("the applied configuration must be an object");
                CheckAppliedIdentity(applied, name);
                var now = state.Time.GetUtcNow();
                operation = "Apply";
                transform = current => ServerSideApply.Apply(current, applied, type, options.FieldManager, options.Force, now);
                break;
            }
            default:
                throw ApiException.UnsupportedMediaType(type.IsCustom ? Accepted : Accepted + ", application/strategic-merge-patch+json");
        }
        if (subresource == "scale")
        {
            // the patch applies to the Scale view; the result is mapped back through the CRD's replicas path
            var scalePatch = transform;
            return await writer.PatchAsync(type, ns, name, null, options, "Update",
                current => ScaleSubresource.Write(type, current!, scalePatch(ScaleSubresource.Read(type, current!.DeepClone().AsObject()))), ct);
        }
        return await writer.PatchAsync(type, ns, name, subresource, options, operation, transform, ct);
    }

    private static void CheckAppliedIdentity(JsonObject applied, string name)
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
    }
}
