using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ContactOperator.Alerting;
using ContactOperator.Api.Kinds;
using ContactOperator.Controllers;
using ContactOperator.Emulators.Aws;
using ContactOperator.Local;
using ContactOperator.Runtime.Resources;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactOperator.Tests.Alerting;

/// <summary>
/// A real Prometheus server (the Debian package) scraping the operator in local mode, with the rules the operator
/// rendered for the sample AlertPolicy loaded; short scrape and evaluation intervals, waits bounded by deadlines.
/// </summary>
public sealed class LocalModePrometheusTests
{
    [Fact]
    public async Task Prometheus_scrapes_the_sample_instance_series_and_an_alert_goes_pending_when_the_queue_load_crosses_a_sample_threshold()
    {
        var directory = Directory.CreateTempSubdirectory("local-prometheus-").FullName;
        await using var local = await LocalEnvironment.StartAsync(new LocalOptions
        {
            KubeconfigPath = Path.Combine(directory, "kubeconfig"),
            MetricsPort = 0,
            HealthPort = 0,
            SamplesDirectory = RepoPaths.Of("samples"),
            CrdDirectory = RepoPaths.Of("config", "crd", "bases"),
            PrometheusOperatorCrdDirectory = RepoPaths.Of("config", "prometheus-operator", "crds"),
            WebhookManifest = RepoPaths.Of("config", "webhook", "manifests.yaml"),
            InstanceCreationDelay = TimeSpan.FromMilliseconds(300),
            ExporterInterval = TimeSpan.FromSeconds(1),
        }, NullLoggerFactory.Instance, CancellationToken.None);

        var rules = new ResourceClient<PrometheusRule>(local.Client, PrometheusOperatorKinds.PrometheusRule);
        var rendered = await AlertingCluster.EventuallyAsync(() => rules.TryGetAsync(new ObjectKey("default", "support-alerts")), "the sample PrometheusRule", TimeSpan.FromSeconds(90));
        await File.WriteAllTextAsync(Path.Combine(directory, "rules.json"), AlertingSamples.RuleFile(rendered));

        var metrics = local.MetricsAddress!;
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(directory, "prometheus.yml"), $$"""
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            rule_files: [rules.json]
            scrape_configs:
            - job_name: contact-operator
              honor_labels: true
              static_configs: [{targets: ["{{metrics.Authority}}"]}]
            """);
        using var prometheus = Process.Start(ChildProcess.StartInfo(Tools.Resolve("prometheus"),
            ["--config.file=prometheus.yml", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}"], workingDirectory: directory))!;
        prometheus.BeginOutputReadLine();
        prometheus.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            var series = await AlertingCluster.EventuallyAsync(async () =>
            {
                var result = await QueryAsync(http, "contact_center_queue_oldest_contact_age_seconds{namespace=\"default\",instance=\"support\"}");
                return result is { Count: 3 } && result.All(r => (string?)r!["value"]![1] == "45") ? result : null;
            }, "Prometheus to return the sample instance's queue series at the seeded load", TimeSpan.FromSeconds(120));
            Assert.Equal(["billing", "callbacks", "technical"], series.Select(s => (string)s!["metric"]!["queue"]!).Order(StringComparer.Ordinal));
            Assert.NotEmpty((await QueryAsync(http, "contact_center_queue_abandonment_ratio{instance=\"support\"}"))!);
            Assert.NotEmpty((await QueryAsync(http, "contact_center_exporter_last_success_timestamp_seconds{instance=\"support\"}"))!);

            var rulesLoaded = await http.GetStringAsync("api/v1/rules");
            Assert.Contains("ContactCenterBillingWait", rulesLoaded);
            Assert.Empty(await AlertsAsync(http));

            // The billing queue's oldest caller now waits 150 s: above the sample's warning tier (120 s, for 2m).
            var instance = await new ResourceClient<ContactInstance>(local.Client, Descriptors.ContactInstance).GetAsync(new ObjectKey("default", "support"));
            var billing = await new ResourceClient<Queue>(local.Client, Descriptors.Queue).GetAsync(new ObjectKey("default", "billing"));
            local.Aws.Control.SetQueueLoad(instance.Status!.Region!, instance.Status.Id!, billing.Status!.Id!, SampleLoad.Quiet with { OldestContactAge = TimeSpan.FromSeconds(150) });

            var pending = await AlertingCluster.EventuallyAsync(async () =>
                (await AlertsAsync(http)).FirstOrDefault(a => (string?)a["labels"]!["alertname"] == "ContactCenterBillingWait"), "ContactCenterBillingWait to go pending", TimeSpan.FromSeconds(60));
            Assert.Equal("pending", (string?)pending["state"]);
            Assert.Equal(("warning", "billing", "support", "default"),
                ((string?)pending["labels"]!["severity"], (string?)pending["labels"]!["queue"], (string?)pending["labels"]!["instance"], (string?)pending["labels"]!["namespace"]));
            Assert.DoesNotContain(await AlertsAsync(http), a => (string?)a["labels"]!["severity"] == "critical");

            using var scrape = new HttpClient();
            var exposition = await scrape.GetStringAsync(new Uri(metrics, "metrics"));
            var check = await ChildProcess.RunAsync(Tools.Resolve("promtool"), ["check", "metrics"], stdin: exposition);
            Assert.True(check.ExitCode == 0 && check.Output.Trim().Length == 0, check.Output);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
        }
    }

    private static async Task<JsonArray?> QueryAsync(HttpClient http, string query)
    {
        try
        {
            var body = JsonNode.Parse(await http.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(query)));
            return body?["data"]?["result"]?.AsArray();
        }
        catch (HttpRequestException)
        {
            return null; // Prometheus still starting
        }
    }

    private static async Task<List<JsonObject>> AlertsAsync(HttpClient http)
    {
        var body = JsonNode.Parse(await http.GetStringAsync("api/v1/alerts"));
        return [.. body!["data"]!["alerts"]!.AsArray().Select(a => a!.AsObject())];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
