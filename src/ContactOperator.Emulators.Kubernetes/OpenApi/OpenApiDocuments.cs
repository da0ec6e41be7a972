using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Http;
using ContactOperator.Emulators.Kubernetes.Storage;
using Microsoft.AspNetCore.Http;

namespace ContactOperator.Emulators.Kubernetes.OpenApi;

/// <summary>
/// <c>/openapi/v3</c>: an index of group-versions and one OpenAPI 3.0 document per group-version. Each document has a
/// PATCH operation per kind tagged with <c>x-kubernetes-group-version-kind</c> and a <c>fieldValidation</c> parameter
/// (so kubectl and helm use server-side field validation) and, for CRDs, the schema (for <c>kubectl explain</c>).
/// <c>/openapi/v2</c> is not served: kubectl only needs it (as protobuf) when v3 fails.
/// </summary>
internal sealed class OpenApiDocuments
{
    private readonly ResourceRegistry _registry;

    public OpenApiDocuments(ResourceRegistry registry) => _registry = registry;

    public async Task ServeAsync(HttpContext context, string[] segments)
    {
        if (segments.Length < 2 || segments[1] != "v3")
        {
            throw ApiException.NotFoundPath();
        }
        if (segments.Length == 2)
        {
            var paths = new JsonObject();
            foreach (var (group, versions) in _registry.Groups())
            {
                foreach (var version in versions)
                {
                    var key = group.Length == 0 ? "api/" + version : $"apis/{group}/{version}";
                    paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(Document(group, version))}" };
                }
            }
            await JsonResponses.WriteAsync(context, 200, new JsonObject { ["paths"] = paths });
            return;
        }
        string groupName;
        string versionName;
        if (segments is [_, _, "api", var coreVersion])
        {
            (groupName, versionName) = ("", coreVersion);
        }
        else if (segments is [_, _, "apis", var g, var v])
        {
            (groupName, versionName) = (g, v);
        }
        else
        {
            throw ApiException.NotFoundPath();
        }
        if (!_registry.ServesGroupVersion(groupName, versionName))
        {
            throw ApiException.NotFoundPath();
        }
        await JsonResponses.WriteAsync(context, 200, Document(groupName, versionName));
    }

    private static string Hash(JsonObject document) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())))[..32];

    public JsonObject Document(string group, string version)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject
        {
            [ObjectMetaName] = ObjectMetaSchema(),
        };
        foreach (var type in _registry.All.Where(t => t.Group == group && t.Version == version))
        {
            var prefix = group.Length == 0 ? "/api/" + version : $"/apis/{group}/{version}";
            var itemPath = type.Namespaced
                ? $"{prefix}/namespaces/{{namespace}}/{type.Plural}/{{name}}"
                : $"{prefix}/{type.Plural}/{{name}}";
            var gvk = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = type.Kind };
            var schemaName = SchemaName(type);
            paths[itemPath] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = "patch" + type.Kind,
                    ["parameters"] = new JsonArray(
                        Query("dryRun"), Query("fieldManager"), Query("fieldValidation"), Query("force")),
                    ["responses"] = new JsonObject
                    {
                        ["200"] = new JsonObject
                        {
                            ["description"] = "OK",
                            ["content"] = new JsonObject
                            {
                                ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/" + schemaName } },
                            },
                        },
                    },
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
                },
            };
            if (type.Schema is not null)
            {
                var schema = ConvertSchema(type.Schema);
                var properties = schema["properties"] as JsonObject ?? new JsonObject();
                properties["apiVersion"] ??= new JsonObject
                {
                    ["type"] = "string",
                    ["description"] = "APIVersion defines the versioned schema of this representation of an object.",
                };
                properties["kind"] ??= new JsonObject
                {
                    ["type"] = "string",
                    ["description"] = "Kind is a string value representing the REST resource this object represents.",
                };
                properties["metadata"] = new JsonObject
                {
                    ["description"] = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
                    ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/components/schemas/" + ObjectMetaName }),
                };
                schema["properties"] = properties;
                schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
                schemas[schemaName] = schema;
            }
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.33.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private const string ObjectMetaName = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    private static string SchemaName(ResourceType type)
    {
        var reversed = string.Join('.', type.Group.Split('.').Reverse());
        return type.Group.Length == 0 ? $"io.k8s.api.core.{type.Version}.{type.Kind}" : $"{reversed}.{type.Version}.{type.Kind}";
    }

    private static JsonObject Query(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["description"] = name,
        ["schema"] = new JsonObject { ["type"] = name == "force" ? "boolean" : "string", ["uniqueItems"] = true },
    };

    /// <summary>CRD schemas are OpenAPI v3 already; drop the Kubernetes-only keys kubectl's parser dislikes.</summary>
    private static JsonObject ConvertSchema(JsonObject schema)
    {
        var copy = schema.DeepClone().AsObject();
        Strip(copy);
        return copy;

        static void Strip(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                obj.Remove("x-kubernetes-validations");
                foreach (var (_, child) in obj.ToList())
                {
                    Strip(child);
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array)
                {
                    Strip(child);
                }
            }
        }
    }

    private static JsonObject ObjectMetaSchema()
    {
        JsonObject Str(string d) => new() { ["type"] = "string", ["description"] = d };
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
            ["properties"] = new JsonObject
            {
                ["name"] = Str("Name must be unique within a namespace."),
                ["generateName"] = Str("GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided."),
                ["namespace"] = Str("Namespace defines the space within which each name must be unique."),
                ["uid"] = Str("UID is the unique in time and space value for this object."),
                ["resourceVersion"] = Str("An opaque value that represents the internal version of this object."),
                ["generation"] = new JsonObject { ["type"] = "integer", ["format"] = "int64", ["description"] = "A sequence number representing a specific generation of the desired state." },
                ["creationTimestamp"] = Str("CreationTimestamp is a timestamp representing the server time when this object was created."),
                ["deletionTimestamp"] = Str("DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted."),
                ["labels"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string", ["default"] = "" }, ["description"] = "Map of string keys and values that can be used to organize and categorize objects." },
                ["annotations"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string", ["default"] = "" }, ["description"] = "Annotations is an unstructured key value map stored with a resource." },
                ["finalizers"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["default"] = "" }, ["description"] = "Must be empty before the object is deleted from the registry." },
            },
        };
    }
}
