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
    public static IReadOnlyList<JsonObject> Reviews { get; } = Manifests.SelectMany(m => new[] { Review(m, "CREATE", null), Review(m, "UPDATE", m) }).ToList();

    public static JsonObject Review(JsonObject obj, string operation, JsonObject? oldObject, string user = "alice@example.com")
    {
        ArgumentNullException.ThrowIfNull(obj);
        var withNamespace = (JsonObject)obj.DeepClone();
        withNamespace["metadata"]!["namespace"] = "default";
        return new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = Guid.NewGuid().ToString(),
                ["kind"] = new JsonObject { ["group"] = "connect.contact-operator.io", ["version"] = "v1alpha1", ["kind"] = (string?)obj["kind"] },
                ["operation"] = operation,
                ["namespace"] = "default",
                ["name"] = (string?)obj["metadata"]?["name"],
                ["userInfo"] = new JsonObject { ["username"] = user },
                ["object"] = withNamespace,
                ["oldObject"] = oldObject?.DeepClone(),
            },
        };
    }

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
