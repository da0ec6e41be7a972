using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Storage;

/// <summary>One served resource in one group/version (built-in or CRD-defined).</summary>
internal sealed record ResourceType
{
    public static readonly IReadOnlyList<string> AllVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required string Kind { get; init; }

    public required bool Namespaced { get; init; }

    public string ListKind => Kind + "List";

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;

    public bool HasStatusSubresource { get; init; }

    /// <summary>Defined by a CustomResourceDefinition (no strategic merge patch, RV required on update).</summary>
    public bool IsCustom { get; init; }

    /// <summary>PUT without <c>metadata.resourceVersion</c> is refused (CRs, Leases).</summary>
    public bool RequiresResourceVersionOnUpdate { get; init; }

    /// <summary>Keeps <c>metadata.generation</c> (bumped when anything outside metadata/status changes).</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>Extra field selector labels beyond metadata.name/metadata.namespace.</summary>
    public IReadOnlyList<string> SelectableFields { get; init; } = [];

    /// <summary>The CRD version's <c>openAPIV3Schema</c>, if any.</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>The CRD version's <c>additionalPrinterColumns</c>.</summary>
    public JsonArray? PrinterColumns { get; init; }

    /// <summary>The CRD version's <c>subresources.scale</c>, if any.</summary>
    public JsonObject? Scale { get; init; }

    /// <summary>Name of the CRD that defines this resource.</summary>
    public string? CrdName { get; init; }

    public bool Deprecated { get; init; }

    public string? DeprecationWarning { get; init; }

    /// <summary>Objects of every version of a resource share one storage bucket.</summary>
    public string StorageKey => StorageKeyOverride ?? Group + "/" + Plural;

    /// <summary>Set when this resource is another view of a bucket (events.k8s.io events live with core events).</summary>
    public string? StorageKeyOverride { get; init; }

    public string GroupVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary><c>crontabs.stable.example.com</c>, or <c>secrets</c> for the core group.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : Plural + "." + Group;
}
