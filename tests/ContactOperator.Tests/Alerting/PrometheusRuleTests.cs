using System.Text.Json;
using System.Text.Json.Nodes;
using ContactOperator.Alerting;
using ContactOperator.Api.Kinds;
using ContactOperator.Incidents;
using k8s;

namespace ContactOperator.Tests.Alerting;

/// <summary>The rendered rules as Prometheus and prometheus-operator judge them: promtool and the upstream CRD schemas.</summary>
public sealed class PrometheusRuleTests
{
    private static readonly RuleRenderer Renderer = new(AlertingSamples.Options);

    [Fact]
    public async Task Every_rule_group_rendered_for_the_samples_passes_promtool_check_rules()
    {
        var samples = AlertingSamples.SamplePolicies().ToList();
        Assert.NotEmpty(samples);
        foreach (var (file, policy) in samples)
        {
            var result = await CheckRulesAsync(Renderer.Render(policy, AlertingSamples.Inputs));
            Assert.True(result.ExitCode == 0, $"{file}: {result.Output}");
            Assert.Contains($"SUCCESS: {policy.Spec.Rules.Sum(r => r.Tiers.Count)} rules found", result.Output);
        }
    }

    [Fact]
    public async Task Every_metric_both_comparisons_and_label_values_needing_escapes_render_rules_promtool_accepts()
    {
        var policy = AlertingSamples.Everything();
        var rendered = Renderer.Render(policy, AlertingSamples.Inputs);
        var result = await CheckRulesAsync(rendered);
        Assert.True(result.ExitCode == 0, result.Output);

        var rules = rendered.Spec.Groups.Single().Rules;
        Assert.Equal(policy.Spec.Rules.Sum(r => r.Tiers.Count), rules.Count);
        Assert.All(rules, r => Assert.Equal("billing \"tier 2\" \\ on-call\nrota", r.Labels["team"]));
        // Prometheus expands label values as templates: a user's "{{" is written as a template printing "{{".
        Assert.All(rules, r => Assert.Equal("{{ \"{{\" }} not a template }}", r.Labels["service"]));
        Assert.All(rules, r => Assert.StartsWith("https://", r.Annotations["runbook_url"]));
        Assert.Contains(rules, r => r.Expr == "aws_lambda_errors_sum{dimension_FunctionName=~\"lookup-customer\"} > 1.5" && r.Labels["severity"] == "info");
        Assert.Contains(rules, r => r.Expr == $"aws_connect_concurrent_calls_maximum{{dimension_InstanceId=\"{AlertingSamples.InstanceId}\"}} > 90");
        Assert.Contains(rules, r => r.Expr == "sum by (dimension_TableName) (aws_dynamodb_consumed_read_capacity_units_sum{dimension_TableName=\"customer-profiles\"}) / 60 > 10");
        Assert.Contains(rules, r => r.Expr == "contact_center_queue_service_level_ratio{connect_namespace=\"contact-center\",connect_instance=\"support\"} < 0.605");
        Assert.Contains(rules, r => r.Expr == "contact_center_queue_contacts_created_per_second{connect_namespace=\"contact-center\",connect_instance=\"support\",queue=\"billing\"} * 60 > 90");
    }

    [Fact]
    public async Task Promtool_unit_tests_show_each_sample_tier_firing_and_resolving()
    {
        var directory = Directory.CreateTempSubdirectory("promtool-test-").FullName;
        foreach (var (file, policy) in AlertingSamples.SamplePolicies())
        {
            var rendered = Renderer.Render(policy, AlertingSamples.Inputs);
            await File.WriteAllTextAsync(Path.Combine(directory, "rules.json"), AlertingSamples.RuleFile(rendered));
            var tests = Path.Combine(directory, "tests.json");
            await File.WriteAllTextAsync(tests, PromtoolUnitTests.Write(policy, rendered, "rules.json"));
            var result = await ChildProcess.RunAsync(Tools.Resolve("promtool"), ["test", "rules", tests], workingDirectory: directory);
            Assert.True(result.ExitCode == 0, $"{file}: {result.Output}\n{await File.ReadAllTextAsync(tests)}");
            Assert.Contains("SUCCESS", result.Output);
        }
    }

    [Fact]
    public async Task A_unit_test_expecting_the_wrong_tier_fails_so_the_generated_tests_can_fail()
    {
        var directory = Directory.CreateTempSubdirectory("promtool-test-").FullName;
        var (_, policy) = AlertingSamples.SamplePolicies().First();
        var rendered = Renderer.Render(policy, AlertingSamples.Inputs);
        // Raise the first tier's threshold in the rules file only: the expected firing no longer happens.
        var group = rendered.Spec.Groups[0];
        var first = group.Rules[0] with { Expr = group.Rules[0].Expr.Replace("> 120", "> 1000", StringComparison.Ordinal) };
        Assert.NotEqual(group.Rules[0].Expr, first.Expr);
        var shifted = new PrometheusRule { Spec = new PrometheusRuleSpec { Groups = [group with { Rules = [first, .. group.Rules.Skip(1)] }] } };
        await File.WriteAllTextAsync(Path.Combine(directory, "rules.json"), AlertingSamples.RuleFile(shifted));
        var tests = Path.Combine(directory, "tests.json");
        await File.WriteAllTextAsync(tests, PromtoolUnitTests.Write(policy, rendered, "rules.json"));
        var result = await ChildProcess.RunAsync(Tools.Resolve("promtool"), ["test", "rules", tests], workingDirectory: directory);
        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public async Task Rendered_PrometheusRules_and_AlertmanagerConfigs_validate_against_prometheus_operator_schemas()
    {
        var routes = new AlertmanagerConfigRenderer(AlertingSamples.Options);
        var objects = new JsonArray();
        var policies = AlertingSamples.SamplePolicies().Select(s => s.Policy).Append(AlertingSamples.Everything()).ToList();
        foreach (var policy in policies)
        {
            objects.Add(JsonNode.Parse(KubernetesJson.Serialize(Renderer.Render(policy, AlertingSamples.Inputs))));
            if (policy.Spec.Escalation is not null)
            {
                objects.Add(JsonNode.Parse(KubernetesJson.Serialize(routes.Render(policy))));
            }
        }
        objects.Add(OperatorRules());
        var result = await ValidateAsync(objects);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"validated {objects.Count} objects, 0 failed", result.Output);
    }

