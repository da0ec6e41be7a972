using System.Text.Json.Nodes;
using ContactOperator.Admission;
using ContactOperator.Api.Common;
using ContactOperator.Manifests;
using ContactOperator.Runtime.Resources;
using k8s;

namespace ContactOperator.Tests.Admission;

/// <summary>AdmissionReviews built from samples/, and the sample objects as the objects a rule can look up.</summary>
public static class AdmissionSamples
{
    public static IReadOnlyList<JsonObject> Manifests { get; } = ManifestReader.ReadDirectory(RepoPaths.Of("samples"))
        .GroupBy(m => ((string?)m["kind"], (string?)m["metadata"]?["name"])).Select(g => g.Last()).ToList();

    /// <summary>A CREATE review of every sample, and an UPDATE review of each against itself.</summary>
    public static IReadOnlyList<JsonObject> Reviews { get; } = Manifests.SelectMany(m => new[] { AdmissionReviews.For(m, "CREATE", null), AdmissionReviews.For(m, "UPDATE", m) }).ToList();

    /// <summary>The samples as stored objects, for the rules that read other objects.</summary>
    public sealed class Objects(IEnumerable<JsonObject>? manifests = null) : IAdmissionObjects
    {
        private readonly List<JsonObject> stored = (manifests ?? Manifests).ToList();

        public Task<T?> GetAsync<T>(string ns, string name, CancellationToken cancellationToken)
            where T : class, IContactResource
        {
            var kind = ResourceDescriptors.For<T>().Kind;
            var found = stored.LastOrDefault(m => (string?)m["kind"] == kind && (string?)m["metadata"]?["name"] == name);
            return Task.FromResult(found is null ? null : KubernetesJson.Deserialize<T>(found.ToJsonString()));
        }
    }
}
