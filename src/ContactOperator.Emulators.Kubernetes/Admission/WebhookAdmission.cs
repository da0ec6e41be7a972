using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Http;
using ContactOperator.Emulators.Kubernetes.Patch;
using ContactOperator.Emulators.Kubernetes.Selectors;
using ContactOperator.Emulators.Kubernetes.Storage;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Emulators.Kubernetes.Admission;

/// <summary>
/// Calls the registered MutatingWebhookConfiguration (serially, JSONPatch responses applied) and
/// ValidatingWebhookConfiguration (in parallel) webhooks that match a write, with AdmissionReview v1,
/// failurePolicy, timeoutSeconds, namespace/object selectors and dry-run side-effect rules.
/// </summary>
internal sealed partial class WebhookAdmission : IAdmissionChain, IDisposable
{
    private readonly ClusterState _state;
    private readonly ILogger _logger;
    private readonly WebhookClient _client = new();

    public WebhookAdmission(ClusterState state, ILogger logger)
    {
        _state = state;
        _logger = logger;
    }

    /// <summary>Maps a webhook <c>clientConfig.service</c> to a URL (there is no cluster DNS); null leaves service webhooks unreachable.</summary>
    public Func<string, string, int, string, Uri?>? ServiceResolver { get; set; }

    public async Task<JsonObject?> MutateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        var current = request.Object;
        foreach (var webhook in Webhooks("mutatingwebhookconfigurations", request))
        {
            var response = await CallAsync(webhook, request with { Object = current }, cancellationToken);
            if (response is null)
            {
                continue;
            }
            if (Meta.String(response, "patch") is { Length: > 0 } patch && current is not null)
            {
                if (Meta.String(response, "patchType") is { } patchType && patchType != "JSONPatch")
                {
                    throw ApiException.Internal($"failed calling webhook \"{Name(webhook)}\": unsupported patch type \"{patchType}\"");
                }
                var operations = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(patch)));
                current = JsonPatch.Apply(current, operations) as JsonObject ?? current;
            }
        }
        return current;
    }

    public async Task ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        var calls = Webhooks("validatingwebhookconfigurations", request).Select(w => CallAsync(w, request, cancellationToken)).ToList();
        await Task.WhenAll(calls);
    }

    private List<JsonObject> Webhooks(string plural, AdmissionRequest request)
    {
        if (request.Type.Group == "admissionregistration.k8s.io")
        {
            return [];
        }
        var type = _state.Registry.Find("admissionregistration.k8s.io", "v1", plural)!;
        var (configurations, _) = _state.Store.List(type.StorageKey, null);
        var result = new List<JsonObject>();
        foreach (var configuration in configurations)
        {
            foreach (var webhook in (configuration.ToNode()["webhooks"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (WebhookRules.Match(webhook, request) && SelectorsMatch(webhook, request))
                {
                    result.Add(webhook);
                }
            }
        }
        return result;
    }

    private bool SelectorsMatch(JsonObject webhook, AdmissionRequest request)
    {
        var subject = request.Object ?? request.OldObject;
        if (!LabelSelectorObject.Matches(webhook["objectSelector"] as JsonObject, LabelSelectorObject.LabelsOf(subject)))
        {
            return false;
        }
        if (webhook["namespaceSelector"] is JsonObject namespaceSelector && request.Type.Namespaced)
        {
            var ns = _state.Store.Get(ClusterState.KeyOf(_state.NamespaceType, "", request.Namespace));
            return LabelSelectorObject.Matches(namespaceSelector, ns?.Labels ?? new Dictionary<string, string>());
        }
        return true;
    }

    private async Task<JsonObject?> CallAsync(JsonObject webhook, AdmissionRequest request, CancellationToken ct)
    {
        var name = Name(webhook);
        var failOpen = Meta.String(webhook, "failurePolicy") == "Ignore";
        if (request.DryRun && Meta.String(webhook, "sideEffects") is not ("None" or "NoneOnDryRun"))
        {
            throw ApiException.BadRequest($"admission webhook \"{name}\" does not support dry run");
        }
        var uid = Guid.NewGuid().ToString();
        JsonObject response;
        try
        {
            var url = Url(webhook) ?? throw new HttpRequestException("no reachable clientConfig (url, or a service the emulator can resolve)");
            var timeout = TimeSpan.FromSeconds(JsonNumbers.TryGetLong(webhook["timeoutSeconds"], out var seconds) ? Math.Clamp(seconds, 1, 30) : 10);
            var review = await _client.PostAsync(url, Meta.String(webhook["clientConfig"] as JsonObject, "caBundle"), Review(uid, request), timeout, ct);
            response = review["response"] as JsonObject ?? throw new HttpRequestException("the AdmissionReview has no response");
            if (Meta.String(response, "uid") != uid)
            {
                throw new HttpRequestException($"expected response.uid=\"{uid}\", got \"{Meta.String(response, "uid")}\"");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException or System.Text.Json.JsonException or FormatException)
        {
            if (ct.IsCancellationRequested)
            {
                throw;
            }
            LogCallFailed(_logger, name, ex.Message);
            if (failOpen)
            {
                return null;
            }
            var reason = ex is TaskCanceledException or OperationCanceledException ? "context deadline exceeded" : ex.Message;
            throw ApiException.Internal($"failed calling webhook \"{name}\": failed to call webhook: {reason}");
        }
        if (response["warnings"] is JsonArray warnings)
        {
            request.Options.Warnings.AddRange(warnings.Select(w => w?.GetValue<string>() ?? "").Where(w => w.Length > 0));
        }
        if (response["allowed"] is JsonValue allowed && allowed.TryGetValue<bool>(out var isAllowed) && isAllowed)
        {
            return response;
        }
        var status = response["status"] as JsonObject;
        var code = JsonNumbers.TryGetLong(status?["code"], out var c) ? (int)c : 400;
        if (code < 400)
        {
            code = 400;
        }
        var message = Meta.String(status, "message") is { Length: > 0 } m ? $"admission webhook \"{name}\" denied the request: {m}"
            : Meta.String(status, "reason") is { Length: > 0 } r ? $"admission webhook \"{name}\" denied the request: {r}"
            : $"admission webhook \"{name}\" denied the request without explanation";
        throw new ApiException(code, Meta.String(status, "reason") ?? "", message, status?["details"]?.DeepClone() as JsonObject);
    }

    private Uri? Url(JsonObject webhook)
    {
        var clientConfig = webhook["clientConfig"] as JsonObject;
        if (Meta.String(clientConfig, "url") is { Length: > 0 } url)
        {
            return new Uri(url);
        }
        if (clientConfig?["service"] is JsonObject service && ServiceResolver is { } resolve)
        {
            var port = JsonNumbers.TryGetLong(service["port"], out var p) ? (int)p : 443;
            return resolve(Meta.String(service, "namespace") ?? "", Meta.String(service, "name") ?? "", port, Meta.String(service, "path") ?? "/");
        }
        return null;
    }

    private static JsonObject Review(string uid, AdmissionRequest request)
    {
        var kind = new JsonObject { ["group"] = request.Type.Group, ["version"] = request.Type.Version, ["kind"] = request.Type.Kind };
        var resource = new JsonObject { ["group"] = request.Type.Group, ["version"] = request.Type.Version, ["resource"] = request.Type.Plural };
        var optionsKind = request.Operation switch
        {
            "CREATE" => "CreateOptions",
            "UPDATE" => "UpdateOptions",
            _ => "DeleteOptions",
        };
        var options = new JsonObject { ["kind"] = optionsKind, ["apiVersion"] = "meta.k8s.io/v1" };
        if (request.Operation != "DELETE")
        {
            options["fieldManager"] = request.Options.FieldManager;
        }
        if (request.DryRun)
        {
            options["dryRun"] = new JsonArray("All");
        }
        var body = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = kind,
            ["resource"] = resource,
            ["requestKind"] = kind.DeepClone(),
            ["requestResource"] = resource.DeepClone(),
            ["name"] = request.Name,
            ["operation"] = request.Operation,
            ["userInfo"] = new JsonObject
            {
                ["username"] = "system:admin",
                ["uid"] = "emulator-admin",
                ["groups"] = new JsonArray("system:masters", "system:authenticated"),
            },
            ["object"] = request.Operation == "DELETE" ? null : request.Object?.DeepClone(),
            ["oldObject"] = request.OldObject?.DeepClone(),
            ["dryRun"] = request.DryRun,
            ["options"] = options,
        };
        if (request.Type.Namespaced)
        {
            body["namespace"] = request.Namespace;
        }
        if (request.Subresource is not null)
        {
            body["subResource"] = request.Subresource;
            body["requestSubResource"] = request.Subresource;
        }
        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = body };
    }

    private static string Name(JsonObject webhook) => Meta.String(webhook, "name") ?? "";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calling admission webhook {Webhook} failed: {Reason}")]
    private static partial void LogCallFailed(ILogger logger, string webhook, string reason);

    public void Dispose() => _client.Dispose();
}
