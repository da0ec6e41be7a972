using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace ContactOperator.Admission;

/// <summary>
/// Registers the webhook configurations of <c>config/webhook/</c> with an API server that reaches the webhooks by URL
/// (local mode, tests): each webhook's <c>clientConfig.service</c> becomes <c>url</c> (the server's address plus the
/// service path) with the given <c>caBundle</c>. Everything else (rules, failure policies, timeouts) is the manifest's.
/// </summary>
public static class WebhookRegistration
{
    public static IReadOnlyList<JsonObject> PointAt(IEnumerable<JsonObject> manifests, Uri address, string caBundle)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(address);
        var result = new List<JsonObject>();
        foreach (var manifest in manifests.Where(m => (string?)m["kind"] is "ValidatingWebhookConfiguration" or "MutatingWebhookConfiguration"))
        {
            var configuration = (JsonObject)manifest.DeepClone();
            foreach (var webhook in (configuration["webhooks"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var path = (string?)webhook["clientConfig"]?["service"]?["path"] ?? "/";
                webhook["clientConfig"] = new JsonObject { ["url"] = new Uri(address, path).ToString(), ["caBundle"] = caBundle };
            }
            result.Add(configuration);
        }
        return result;
    }

    /// <summary>Creates or replaces the configurations with server-side apply.</summary>
    public static async Task ApplyAsync(IKubernetes kubernetes, IEnumerable<JsonObject> configurations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(configurations);
        foreach (var configuration in configurations)
        {
            var name = (string?)configuration["metadata"]?["name"] ?? throw new FormatException("a webhook configuration without metadata.name");
            var patch = new V1Patch(configuration.ToJsonString(), V1Patch.PatchType.ApplyPatch);
            if ((string?)configuration["kind"] == "ValidatingWebhookConfiguration")
            {
                await kubernetes.AdmissionregistrationV1.PatchValidatingWebhookConfigurationAsync(patch, name, fieldManager: "contact-operator", force: true, cancellationToken: cancellationToken);
            }
            else
            {
                await kubernetes.AdmissionregistrationV1.PatchMutatingWebhookConfigurationAsync(patch, name, fieldManager: "contact-operator", force: true, cancellationToken: cancellationToken);
            }
        }
    }
}
