using ContactOperator.Alerting;
using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Controllers;
using ContactOperator.Metrics;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Tests.Alerting;

/// <summary>The AlertPolicy controller against the embedded API server: what it writes, its status, and a cluster without prometheus-operator.</summary>
public sealed class AlertPolicyControllerTests
{
    private static readonly AlertingSettings Settings = new()
    {
        Exporter = new ExporterOptions { Enabled = false },
        Alerting = AlertingSamples.Options,
    };

    [Fact]
    public async Task The_sample_policy_becomes_an_owned_PrometheusRule_and_AlertmanagerConfig_listed_in_its_status()
    {
        await using var cluster = await AlertingCluster.StartAsync();
        var logs = new CapturingLoggerProvider();
        using var factory = new Microsoft.Extensions.Logging.LoggerFactory([logs]);
        await cluster.StartOperatorAsync(Settings, factory);
        await cluster.ApplyAsync(await File.ReadAllTextAsync(RepoPaths.Of("samples", "alertpolicy.yaml")));

        var policy = await WaitForReadyAsync(cluster, "support-alerts");
        Assert.Equal(AlertPolicyHooks.ReasonRendered, Conditions.Find(policy.Status!.Conditions, ConditionTypes.Ready)!.Reason);
        Assert.Equal(3, policy.Status.RuleCount);
        Assert.Equal(["ContactCenterBillingWait/warning", "ContactCenterBillingWait/critical", "ContactCenterAbandonment/warning"], policy.Status.RenderedRules);
        Assert.Equal("support-alerts", policy.Status.PrometheusRuleName);
        Assert.Equal("support-alerts", policy.Status.AlertmanagerConfigName);

        var rule = await cluster.Resources(PrometheusOperatorKinds.PrometheusRule).GetAsync(new ObjectKey(AlertingCluster.Namespace, "support-alerts"));
        var owner = Assert.Single(rule.Metadata.OwnerReferences);
        Assert.Equal((AlertPolicy.KindName, "support-alerts", policy.Metadata.Uid, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller == true));
        Assert.Equal(3, rule.Spec.Groups.Single().Rules.Count);
        var config = await cluster.Resources(PrometheusOperatorKinds.AlertmanagerConfig).GetAsync(new ObjectKey(AlertingCluster.Namespace, "support-alerts"));
        Assert.Equal("sns", Assert.Single(config.Spec.Route.Routes!).Receiver);

        // ruleLabels (for Prometheus' ruleSelector) and a new tier reach the PrometheusRule; dropping escalation removes the AlertmanagerConfig.
        await cluster.Resources(Descriptors.AlertPolicy).PatchAsync(new ObjectKey(AlertingCluster.Namespace, "support-alerts"), System.Text.Json.Nodes.JsonNode.Parse("""
            {"spec": {"escalation": null, "ruleLabels": {"release": "kube-prometheus-stack"},
              "rules": [{"name": "billing-wait", "metric": "OldestContactAge", "queueRef": {"name": "billing"}, "comparison": "GreaterThan",
                "tiers": [{"severity": "info", "threshold": 60}, {"severity": "warning", "threshold": 120, "for": "2m"}, {"severity": "critical", "threshold": 300, "for": "1m"}]}]}}
            """)!);
        rule = await AlertingCluster.EventuallyAsync(async () =>
        {
            var current = await cluster.Resources(PrometheusOperatorKinds.PrometheusRule).GetAsync(new ObjectKey(AlertingCluster.Namespace, "support-alerts"));
            return current.Metadata.Labels is { } labels && labels.TryGetValue("release", out var release) && release == "kube-prometheus-stack" ? current : null;
        }, "the PrometheusRule to carry the ruleLabels: " + string.Join("\n", logs.Lines.Select(l => l.Message)));
        Assert.Equal(["info", "warning", "critical"], rule.Spec.Groups.Single().Rules.Select(r => r.Labels["severity"]));
        await AlertingCluster.EventuallyAsync(
            async () => await cluster.Resources(PrometheusOperatorKinds.AlertmanagerConfig).TryGetAsync(new ObjectKey(AlertingCluster.Namespace, "support-alerts")) is null ? "gone" : null,
            "the AlertmanagerConfig to be deleted");
    }

    [Fact]
    public async Task Without_the_prometheus_operator_CRDs_the_policy_says_so_and_the_controller_keeps_running()
    {
        await using var cluster = await AlertingCluster.StartAsync(prometheusOperatorCrds: false);
        await cluster.StartOperatorAsync(Settings);
        await cluster.ApplyAsync(await File.ReadAllTextAsync(RepoPaths.Of("samples", "alertpolicy.yaml")));

        var policy = await AlertingCluster.EventuallyAsync(async () =>
        {
            var current = await cluster.Resources(Descriptors.AlertPolicy).GetAsync(new ObjectKey(AlertingCluster.Namespace, "support-alerts"));
            return Conditions.Find(current.Status?.Conditions, ConditionTypes.Ready)?.Reason == AlertPolicyHooks.ReasonNotInstalled ? current : null;
        }, "the PrometheusOperatorNotInstalled condition");
        var ready = Conditions.Find(policy.Status!.Conditions, ConditionTypes.Ready)!;
        Assert.Equal("False", ready.Status);
        Assert.Contains("install prometheus-operator's CRDs", ready.Message);
        Assert.True(cluster.Manager.IsReady);
        Assert.All(cluster.Manager.Controllers, c => Assert.True(c.IsRunning, c.Name));
    }

