using System.Globalization;
using System.Text.Json.Nodes;
using ContactOperator.Alerting;
using ContactOperator.Api.Kinds;
using ContactOperator.Incidents;
using ContactOperator.Metrics;

namespace ContactOperator.Tests.Alerting;

/// <summary>
/// Writes promtool unit tests (<c>promtool test rules</c>) for a rendered policy: for each rule a synthetic series that
/// is quiet, then rises to each tier's level in turn (with a quiet gap after each), and checks at the end of every
/// level that exactly the tiers up to it fire (labels and expanded annotations), and at the end of every gap that
/// nothing fires. Levels sit between two tiers' thresholds; values are chosen so Prometheus' humanize templates
/// print them exactly.
/// </summary>
internal static class PromtoolUnitTests
{
    public static string Write(AlertPolicy policy, PrometheusRule rendered, string ruleFileName)
    {
        var tests = new JsonArray();
        foreach (var rule in policy.Spec.Rules)
        {
            tests.Add(TestCase(policy, rendered, rule));
        }
        return new JsonObject
        {
            ["rule_files"] = new JsonArray(ruleFileName),
            ["evaluation_interval"] = "1m",
            ["tests"] = tests,
        }.ToJsonString();
    }

    private static JsonObject TestCase(AlertPolicy policy, PrometheusRule rendered, AlertRuleSpec rule)
    {
        var source = AlertMetricSource.All[rule.Metric];
        if (source.Origin != MetricOrigin.Exporter || rule.Metric == AlertMetrics.CallVolume)
        {
            throw new NotSupportedException($"unit tests are generated for exporter gauges without scaling (not {rule.Metric})");
        }
        var ns = policy.Metadata.NamespaceProperty!;
        var queue = rule.QueueRef?.Name ?? "billing";
        var seriesLabels = new Dictionary<string, string> { [ContactCenterLabels.Namespace] = ns, [ContactCenterLabels.Instance] = policy.Spec.InstanceRef.Name, [ContactCenterLabels.Queue] = queue };
        var tiers = rule.Tiers.OrderBy(t => AlertSeverities.Rank(t.Severity)).ToList();
        var greater = rule.Comparison == AlertComparisons.GreaterThan;
        double Level(int i) => greater
            ? (i + 1 < tiers.Count ? (tiers[i].Threshold + tiers[i + 1].Threshold) / 2 : tiers[i].Threshold * 2 + 2)
            : (i + 1 < tiers.Count ? (tiers[i].Threshold + tiers[i + 1].Threshold) / 2 : tiers[i].Threshold / 2);
        var quiet = greater ? tiers[0].Threshold / 2 : tiers[0].Threshold * 1.5 + 2;
        var hold = (int)Math.Ceiling(tiers.Max(t => t.For is null ? 0 : PrometheusDuration.Parse(t.For)!.Value.TotalMinutes)) + 3;
        var values = new List<double>();
        var checks = new JsonArray();
        void Run(double value, int minutes) => values.AddRange(Enumerable.Repeat(value * source.ThresholdFactor, minutes));
        Run(quiet, 5);
        var alerts = rendered.Spec.Groups.SelectMany(g => g.Rules).Where(r => r.Alert == RuleRenderer.AlertName(rule)).ToList();
        for (var i = 0; i < tiers.Count; i++)
        {
            Run(Level(i), hold);
            var firing = tiers.Take(i + 1).Select(t => alerts.Single(a => a.Labels["severity"] == t.Severity));
            checks.Add(Check(values.Count - 1, RuleRenderer.AlertName(rule), firing, seriesLabels, Level(i) * source.ThresholdFactor, source));
            Run(quiet, hold);
            checks.Add(Check(values.Count - 1, RuleRenderer.AlertName(rule), [], seriesLabels, 0, source));
        }
        var series = source.Series + "{" + string.Join(',', seriesLabels.Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
        return new JsonObject
        {
            ["interval"] = "1m",
            ["input_series"] = new JsonArray(new JsonObject { ["series"] = series, ["values"] = string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) }),
            ["alert_rule_test"] = checks,
        };
    }

    private static JsonObject Check(int minute, string alertName, IEnumerable<AlertingRule> firing, Dictionary<string, string> seriesLabels, double value, AlertMetricSource source) => new()
    {
        ["eval_time"] = $"{minute}m",
        ["alertname"] = alertName,
        ["exp_alerts"] = new JsonArray([.. firing.Select(alert => (JsonNode)new JsonObject
        {
            ["exp_labels"] = Labels(seriesLabels.Concat(alert.Labels).GroupBy(l => l.Key).ToDictionary(g => g.Key, g => g.Last().Value)),
            ["exp_annotations"] = Labels(alert.Annotations.ToDictionary(a => a.Key, a => Expand(a.Value, value, seriesLabels, source))),
        })]),
    };

    private static JsonObject Labels(Dictionary<string, string> labels) => new([.. labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]);

    /// <summary>The annotation as Prometheus expands it, for the values this generator uses (plain numbers below 1000, percentages).</summary>
    private static string Expand(string template, double value, Dictionary<string, string> labels, AlertMetricSource source)
    {
        if (template.Contains("{{ $value | humanize }}", StringComparison.Ordinal) && value is not (>= 1 and < 1000))
        {
            throw new NotSupportedException($"humanize({value}) is not reproduced here");
        }
        return template
            .Replace("{{ $value | humanize }}", value.ToString("G4", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{ $value | humanizePercentage }}", (value * 100).ToString("G4", CultureInfo.InvariantCulture) + "%", StringComparison.Ordinal)
            .Replace("{{ $labels.queue }}", labels["queue"], StringComparison.Ordinal);
    }
}
