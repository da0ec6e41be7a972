using System.Text.Json.Nodes;
using ContactOperator.Alerting;
using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Manifests;
using k8s;

namespace ContactOperator.Tests.Alerting;

/// <summary>The AlertPolicies the tests render: the samples as applied, and one that uses every metric and escalation target.</summary>
internal static class AlertingSamples
{
    public const string InstanceId = "6c3b9a1e-1f2d-4e5a-9b8c-7d6e5f4a3b2c";

    public static readonly RuleInputs Inputs = new(InstanceId, ["lookup-customer"]);

    public static readonly AlertingOptions Options = new() { IncidentBridgeUrl = new Uri("http://contact-operator.contact-operator-system.svc:8082") };

    /// <summary>Every AlertPolicy in samples/, by file.</summary>
    public static IEnumerable<(string File, AlertPolicy Policy)> SamplePolicies() =>
        Directory.GetFiles(RepoPaths.Of("samples"), "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(file => ManifestReader.ReadFile(file).Where(o => (string?)o["kind"] == AlertPolicy.KindName).Select(o => (Path.GetFileName(file), Parse(o))));

    public static AlertPolicy Parse(JsonObject manifest)
    {
        var policy = KubernetesJson.Deserialize<AlertPolicy>(manifest.ToJsonString());
        policy.Metadata.NamespaceProperty ??= "default";
        policy.Metadata.Uid ??= "0d6c1b9e-2f1a-4c3b-8a7d-5e4f3a2b1c0d";
        return policy;
    }

    /// <summary>A policy with one rule per metric, both comparisons, per-tier routes to SNS and ServiceNow, and label values that need escaping.</summary>
    public static AlertPolicy Everything() => new()
    {
        Metadata = new() { Name = "everything", NamespaceProperty = "contact-center", Uid = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a" },
        Spec = new AlertPolicySpec
        {
            InstanceRef = new ResourceReference { Name = "support" },
            Rules = [.. AlertMetrics.All.Select((metric, i) => new AlertRuleSpec
            {
                Name = $"rule-{i}-{metric.ToLowerInvariant()}",
                Metric = metric,
                QueueRef = AlertMetrics.QueueScoped.Contains(metric) && i % 2 == 0 ? new ResourceReference { Name = "billing" } : null,
                TableName = AlertMetrics.DynamoDb.Contains(metric) ? "customer-profiles" : null,
                Comparison = metric is AlertMetrics.ServiceLevel or AlertMetrics.AgentsAvailable or AlertMetrics.AgentsOnline ? AlertComparisons.LessThan : AlertComparisons.GreaterThan,
                Tiers = metric is AlertMetrics.ServiceLevel or AlertMetrics.AgentsAvailable or AlertMetrics.AgentsOnline
                    ? [new() { Severity = "warning", Threshold = 80, For = "5m" }, new() { Severity = "critical", Threshold = 60.5, For = "1m30s" }]
                    : [new() { Severity = "info", Threshold = 1.5 }, new() { Severity = "warning", Threshold = 10, For = "5m" }, new() { Severity = "critical", Threshold = 90, For = "1m" }],
            })],
            Labels = new Dictionary<string, string> { ["team"] = "billing \"tier 2\" \\ on-call\nrota", ["service"] = "{{ not a template }}" },
            RuleLabels = new Dictionary<string, string> { ["release"] = "kube-prometheus-stack" },
            Escalation = new EscalationSpec
            {
                SnsTopicArn = "arn:aws:sns:eu-west-1:123456789012:contact-center-alerts",
                ServiceNow = new ServiceNowSpec
                {
                    InstanceUrl = "https://acme.service-now.com",
                    AssignmentGroup = "Contact Center Ops",
                    CredentialsSecretRef = new SecretKeyReference { Name = "servicenow", Key = "credentials" },
                    EscalationDelay = "10m",
                },
                Routes =
                [
                    new() { Severity = "warning", Targets = [EscalationTargets.Sns] },
                    new() { Severity = "critical", Targets = [EscalationTargets.Sns, EscalationTargets.ServiceNow] },
                ],
            },
        },
    };

    /// <summary>The rule groups of a PrometheusRule as a Prometheus rule file (JSON is YAML).</summary>
    public static string RuleFile(PrometheusRule rule) =>
        new JsonObject { ["groups"] = JsonNode.Parse(KubernetesJson.Serialize(rule.Spec))!["groups"]!.DeepClone() }.ToJsonString();
}