    [Fact]
    public async Task A_CloudWatch_rule_waits_for_its_instance_and_renders_once_the_instance_is_Ready()
    {
        await using var cluster = await AlertingCluster.StartAsync();
        await cluster.StartOperatorAsync(Settings);
        await cluster.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: ContactInstance
            metadata: {name: support}
            spec:
              region: us-east-1
              identityManagementType: CONNECT_MANAGED
              instanceAlias: support
              lambdaFunctions: [arn:aws:lambda:us-east-1:123456789012:function:lookup-customer]
            ---
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: AlertPolicy
            metadata: {name: capacity}
            spec:
              instanceRef: {name: support}
              rules:
              - {name: concurrent-calls, metric: ConcurrentCalls, comparison: GreaterThan, tiers: [{severity: warning, threshold: 80}]}
              - {name: lambda, metric: LambdaErrors, comparison: GreaterThan, tiers: [{severity: critical, threshold: 5, for: 5m}]}
            """);
        await AlertingCluster.EventuallyAsync(async () =>
        {
            var current = await cluster.Resources(Descriptors.AlertPolicy).GetAsync(new ObjectKey(AlertingCluster.Namespace, "capacity"));
            return Conditions.Find(current.Status?.Conditions, ConditionTypes.Ready)?.Reason == "WaitingForInstance" ? current : null;
        }, "the WaitingForInstance condition");

        await cluster.MarkReadyAsync(Descriptors.ContactInstance, "support", AlertingSamples.InstanceId, "arn:aws:connect:us-east-1:123456789012:instance/" + AlertingSamples.InstanceId);
        await WaitForReadyAsync(cluster, "capacity");
        var rule = await cluster.Resources(PrometheusOperatorKinds.PrometheusRule).GetAsync(new ObjectKey(AlertingCluster.Namespace, "capacity"));
        Assert.Equal(
            [$"aws_connect_concurrent_calls_maximum{{dimension_InstanceId=\"{AlertingSamples.InstanceId}\"}} > 80", "aws_lambda_errors_sum{dimension_FunctionName=~\"lookup-customer\"} > 5"],
            rule.Spec.Groups.Single().Rules.Select(r => r.Expr));
    }

    [Fact]
    public void Escalation_routes_send_each_severity_to_its_own_targets_and_ServiceNow_waits_the_escalation_delay()
    {
        var config = new AlertmanagerConfigRenderer(AlertingSamples.Options).Render(AlertingSamples.Everything());
        var routes = config.Spec.Route.Routes!.Select(r => (r.Matchers!.Single().Value, r.Receiver, r.GroupWait, r.Continue)).ToList();
        Assert.Equal(
            [("critical", "sns", null, true), ("critical", "servicenow", "10m", true), ("warning", "sns", null, true)],
            routes);
        Assert.Equal("everything", config.Spec.Route.Matchers!.Single(m => m.Name == RuleRenderer.PolicyLabel).Value);
        // One notification group per contact-center instance and queue: grouped by the labels the alerts carry, not
        // by the scrape target's instance (the operator's pod, the same for every alert).
        Assert.Equal(["alertname", "severity", ContactCenterLabels.Instance, ContactCenterLabels.Queue], config.Spec.Route.GroupBy);
        Assert.Equal("http://contact-operator.contact-operator-system.svc:8082/alertmanager/servicenow/contact-center/everything",
            config.Spec.Receivers.Single(r => r.Name == "servicenow").WebhookConfigs!.Single().Url);
        Assert.Equal("eu-west-1", config.Spec.Receivers.Single(r => r.Name == "sns").SnsConfigs!.Single().Sigv4.Region);

        var minimumOnly = AlertingSamples.Everything();
        minimumOnly.Spec = minimumOnly.Spec with { Escalation = minimumOnly.Spec.Escalation! with { Routes = null, MinimumSeverity = "warning" } };
        var fromMinimum = new AlertmanagerConfigRenderer(AlertingSamples.Options).Render(minimumOnly).Spec.Route.Routes!.Select(r => (r.Matchers!.Single().Value, r.Receiver));
        Assert.Equal([("critical", "sns"), ("critical", "servicenow"), ("warning", "sns"), ("warning", "servicenow")], fromMinimum);
    }

    private static Task<AlertPolicy> WaitForReadyAsync(AlertingCluster cluster, string name) =>
        AlertingCluster.EventuallyAsync(async () =>
        {
            var current = await cluster.Resources(Descriptors.AlertPolicy).GetAsync(new ObjectKey(AlertingCluster.Namespace, name));
            return Conditions.IsTrue(current.Status?.Conditions, ConditionTypes.Ready, current.Metadata.Generation) ? current : null;
        }, $"AlertPolicy {name} to be Ready");
}
