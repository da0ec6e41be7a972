using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Storage;

namespace ContactOperator.Emulators.Kubernetes.Http;

/// <summary>The <c>/scale</c> subresource of CRDs that declare one (autoscaling/v1 Scale).</summary>
internal static class ScaleSubresource
{
    public static JsonObject Read(ResourceType type, JsonObject obj)
    {
        var scale = type.Scale ?? new JsonObject();
        var metadata = obj["metadata"] as JsonObject ?? new JsonObject();
        var result = new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata["name"]?.DeepClone(),
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = Lookup(obj, Meta.String(scale, "specReplicasPath"))?.DeepClone() ?? 0 },
            ["status"] = new JsonObject { ["replicas"] = Lookup(obj, Meta.String(scale, "statusReplicasPath"))?.DeepClone() ?? 0 },
        };
        if (Lookup(obj, Meta.String(scale, "labelSelectorPath")) is { } selector)
        {
            ((JsonObject)result["status"]!)["selector"] = selector.DeepClone();
        }
        return result;
    }

    public static JsonObject Write(ResourceType type, JsonObject current, JsonObject scaleBody)
    {
        var path = Meta.String(type.Scale, "specReplicasPath") ?? ".spec.replicas";
        var replicas = (scaleBody["spec"] as JsonObject)?["replicas"]?.DeepClone();
        var parts = path.TrimStart('.').Split('.');
        JsonObject node = current;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child)
            {
                child = new JsonObject();
                node[part] = child;
            }
            node = child;
        }
        node[parts[^1]] = replicas;
        if (Meta.String(scaleBody["metadata"] as JsonObject, "resourceVersion") is { Length: > 0 } rv)
        {
            Meta.Of(current)["resourceVersion"] = rv;
        }
        return current;
    }

    private static JsonNode? Lookup(JsonObject obj, string? path) =>
        path is null ? null : SimpleJsonPath.Evaluate(obj, path).FirstOrDefault();
}
