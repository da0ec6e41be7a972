using System.Text;
using System.Text.Json;
using ContactOperator.Controllers;
using ContactOperator.Kinds;
using ContactOperator.Tests.EndToEnd;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Tests.Admission;

/// <summary>
/// No secret value leaves the operator: a whole run (the sample contact center converging, a Secret with credentials
/// referenced by an AlertPolicy, refused writes, webhooks, every log level) is scanned for the AWS secret access key
/// and the Secret's values, in the operator's logs, the Events, the status of every object, /metrics and the
/// messages of refused writes.
/// </summary>
public class SecretLeakTests
{
    private const string AwsSecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETzz9";
    private const string ServiceNowPassword = "sn-pa55w0rd-SECRET-7f3c";

    [Fact]
    public async Task A_run_writes_no_secret_value_to_logs_events_status_metrics_or_error_messages()
    {
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var h = await ContactCenterHarness.StartAsync(webhooks: true, loggerFactory: loggerFactory, secretAccessKey: AwsSecretAccessKey, metricsPort: 0);

        await h.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "servicenow" },
            StringData = new Dictionary<string, string> { ["credentials"] = "operator:" + ServiceNowPassword },
        }, ContactCenterHarness.Namespace);
        await h.ApplyFileAsync("samples", "contact-center.yaml");
        await h.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: AlertPolicy
            metadata: {name: escalating}
            spec:
              instanceRef: {name: support}
              rules: [{name: wait, metric: OldestContactAge, comparison: GreaterThan, tiers: [{severity: critical, threshold: 300}]}]
              escalation:
                serviceNow: {instanceUrl: "https://acme.service-now.com", credentialsSecretRef: {name: servicenow, key: credentials}}
            """);
        var refusals = new List<string>();
        foreach (var invalid in InvalidManifests.All.Take(5))
        {
            var refused = await Assert.ThrowsAsync<HttpOperationException>(() => h.ApplyAsync(invalid.Yaml));
            refusals.Add(refused.Response.Content);
        }
        await h.WaitForReadyAsync(Descriptors.RoutingProfile, "generalists", TimeSpan.FromSeconds(90));
        await h.WaitForReadyAsync(Descriptors.ContactInstance, "support");

        var produced = new StringBuilder();
        foreach (var line in logs.Lines)
        {
            produced.AppendLine(line.Message).AppendLine(line.Exception).AppendLine(string.Join(",", line.Scope.Select(p => $"{p.Key}={p.Value}")));
        }
        foreach (var e in (await h.Client.EventsV1.ListNamespacedEventAsync(ContactCenterHarness.Namespace)).Items)
        {
            produced.AppendLine(KubernetesJson.Serialize(e));
        }
        foreach (var plural in KindCatalog.All.Select(k => k.Plural))
        {
            var list = (JsonElement)await h.Client.CustomObjects.ListNamespacedCustomObjectAsync("connect.contact-operator.io", "v1alpha1", ContactCenterHarness.Namespace, plural);
            foreach (var item in list.GetProperty("items").EnumerateArray())
            {
                produced.AppendLine(item.TryGetProperty("status", out var status) ? status.GetRawText() : "");
            }
        }
        using (var http = new HttpClient())
        {
            produced.AppendLine(await http.GetStringAsync(new Uri(h.Host!.Manager.MetricsAddress!, "/metrics")));
        }
        refusals.ForEach(r => produced.AppendLine(r));

        var everything = produced.ToString();
        Assert.Contains("contact_operator_aws_requests_total", everything);
        Assert.True(logs.Lines.Count > 20, $"only {logs.Lines.Count} log lines: the scan would prove little");
        foreach (var secret in new[] { AwsSecretAccessKey, ServiceNowPassword, Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + ServiceNowPassword)) })
        {
            Assert.False(everything.Contains(secret, StringComparison.Ordinal), $"a secret value appears in what the run produced: {secret[..6]}…");
        }
    }
}
