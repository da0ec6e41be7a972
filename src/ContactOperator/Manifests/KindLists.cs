using System.Text.Json.Nodes;
using System.Text;
using ContactOperator.Api;
using ContactOperator.Crds;
using ContactOperator.Kinds.Contract;

namespace ContactOperator.Manifests;

/// <summary>
/// The lists of kinds in hand-written files, generated into their marked regions (<see cref="MarkedRegion"/>): the
/// README's "Resource kinds" table and the chart's description and Artifact Hub CRD annotation. Each kind's short names
/// and description come from its CRD (the API type's <c>[ShortNames]</c> and XML summary); the order is the catalog's.
/// </summary>
public static class KindLists
{
    public const string Region = "kinds";

    public static string ReadmeTable(IReadOnlyList<IKindModule> kinds, IReadOnlyDictionary<string, GeneratedCrd> crds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(crds);
        var text = new StringBuilder("| Kind | Short names | What it manages |\n|---|---|---|\n");
        foreach (var kind in kinds)
        {
            text.Append("| `").Append(kind.Kind).Append("` | ")
                .AppendJoin(", ", ShortNames(crds[kind.Kind]).Select(n => $"`{n}`"))
                .Append(" | ").Append(Description(crds[kind.Kind]).Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }
        return text.ToString();
    }

    public static string ChartKinds(IReadOnlyList<IKindModule> kinds, IReadOnlyDictionary<string, GeneratedCrd> crds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(crds);
        var description = Yaml(new JsonObject
        {
            ["description"] = $"Runs an Amazon Connect contact center declaratively from Kubernetes resources ({string.Join(", ", kinds.Select(k => k.Kind))}).",
        });
        var artifactHubCrds = Yaml(new JsonArray([.. kinds.Select(k => (JsonNode)new JsonObject
        {
            ["kind"] = k.Kind,
            ["version"] = ApiGroup.Version,
            ["name"] = crds[k.Kind].Name,
            ["displayName"] = k.Kind,
            ["description"] = Description(crds[k.Kind]),
        })]));
        return new StringBuilder(description)
            .Append("annotations:\n")
            .Append("  artifacthub.io/crds: |\n")
            .AppendJoin("", artifactHubCrds.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => $"    {line}\n"))
            .ToString();
    }

    /// <summary>Block YAML without the document marker.</summary>
    private static string Yaml(JsonNode node) => YamlWriter.Write(node)["---\n".Length..];

    private static IEnumerable<string> ShortNames(GeneratedCrd crd) =>
        crd.Definition["spec"]!["names"]!["shortNames"]?.AsArray().Select(n => (string)n!) ?? [];

    private static string Description(GeneratedCrd crd) =>
        (string?)crd.Definition["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["description"] ?? "";
}
