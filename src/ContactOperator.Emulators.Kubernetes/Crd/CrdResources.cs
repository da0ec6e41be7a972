using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Http;
using ContactOperator.Emulators.Kubernetes.Storage;

namespace ContactOperator.Emulators.Kubernetes.Crd;

/// <summary>Turns a CustomResourceDefinition into served resource types, validates it and fills in its status.</summary>
internal static class CrdResources
{
    public static IReadOnlyList<ResourceType> ServedTypes(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject ?? new JsonObject();
        var names = spec["names"] as JsonObject ?? new JsonObject();
        var group = Meta.String(spec, "group") ?? "";
        var kind = Meta.String(names, "kind") ?? "";
        var plural = Meta.String(names, "plural") ?? "";
        var singular = Meta.String(names, "singular") ?? kind.ToLowerInvariant();
        var namespaced = Meta.String(spec, "scope") != "Cluster";
        var shortNames = Strings(names["shortNames"]);
        var categories = Strings(names["categories"]);
        var result = new List<ResourceType>();
        foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (version["served"] is JsonValue served && served.TryGetValue<bool>(out var isServed) && !isServed)
            {
                continue;
            }
            var subresources = version["subresources"] as JsonObject ?? spec["subresources"] as JsonObject;
            var schema = (version["schema"] as JsonObject)?["openAPIV3Schema"] as JsonObject
                ?? (spec["validation"] as JsonObject)?["openAPIV3Schema"] as JsonObject;
            result.Add(new ResourceType
            {
                Group = group,
                Version = Meta.String(version, "name") ?? "",
                Plural = plural,
                Singular = singular,
                Kind = kind,
                Namespaced = namespaced,
                ShortNames = shortNames,
                Categories = categories,
                IsCustom = true,
                RequiresResourceVersionOnUpdate = true,
                TracksGeneration = true,
                HasStatusSubresource = subresources?["status"] is not null,
                Scale = subresources?["scale"] as JsonObject,
                Schema = schema?.DeepClone().AsObject(),
                PrinterColumns = (version["additionalPrinterColumns"] ?? spec["additionalPrinterColumns"]) is JsonArray columns
                    ? columns.DeepClone().AsArray()
                    : null,
                SelectableFields = (version["selectableFields"] as JsonArray ?? [])
                    .Select(f => Meta.String(f as JsonObject, "jsonPath")?.TrimStart('.') ?? "").Where(f => f.Length > 0).ToList(),
                CrdName = Meta.Name(crd),
                Deprecated = version["deprecated"] is JsonValue d && d.TryGetValue<bool>(out var deprecated) && deprecated,
                DeprecationWarning = Meta.String(version, "deprecationWarning"),
            });
        }
        return result;
    }

    /// <summary>Server-side defaults, validation and status of a CRD write.</summary>
    public static void Prepare(JsonObject crd, ResourceType crdType, ResourceRegistry registry, DateTimeOffset now, JsonObject? old)
    {
        var name = Meta.Name(crd);
        var spec = crd["spec"] as JsonObject;
        var errors = new List<FieldError>();
        if (spec is null)
        {
            throw ApiException.Invalid(crdType, name, [FieldError.Required("spec")]);
        }
        var names = spec["names"] as JsonObject;
        var group = Meta.String(spec, "group") ?? "";
        var plural = Meta.String(names, "plural") ?? "";
        var kind = Meta.String(names, "kind") ?? "";
        if (group.Length == 0)
        {
            errors.Add(FieldError.Required("spec.group"));
        }
        if (plural.Length == 0)
        {
            errors.Add(FieldError.Required("spec.names.plural"));
        }
        if (kind.Length == 0)
        {
            errors.Add(FieldError.Required("spec.names.kind"));
        }
        if (name != $"{plural}.{group}")
        {
            errors.Add(FieldError.InvalidValue("metadata.name", $"\"{name}\"", $"must be spec.names.plural+\".\"+spec.group"));
        }
        var scope = Meta.String(spec, "scope");
        if (scope is not ("Namespaced" or "Cluster"))
        {
            errors.Add(FieldError.NotSupported("spec.scope", $"\"{scope}\"", ["\"Cluster\"", "\"Namespaced\""]));
        }
        var versions = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (versions.Count == 0)
        {
            errors.Add(FieldError.Required("spec.versions", "must have exactly one version marked as storage version"));
        }
        else if (versions.Count(v => v["storage"] is JsonValue s && s.TryGetValue<bool>(out var isStorage) && isStorage) != 1)
        {
            errors.Add(FieldError.InvalidValue("spec.versions", "[]apiextensions.CustomResourceDefinitionVersion{...}", "must have exactly one version marked as storage version"));
        }
        for (var i = 0; i < versions.Count; i++)
        {
            if ((versions[i]["schema"] as JsonObject)?["openAPIV3Schema"] is not JsonObject)
            {
                errors.Add(FieldError.Required($"spec.versions[{i}].schema.openAPIV3Schema", "schemas are required"));
            }
        }
        if (old is not null && Meta.String(old["spec"] as JsonObject, "group") is { } oldGroup && oldGroup != group)
        {
            errors.Add(FieldError.InvalidValue("spec.group", $"\"{group}\"", "field is immutable"));
        }
        if (errors.Count > 0)
        {
            throw ApiException.Invalid(crdType, name, errors);
        }

        spec["conversion"] ??= new JsonObject { ["strategy"] = "None" };
        names!["singular"] ??= kind.ToLowerInvariant();
        names["listKind"] ??= kind + "List";

        var conflict = registry.All.FirstOrDefault(t => t.Group == group && t.CrdName != name &&
            (t.Plural == plural || (t.Kind == kind && t.CrdName is not null)));
        var status = crd["status"] as JsonObject ?? new JsonObject();
        var previousConditions = status["conditions"] as JsonArray;
        var stored = new SortedSet<string>(Strings((old?["status"] as JsonObject)?["storedVersions"]), StringComparer.Ordinal);
        foreach (var version in versions.Where(v => v["storage"] is JsonValue s && s.GetValue<bool>()))
        {
            stored.Add(Meta.String(version, "name") ?? "");
        }
        var accepted = conflict is null;
        status["acceptedNames"] = accepted ? names.DeepClone() : new JsonObject { ["plural"] = "", ["kind"] = "" };
        status["storedVersions"] = new JsonArray(stored.Select(s => (JsonNode?)s).ToArray());
        var conditions = new JsonArray
        {
            Condition(previousConditions, "NamesAccepted", accepted ? "True" : "False", accepted ? "NoConflicts" : "PluralConflict",
                accepted ? "no conflicts found" : $"\"{plural}\" is already in use", now),
            Condition(previousConditions, "Established", accepted ? "True" : "False", accepted ? "InitialNamesAccepted" : "NotAccepted",
                accepted ? "the initial names have been accepted" : "not all names are accepted", now),
        };
        if (Meta.IsDeleting(crd))
        {
            conditions.Add(Condition(previousConditions, "Terminating", "True", "InstanceDeletionInProgress", "CustomResource deletion is in progress", now));
        }
        status["conditions"] = conditions;
        crd["status"] = status;
    }

    private static JsonObject Condition(JsonArray? previous, string type, string status, string reason, string message, DateTimeOffset now)
    {
        var earlier = previous?.OfType<JsonObject>().FirstOrDefault(c => Meta.String(c, "type") == type);
        var transition = earlier is not null && Meta.String(earlier, "status") == status
            ? Meta.String(earlier, "lastTransitionTime") ?? Meta.Timestamp(now)
            : Meta.Timestamp(now);
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastTransitionTime"] = transition,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToList() : [];
}
