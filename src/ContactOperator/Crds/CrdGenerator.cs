using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Nodes;
using ContactOperator.Api;
using ContactOperator.Kinds;
using ContactOperator.Api.Schema;
using k8s.Models;

namespace ContactOperator.Crds;

/// <summary>A generated CustomResourceDefinition and the file name it is committed under.</summary>
public sealed record GeneratedCrd(string FileName, string Name, JsonObject Definition, string Yaml);

/// <summary>Generates apiextensions.k8s.io/v1 CustomResourceDefinitions from the C# kinds in ContactOperator.Api.</summary>
public static class CrdGenerator
{
    public static IReadOnlyList<GeneratedCrd> GenerateAll()
    {
        var docs = XmlDocumentation.For(typeof(ApiGroup).Assembly);
        return KindCatalog.All.Select(kind => Generate(kind.ResourceType, docs)).ToList();
    }

    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Generation-time reflection over the API assembly, which is always fully present.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Generation-time reflection over the API assembly, which is always fully present.")]
    public static GeneratedCrd Generate(Type kind, XmlDocumentation docs)
    {
        var entity = kind.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{kind.Name} has no [KubernetesEntity]");
        var plural = entity.PluralName;
        var singular = entity.Kind.ToLowerInvariant();
        var name = $"{plural}.{entity.Group}";
        var builder = new SchemaBuilder(docs);

        var specType = kind.GetProperty("Spec")!.PropertyType;
        var statusType = kind.GetProperty("Status")!.PropertyType;
        var spec = builder.ForObject(specType, "spec");
        var status = builder.ForObject(statusType, "status");

        var root = new JsonObject
        {
            ["type"] = "object",
            ["description"] = docs.ForType(kind),
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["type"] = "string", ["description"] = "APIVersion defines the versioned schema of this representation of an object." },
                ["kind"] = new JsonObject { ["type"] = "string", ["description"] = "Kind is a string value representing the REST resource this object represents." },
                ["metadata"] = new JsonObject { ["type"] = "object" },
                ["spec"] = spec,
                ["status"] = status,
            },
            ["required"] = new JsonArray("spec"),
        };

        var names = new JsonObject
        {
            ["kind"] = entity.Kind,
            ["listKind"] = entity.Kind + "List",
            ["plural"] = plural,
            ["singular"] = singular,
        };
        if (kind.GetCustomAttribute<ShortNamesAttribute>() is { } shortNames)
        {
            names["shortNames"] = new JsonArray(shortNames.Names.Select(n => (JsonNode?)n).ToArray());
        }
        names["categories"] = new JsonArray(ApiGroup.Category);

        var declared = kind.GetCustomAttributes<PrinterColumnAttribute>();
        var printerColumns = kind.GetCustomAttribute<AwsResourceColumnsAttribute>() is null
            ? declared
            : [.. AwsResourceColumnsAttribute.Leading, .. declared, .. AwsResourceColumnsAttribute.Trailing];
        var columns = new JsonArray(printerColumns.Select(c =>
        {
            var column = new JsonObject { ["name"] = c.Name, ["type"] = c.Type, ["jsonPath"] = c.JsonPath };
            if (c.Description is not null)
            {
                column["description"] = c.Description;
            }
            if (c.Priority != 0)
            {
                column["priority"] = c.Priority;
            }
            return (JsonNode?)column;
        }).ToArray());

        var definition = new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "contact-operator" },
            },
            ["spec"] = new JsonObject
            {
                ["group"] = entity.Group,
                ["names"] = names,
                ["scope"] = "Namespaced",
                ["versions"] = new JsonArray(new JsonObject
                {
                    ["name"] = entity.ApiVersion,
                    ["served"] = true,
                    ["storage"] = true,
                    ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
                    ["additionalPrinterColumns"] = columns,
                    ["schema"] = new JsonObject { ["openAPIV3Schema"] = root },
                }),
            },
        };
        return new GeneratedCrd($"{entity.Group}_{plural}.yaml", name, definition, YamlWriter.Write(definition));
    }
}
