using System.Text.Json.Nodes;
using ContactOperator.Kinds;
using k8s;
using k8s.Models;

namespace ContactOperator.Manifests;

/// <summary>
/// Applies manifests with server-side apply (idempotent, like <c>kubectl apply --server-side</c>): CRDs first, waiting
/// until they are Established, then the operator's own kinds.
/// </summary>
public sealed class ManifestApplier(IKubernetes kubernetes, string fieldManager = "contact-operator-local")
{
    private static readonly Dictionary<string, string> Plurals = KindCatalog.All.ToDictionary(k => k.Kind, k => k.Plural, StringComparer.Ordinal);

    public async Task ApplyCrdsAsync(IEnumerable<JsonObject> crds, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var crd in crds)
        {
            var name = (string?)crd["metadata"]?["name"] ?? throw new FormatException("a CRD without metadata.name");
            await kubernetes.ApiextensionsV1.PatchCustomResourceDefinitionAsync(
                new V1Patch(crd.ToJsonString(), V1Patch.PatchType.ApplyPatch), name, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken);
            names.Add(name);
        }
        foreach (var name in names)
        {
            while (true)
            {
                var crd = await kubernetes.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: cancellationToken);
                if (crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true)
                {
                    break;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }

    /// <summary>Applies objects of the operator's kinds into <paramref name="defaultNamespace"/> unless they name one.</summary>
    public async Task ApplyAsync(IEnumerable<JsonObject> manifests, string defaultNamespace, CancellationToken cancellationToken)
    {
        foreach (var manifest in manifests)
        {
            var kind = (string?)manifest["kind"] ?? throw new FormatException("a manifest without kind");
            var name = (string?)manifest["metadata"]?["name"] ?? throw new FormatException($"a {kind} without metadata.name");
            if (!Plurals.TryGetValue(kind, out var plural))
            {
                throw new NotSupportedException($"{kind}/{name}: only the operator's kinds can be applied here");
            }
            var (group, version) = GroupVersion((string?)manifest["apiVersion"]);
            var ns = (string?)manifest["metadata"]?["namespace"] ?? defaultNamespace;
            await kubernetes.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(manifest.ToJsonString(), V1Patch.PatchType.ApplyPatch), group, version, ns, plural, name,
                fieldManager: fieldManager, force: true, cancellationToken: cancellationToken);
        }
    }

    private static (string Group, string Version) GroupVersion(string? apiVersion)
    {
        var parts = (apiVersion ?? "").Split('/');
        return parts.Length == 2 ? (parts[0], parts[1]) : throw new FormatException($"apiVersion '{apiVersion}' is not group/version");
    }
}
