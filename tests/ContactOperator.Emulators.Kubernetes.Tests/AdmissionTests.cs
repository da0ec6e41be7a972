using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Tests.Support;

namespace ContactOperator.Emulators.Kubernetes.Tests;

public sealed class AdmissionTests
{
    private const string Widgets = Emulator.WidgetsPath;

    private static JsonObject Configuration(string kind, string name, WebhookServer server, string failurePolicy = "Fail", string? caBundle = null,
        int timeoutSeconds = 5, string sideEffects = "None") => new()
    {
        ["apiVersion"] = "admissionregistration.k8s.io/v1",
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name },
        ["webhooks"] = new JsonArray(new JsonObject
        {
            ["name"] = name + ".test.io",
            ["clientConfig"] = new JsonObject { ["url"] = server.Url.ToString(), ["caBundle"] = caBundle ?? server.CaBundle },
            ["rules"] = new JsonArray(new JsonObject
            {
                ["operations"] = new JsonArray("CREATE", "UPDATE"),
                ["apiGroups"] = new JsonArray("test.contact-operator.io"),
                ["apiVersions"] = new JsonArray("v1"),
                ["resources"] = new JsonArray("widgets"),
                ["scope"] = "Namespaced",
            }),
            ["failurePolicy"] = failurePolicy,
            ["sideEffects"] = sideEffects,
            ["admissionReviewVersions"] = new JsonArray("v1"),
            ["timeoutSeconds"] = timeoutSeconds,
        }),
    };

    private static Task Register(Emulator emulator, JsonObject configuration)
    {
        var plural = configuration["kind"]!.GetValue<string>() == "ValidatingWebhookConfiguration" ? "validatingwebhookconfigurations" : "mutatingwebhookconfigurations";
        return emulator.ExpectAsync(HttpMethod.Post, "/apis/admissionregistration.k8s.io/v1/" + plural, configuration, HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_validating_webhook_sees_an_admission_review_and_its_denial_is_returned_with_its_message()
    {
        await using var webhook = await WebhookServer.StartAsync(request =>
            request["object"]!["spec"]!["color"]!.GetValue<string>() == "green"
                ? new JsonObject { ["allowed"] = false, ["status"] = new JsonObject { ["code"] = 403, ["reason"] = "Forbidden", ["message"] = "spec.color: green widgets are sold out" } }
                : new JsonObject { ["allowed"] = true, ["warnings"] = new JsonArray("checked by the test webhook") });
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await Register(emulator, Configuration("ValidatingWebhookConfiguration", "validate", webhook));

        var allowed = await emulator.SendAsync(HttpMethod.Post, Widgets, TestData.Widget("red"));
        Assert.Equal(HttpStatusCode.Created, allowed.Status);
        Assert.Contains(allowed.Warnings, w => w.Contains("checked by the test webhook", StringComparison.Ordinal));

        var denied = await emulator.SendAsync(HttpMethod.Post, Widgets, TestData.Widget("green", "green"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Equal("Forbidden", denied.Reason);
        Assert.Equal("admission webhook \"validate.test.io\" denied the request: spec.color: green widgets are sold out", denied.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.SendAsync(HttpMethod.Get, Widgets + "/green")).Status);

        var review = webhook.Requests[0];
        Assert.Equal("CREATE", review["operation"]!.GetValue<string>());
        Assert.Equal("widgets", review["resource"]!["resource"]!.GetValue<string>());
        Assert.Equal("Widget", review["kind"]!["kind"]!.GetValue<string>());
        Assert.Equal("default", review["namespace"]!.GetValue<string>());
        Assert.Equal(3, review["object"]!["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Updates_send_the_old_object_and_status_writes_name_the_subresource()
    {
        await using var webhook = await WebhookServer.StartAsync(_ => new JsonObject { ["allowed"] = true });
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var configuration = Configuration("ValidatingWebhookConfiguration", "validate", webhook);
        configuration["webhooks"]![0]!["rules"]![0]!["resources"] = new JsonArray("widgets", "widgets/status");
        await Register(emulator, configuration);
        await emulator.CreateWidgetAsync("w1");
        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1", JsonNode.Parse("""{"spec":{"size":4}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1/status", JsonNode.Parse("""{"status":{"observedGeneration":2}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        Assert.Equal(3, webhook.Requests.Count);
        Assert.Equal(3, webhook.Requests[1]["oldObject"]!["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(4, webhook.Requests[1]["object"]!["spec"]!["size"]!.GetValue<int>());
        Assert.Equal("status", webhook.Requests[2]["subResource"]!.GetValue<string>());
    }

    [Fact]
    public async Task Mutating_webhook_json_patches_are_applied_before_validation_and_persisted()
    {
        var patch = Convert.ToBase64String(Encoding.UTF8.GetBytes("""[{"op":"add","path":"/metadata/labels","value":{"mutated":"yes"}},{"op":"replace","path":"/spec/size","value":5}]"""));
        await using var webhook = await WebhookServer.StartAsync(_ => new JsonObject { ["allowed"] = true, ["patchType"] = "JSONPatch", ["patch"] = patch });
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await Register(emulator, Configuration("MutatingWebhookConfiguration", "mutate", webhook));
        var created = await emulator.ExpectAsync(HttpMethod.Post, Widgets, TestData.Widget("w1"), HttpStatusCode.Created);
        Assert.Equal("yes", created["metadata"]!["labels"]!["mutated"]!.GetValue<string>());
        Assert.Equal(5, created["spec"]!["size"]!.GetValue<int>());
        var stored = await emulator.ExpectAsync(HttpMethod.Get, Widgets + "/w1", null, HttpStatusCode.OK);
        Assert.Equal(5, stored["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_untrusted_certificate_fails_closed_with_fail_and_is_skipped_with_ignore()
    {
        await using var webhook = await WebhookServer.StartAsync(_ => new JsonObject { ["allowed"] = false });
        await using var other = await WebhookServer.StartAsync(_ => new JsonObject { ["allowed"] = true });
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await Register(emulator, Configuration("ValidatingWebhookConfiguration", "strict", webhook, "Fail", caBundle: other.CaBundle));
        var failed = await emulator.SendAsync(HttpMethod.Post, Widgets, TestData.Widget("w1"));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal("InternalError", failed.Reason);
        Assert.StartsWith("Internal error occurred: failed calling webhook \"strict.test.io\"", failed.Message, StringComparison.Ordinal);
        Assert.Empty(webhook.Requests);

        await emulator.ExpectAsync(HttpMethod.Delete, "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/strict", null, HttpStatusCode.OK);
        await Register(emulator, Configuration("ValidatingWebhookConfiguration", "lenient", webhook, "Ignore", caBundle: other.CaBundle));
        await emulator.ExpectAsync(HttpMethod.Post, Widgets, TestData.Widget("w1"), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_webhook_slower_than_its_timeout_fails_the_request()
    {
        await using var webhook = await WebhookServer.StartAsync(_ => new JsonObject { ["allowed"] = true }, delay: TimeSpan.FromSeconds(3));
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await Register(emulator, Configuration("ValidatingWebhookConfiguration", "slow", webhook, timeoutSeconds: 1));
        var failed = await emulator.SendAsync(HttpMethod.Post, Widgets, TestData.Widget("w1"));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Contains("failed calling webhook \"slow.test.io\"", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_configurations_are_validated_like_a_real_api_server()
    {
        await using var webhook = await WebhookServer.StartAsync(_ => new JsonObject { ["allowed"] = true });
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var configuration = Configuration("ValidatingWebhookConfiguration", "bad", webhook, sideEffects: "Some", timeoutSeconds: 60);
        configuration["webhooks"]![0]!["clientConfig"]!["url"] = "http://127.0.0.1:1/admit";
        configuration["webhooks"]![0]!["admissionReviewVersions"] = new JsonArray("v2");
        var response = await emulator.SendAsync(HttpMethod.Post, "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations", configuration);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        var fields = response.Body!["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).ToList();
        Assert.Equal(["webhooks[0].clientConfig.url", "webhooks[0].sideEffects", "webhooks[0].admissionReviewVersions", "webhooks[0].timeoutSeconds"], fields);
    }
}