    [Fact]
    public async Task The_schema_check_rejects_a_rule_without_an_expression()
    {
        var rule = JsonNode.Parse(KubernetesJson.Serialize(Renderer.Render(AlertingSamples.SamplePolicies().First().Policy, AlertingSamples.Inputs)))!;
        rule["spec"]!["groups"]![0]!["rules"]![0]!.AsObject().Remove("expr");
        var result = await ValidateAsync(new JsonArray(rule));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("must have required property expr", result.Output);
    }

    [Fact]
    public async Task The_operators_own_rules_pass_promtool_check_rules()
    {
        var groups = OperatorRules()["spec"]!.DeepClone();
        var file = Path.Combine(Directory.CreateTempSubdirectory("operator-rules-").FullName, "rules.json");
        await File.WriteAllTextAsync(file, groups.ToJsonString());
        var result = await ChildProcess.RunAsync(Tools.Resolve("promtool"), ["check", "rules", file]);
        Assert.True(result.ExitCode == 0, result.Output);
        foreach (var alert in new[] { "ContactOperatorReconcileErrors", "ContactOperatorAwsThrottling", "ContactOperatorFailoverFailed", "ContactCenterExporterStale", "ContactOperatorIncidentBridgeFailing" })
        {
            Assert.Contains(alert, groups.ToJsonString());
        }
    }

    [Fact]
    public void Neither_the_operators_rules_nor_a_rendered_policy_select_group_or_print_a_label_the_scrape_sets()
    {
        var operatorRules = OperatorRules()["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray())
            .Select(r => ((string)r!["alert"]!, (string)r["expr"]!, r["annotations"]!.AsObject().Select(a => (string)a.Value!)));
        var rendered = Renderer.Render(AlertingSamples.Everything(), AlertingSamples.Inputs).Spec.Groups.Single().Rules
            .Select(r => (r.Alert, r.Expr, r.Annotations.Values.AsEnumerable()));
        var used = operatorRules.Concat(rendered)
            .SelectMany(r => DashboardTests.LabelNames(r.Item2).Concat(r.Item3.SelectMany(TemplateLabels)).Select(label => (r.Item1, label)))
            .ToList();
        Assert.Contains(used, u => u.label == "connect_instance");
        Assert.Contains(used, u => u.label == "aws_service");
        Assert.DoesNotContain(used, u => PrometheusServer.TargetLabelNames.Contains(u.label));
    }

    [Fact]
    public async Task A_failing_escalation_path_raises_the_incident_bridge_alert_and_a_working_one_does_not()
    {
        var groups = OperatorRules()["spec"]!.DeepClone();
        var directory = Directory.CreateTempSubdirectory("operator-rules-test-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "rules.json"), groups.ToJsonString());
        var alert = groups["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Single(r => (string?)r!["alert"] == "ContactOperatorIncidentBridgeFailing")!;
        var annotations = string.Join("\n", alert["annotations"]!.AsObject().Select(a =>
            $"        {a.Key}: {JsonSerializer.Serialize(((string)a.Value!).Replace("{{ $labels.outcome }}", "servicenow_error", StringComparison.Ordinal))}"));
        await File.WriteAllTextAsync(Path.Combine(directory, "test.yaml"), $$"""
            rule_files: [rules.json]
            evaluation_interval: 1m
            tests:
            - interval: 1m
              input_series:
              - series: '{{IncidentMetrics.NotificationsName}}{outcome="created"}'
                values: '0+1x30'
              - series: '{{IncidentMetrics.NotificationsName}}{outcome="servicenow_error"}'
                values: '0x10 1+1x20'
              alert_rule_test:
              - eval_time: 10m
                alertname: ContactOperatorIncidentBridgeFailing
                exp_alerts: []
              - eval_time: 20m
                alertname: ContactOperatorIncidentBridgeFailing
                exp_alerts:
                - exp_labels: {severity: critical, outcome: servicenow_error}
                  exp_annotations:
            {{annotations}}
            """);
        var result = await ChildProcess.RunAsync(Tools.Resolve("promtool"), ["test", "rules", Path.Combine(directory, "test.yaml")]);
        Assert.True(result.ExitCode == 0, result.Output);
    }

    private static IEnumerable<string> TemplateLabels(string template) =>
        System.Text.RegularExpressions.Regex.Matches(template, @"\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)").Select(m => m.Groups[1].Value);

    internal static JsonObject OperatorRules() =>
        Manifests.ManifestReader.ReadFile(RepoPaths.Of("config", "prometheus", "operator-rules.yaml")).Single();

    private static async Task<ProcessResult> CheckRulesAsync(PrometheusRule rule)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("rules-").FullName, "rules.json");
        await File.WriteAllTextAsync(file, AlertingSamples.RuleFile(rule));
        return await ChildProcess.RunAsync(Tools.Resolve("promtool"), ["check", "rules", file]);
    }

    private static Task<ProcessResult> ValidateAsync(JsonArray objects) =>
        ChildProcess.RunAsync(Tools.Resolve("node"), [RepoPaths.Of("tests", "conformance", "prometheus-operator", "validate.mjs")], stdin: objects.ToJsonString());
}
