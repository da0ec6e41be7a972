using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace ContactOperator.Packaging.Tests.Support;

/// <summary>
/// Checks built-in objects against the Kubernetes API types (the KubernetesClient models are generated from the
/// API server's OpenAPI): an object is read into its model and written back; a field that does not survive the round
/// trip is not in the schema, and a value of the wrong type fails to read.
/// </summary>
public static class BuiltInSchemas
{
    private static readonly Dictionary<string, Func<string, object>> Readers = new()
    {
        ["v1/ServiceAccount"] = json => KubernetesJson.Deserialize<V1ServiceAccount>(json),
        ["v1/Service"] = json => KubernetesJson.Deserialize<V1Service>(json),
        ["v1/Secret"] = json => KubernetesJson.Deserialize<V1Secret>(json),
        ["v1/ConfigMap"] = json => KubernetesJson.Deserialize<V1ConfigMap>(json),
        ["v1/Namespace"] = json => KubernetesJson.Deserialize<V1Namespace>(json),
        ["apps/v1/Deployment"] = json => KubernetesJson.Deserialize<V1Deployment>(json),
        ["policy/v1/PodDisruptionBudget"] = json => KubernetesJson.Deserialize<V1PodDisruptionBudget>(json),
        ["networking.k8s.io/v1/NetworkPolicy"] = json => KubernetesJson.Deserialize<V1NetworkPolicy>(json),
        ["rbac.authorization.k8s.io/v1/ClusterRole"] = json => KubernetesJson.Deserialize<V1ClusterRole>(json),
        ["rbac.authorization.k8s.io/v1/ClusterRoleBinding"] = json => KubernetesJson.Deserialize<V1ClusterRoleBinding>(json),
        ["rbac.authorization.k8s.io/v1/Role"] = json => KubernetesJson.Deserialize<V1Role>(json),
        ["rbac.authorization.k8s.io/v1/RoleBinding"] = json => KubernetesJson.Deserialize<V1RoleBinding>(json),
        ["admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration"] = json => KubernetesJson.Deserialize<V1ValidatingWebhookConfiguration>(json),
        ["admissionregistration.k8s.io/v1/MutatingWebhookConfiguration"] = json => KubernetesJson.Deserialize<V1MutatingWebhookConfiguration>(json),
        ["apiextensions.k8s.io/v1/CustomResourceDefinition"] = json => KubernetesJson.Deserialize<V1CustomResourceDefinition>(json),
    };

    public static bool Knows(JsonObject obj) => Readers.ContainsKey(Key(obj));

    /// <summary>The JSON paths of <paramref name="obj"/> the API type does not have (empty when it conforms).</summary>
    public static IReadOnlyList<string> UnknownFields(JsonObject obj)
    {
        var reader = Readers[Key(obj)];
        var typed = reader(obj.ToJsonString());
        var back = JsonNode.Parse(KubernetesJson.Serialize(typed))!;
        var missing = new List<string>();
        Compare(obj, back, "", missing);
        return missing;
    }

    private static string Key(JsonObject obj) => $"{obj["apiVersion"]}/{obj["kind"]}";

    private static void Compare(JsonNode? original, JsonNode? roundTripped, string path, List<string> missing)
    {
        switch (original)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    if (value is null)
                    {
                        continue;
                    }
                    if (roundTripped is not JsonObject r || !r.ContainsKey(name))
                    {
                        missing.Add($"{path}.{name}");
                        continue;
                    }
                    Compare(value, r[name], $"{path}.{name}", missing);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Compare(a[i], roundTripped is JsonArray r && i < r.Count ? r[i] : null, $"{path}[{i}]", missing);
                }
                break;
        }
    }
}
