using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Http;
using ContactOperator.Emulators.Kubernetes.Storage;

namespace ContactOperator.Emulators.Kubernetes.Admission;

/// <summary>The admissionregistration/v1 rules a real API server enforces on webhook configurations.</summary>
internal static class WebhookConfigurationValidator
{
    public static bool Applies(ResourceType type) =>
        type.Group == "admissionregistration.k8s.io" && type.Plural is "validatingwebhookconfigurations" or "mutatingwebhookconfigurations";

    public static void Validate(ResourceType type, JsonObject configuration)
    {
        var errors = new List<FieldError>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var webhooks = (configuration["webhooks"] as JsonArray ?? []).ToList();
        for (var i = 0; i < webhooks.Count; i++)
        {
            var path = $"webhooks[{i}]";
            if (webhooks[i] is not JsonObject webhook)
            {
                errors.Add(FieldError.Required(path));
                continue;
            }
            var name = Meta.String(webhook, "name") ?? "";
            if (name.Length == 0)
            {
                errors.Add(FieldError.Required(path + ".name"));
            }
            else if (name.Split('.').Length < 3)
            {
                errors.Add(FieldError.InvalidValue(path + ".name", $"\"{name}\"", "should be a domain with at least three segments separated by dots"));
            }
            else if (!names.Add(name))
            {
                errors.Add(FieldError.Duplicate(path + ".name", $"\"{name}\""));
            }
            var clientConfig = webhook["clientConfig"] as JsonObject;
            var url = Meta.String(clientConfig, "url");
            var service = clientConfig?["service"] as JsonObject;
            if ((url is null) == (service is null))
            {
                errors.Add(FieldError.Required(path + ".clientConfig", "exactly one of url or service is required"));
            }
            else if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme != "https"))
            {
                errors.Add(FieldError.InvalidValue(path + ".clientConfig.url", $"\"{url}\"", "'https' is the only allowed URL scheme"));
            }
            if (Meta.String(clientConfig, "caBundle") is { Length: > 0 } caBundle && !IsBase64(caBundle))
            {
                errors.Add(FieldError.InvalidValue(path + ".clientConfig.caBundle", "\"...\"", "must be base64-encoded PEM"));
            }
            var sideEffects = Meta.String(webhook, "sideEffects");
            if (sideEffects is null)
            {
                errors.Add(FieldError.Required(path + ".sideEffects"));
            }
            else if (sideEffects is not ("None" or "NoneOnDryRun"))
            {
                errors.Add(FieldError.NotSupported(path + ".sideEffects", $"\"{sideEffects}\"", ["\"None\"", "\"NoneOnDryRun\""]));
            }
            var versions = (webhook["admissionReviewVersions"] as JsonArray ?? []).Select(v => v?.GetValue<string>()).ToList();
            if (versions.Count == 0)
            {
                errors.Add(FieldError.Required(path + ".admissionReviewVersions", "must specify one of v1, v1beta1"));
            }
            else if (!versions.Contains("v1") && !versions.Contains("v1beta1"))
            {
                errors.Add(FieldError.InvalidValue(path + ".admissionReviewVersions", $"[{string.Join(", ", versions)}]", "must include at least one of v1, v1beta1"));
            }
            if (Meta.String(webhook, "failurePolicy") is { } policy && policy is not ("Fail" or "Ignore"))
            {
                errors.Add(FieldError.NotSupported(path + ".failurePolicy", $"\"{policy}\"", ["\"Fail\"", "\"Ignore\""]));
            }
            if (JsonNumbers.TryGetLong(webhook["timeoutSeconds"], out var timeout) && timeout is < 1 or > 30)
            {
                errors.Add(FieldError.InvalidValue(path + ".timeoutSeconds", timeout.ToString(System.Globalization.CultureInfo.InvariantCulture), "the timeout value must be between 1 and 30 seconds"));
            }
            foreach (var (rule, r) in (webhook["rules"] as JsonArray ?? []).Select((rule, r) => (rule, r)))
            {
                foreach (var operation in (rule?["operations"] as JsonArray ?? []).Select(o => o?.GetValue<string>() ?? ""))
                {
                    if (operation is not ("*" or "CREATE" or "UPDATE" or "DELETE" or "CONNECT"))
                    {
                        errors.Add(FieldError.NotSupported($"{path}.rules[{r}].operations", $"\"{operation}\"", ["\"*\"", "\"CONNECT\"", "\"CREATE\"", "\"DELETE\"", "\"UPDATE\""]));
                    }
                }
            }
        }
        if (errors.Count > 0)
        {
            throw ApiException.Invalid(type, Meta.Name(configuration), errors);
        }
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }
}
