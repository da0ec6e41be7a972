using ContactOperator.Alerting;
using ContactOperator.Api.Kinds;
using ContactOperator.Controllers;
using ContactOperator.Local;
using ContactOperator.Metrics;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Tests.Alerting;

/// <summary>
/// An alert an AlertPolicy rendered fires in a real Prometheus that scrapes the operator with a default scrape config,
/// the way a user's plain <c>static_configs</c> job (or a ServiceMonitor without honorLabels) does: the exporter's labels
/// must not collide with the target labels Prometheus sets, or the rule would match nothing.
/// </summary>
public sealed class PrometheusAlertFiringTests
{
    [Fact]
    public async Task An_AlertPolicy_alert_fires_in_a_real_Prometheus_scraping_the_operator_with_a_default_scrape_config()
    {
        await using var cluster = await AlertingCluster.StartAsync();
        var (instanceId, arn, queues) = SampleLoad.CreateInstanceWithQueues(cluster.Aws.Control, "us-east-1", "support", 1);
        var queueId = queues.Keys.Single();
        cluster.Aws.Control.SetQueueLoad("us-east-1", instanceId, queueId, SampleLoad.Quiet with { OldestContactAge = TimeSpan.FromSeconds(150) });
        await cluster.StartOperatorAsync(new AlertingSettings
        {
            Exporter = new ExporterOptions { Interval = TimeSpan.FromSeconds(1) },
            Alerting = AlertingSamples.Options,
        });
        await cluster.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: ContactInstance
            metadata: {name: support}
            spec: {region: us-east-1, identityManagementType: CONNECT_MANAGED, instanceAlias: support}
            ---
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: Queue
            metadata: {name: billing}
            spec: {instanceRef: {name: support}, hoursOfOperationRef: {name: office-hours}}
            ---
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: AlertPolicy
            metadata: {name: support-alerts}
            spec:
              instanceRef: {name: support}
              rules:
              - name: billing-wait
                metric: OldestContactAge
                queueRef: {name: billing}
                comparison: GreaterThan
                tiers: [{severity: warning, threshold: 120}, {severity: critical, threshold: 300}]
            """);
        await cluster.MarkReadyAsync(Descriptors.ContactInstance, "support", instanceId, arn);
        await cluster.MarkReadyAsync(Descriptors.Queue, "billing", queueId, $"{arn}/queue/{queueId}");
        var rendered = await AlertingCluster.EventuallyAsync(
            () => cluster.Resources(PrometheusOperatorKinds.PrometheusRule).TryGetAsync(new ObjectKey(AlertingCluster.Namespace, "support-alerts")), "the rendered PrometheusRule");

        var metrics = cluster.Manager.MetricsAddress!;
        await using var prometheus = await PrometheusServer.StartAsync(metrics, AlertingSamples.RuleFile(rendered));
        var firing = await AlertingCluster.EventuallyAsync(async () =>
            (await prometheus.AlertsAsync()).FirstOrDefault(a => (string?)a["labels"]!["alertname"] == "ContactCenterBillingWait" && (string?)a["state"] == "firing"),
            "ContactCenterBillingWait to fire", TimeSpan.FromSeconds(60));

        var labels = firing["labels"]!.AsObject().ToDictionary(l => l.Key, l => (string?)l.Value);
        Assert.Equal("warning", labels["severity"]);
        Assert.Equal(("support", "default", "billing"), (labels[ContactCenterLabels.Instance], labels[ContactCenterLabels.Namespace], labels[ContactCenterLabels.Queue]));
        Assert.Equal("default", labels["namespace"]); // the policy's, which prometheus-operator's AlertmanagerConfig routes match on
        // The target labels are Prometheus' own, and nothing of ours was pushed aside to exported_*.
        Assert.Equal((metrics.Authority, PrometheusServer.Job, "contact-operator"), (labels["instance"], labels["job"], labels["service"]));
        Assert.DoesNotContain(labels.Keys, k => k.StartsWith("exported_", StringComparison.Ordinal));
        Assert.DoesNotContain(await prometheus.AlertsAsync(), a => (string?)a["labels"]!["severity"] == "critical");
    }
}
