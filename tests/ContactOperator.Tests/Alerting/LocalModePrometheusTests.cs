using System.Text.Json.Nodes;
using ContactOperator.Alerting;
using ContactOperator.Api.Kinds;
using ContactOperator.Controllers;
using ContactOperator.Local;
using ContactOperator.Runtime.Resources;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactOperator.Tests.Alerting;

/// <summary>
/// A real Prometheus server (<see cref="PrometheusServer"/>: default scrape config) scraping the operator in local
/// mode, with the rules the operator rendered for the sample AlertPolicy loaded; waits bounded by deadlines.
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

        var metrics = local.MetricsAddress!;
        await using var prometheus = await PrometheusServer.StartAsync(metrics, AlertingSamples.RuleFile(rendered));
        var series = await AlertingCluster.EventuallyAsync(async () =>
        {
            var result = await prometheus.QueryAsync("contact_center_queue_oldest_contact_age_seconds{connect_namespace=\"default\",connect_instance=\"support\"}");
            return result is { Count: 3 } && result.All(r => (string?)r!["value"]![1] == "45") ? result : null;
        }, "Prometheus to return the sample instance's queue series at the seeded load", TimeSpan.FromSeconds(120));
        Assert.Equal(["billing", "callbacks", "technical"], series.Select(s => (string)s!["metric"]!["queue"]!).Order(StringComparer.Ordinal));
        Assert.NotEmpty((await prometheus.QueryAsync("contact_center_queue_abandonment_ratio{connect_instance=\"support\"}"))!);
        Assert.NotEmpty((await prometheus.QueryAsync("contact_center_exporter_last_success_timestamp_seconds{connect_instance=\"support\"}"))!);

        // The sample FailoverPlan shows in exactly one phase, whichever it is in by now.
        var phase = await AlertingCluster.EventuallyAsync(async () => await prometheus.QueryAsync("contact_center_failover_phase == 1") is { Count: > 0 } result ? result : null,
            "a failover phase series at 1", TimeSpan.FromSeconds(60));
        Assert.Equal(("default", "support-dr"), ((string?)Assert.Single(phase)!["metric"]!["connect_namespace"], (string?)phase[0]!["metric"]!["plan"]));
        // No label of any series the operator exports collided with a target label (Prometheus would have renamed it exported_*).
        var labelNames = JsonNode.Parse(await prometheus.Http.GetStringAsync("api/v1/labels"))!["data"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Contains("aws_service", labelNames);
        Assert.DoesNotContain(labelNames, n => n.StartsWith("exported_", StringComparison.Ordinal));

        var rulesLoaded = await prometheus.Http.GetStringAsync("api/v1/rules");
        Assert.Contains("ContactCenterBillingWait", rulesLoaded);
        Assert.Empty(await prometheus.AlertsAsync());

        // The billing queue's oldest caller now waits 150 s: above the sample's warning tier (120 s, for 2m).
        var instance = await new ResourceClient<ContactInstance>(local.Client, Descriptors.ContactInstance).GetAsync(new ObjectKey("default", "support"));
        var billing = await new ResourceClient<Queue>(local.Client, Descriptors.Queue).GetAsync(new ObjectKey("default", "billing"));
        local.Aws.Control.SetQueueLoad(instance.Status!.Region!, instance.Status.Id!, billing.Status!.Id!, SampleLoad.Quiet with { OldestContactAge = TimeSpan.FromSeconds(150) });

        var pending = await AlertingCluster.EventuallyAsync(async () =>
            (await prometheus.AlertsAsync()).FirstOrDefault(a => (string?)a["labels"]!["alertname"] == "ContactCenterBillingWait"), "ContactCenterBillingWait to go pending", TimeSpan.FromSeconds(60));
        Assert.Equal("pending", (string?)pending["state"]);
        Assert.Equal(("warning", "billing", "support", "default"),
            ((string?)pending["labels"]!["severity"], (string?)pending["labels"]!["queue"], (string?)pending["labels"]!["connect_instance"], (string?)pending["labels"]!["namespace"]));
        Assert.DoesNotContain(await prometheus.AlertsAsync(), a => (string?)a["labels"]!["severity"] == "critical");

        using var scrape = new HttpClient();
        var exposition = await scrape.GetStringAsync(new Uri(metrics, "metrics"));
        var check = await ChildProcess.RunAsync(Tools.Resolve("promtool"), ["check", "metrics"], stdin: exposition);
        Assert.True(check.ExitCode == 0 && check.Output.Trim().Length == 0, check.Output);
    }
}
