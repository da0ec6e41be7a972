using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContactOperator.Alerting;
using ContactOperator.Aws.Core;
using ContactOperator.Manifests;
using ContactOperator.Metrics;
using ContactOperator.Runtime.Observability;

namespace ContactOperator.Tests.Alerting;

/// <summary>The Grafana dashboards: valid JSON, packaged for the sidecar, and reading only series that exist.</summary>
public sealed partial class DashboardTests
{
    private static readonly HashSet<string> PromQlWords = new(StringComparer.Ordinal)
    {
        "sum", "min", "max", "avg", "count", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool",
        "rate", "irate", "increase", "delta", "deriv", "histogram_quantile", "time", "abs", "clamp_min", "clamp_max", "topk", "bottomk",
        "label_values", "offset", "avg_over_time", "max_over_time", "min_over_time", "vector", "scalar", "absent",
    };

    /// <summary>The dashboards' only copy: the Helm chart ships them, and the top-level dashboards/ kustomization refers to them.</summary>
    private static readonly string DashboardDirectory = RepoPaths.Of("charts", "contact-operator", "dashboards");

    public static TheoryData<string> Dashboards() => [.. Directory.GetFiles(DashboardDirectory, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Dashboards))]
    public async Task A_dashboard_is_valid_JSON_with_panels_and_reads_only_series_the_operator_or_the_documented_CloudWatch_exporter_exports(string file)
    {
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(DashboardDirectory, file)))!.AsObject();
        Assert.False(string.IsNullOrEmpty((string?)dashboard["uid"]));
        Assert.False(string.IsNullOrEmpty((string?)dashboard["title"]));
        var expressions = Expressions(dashboard).ToList();
        Assert.True(expressions.Count >= 8, $"{file} has only {expressions.Count} queries");

        var known = await KnownSeriesAsync();
        var unknown = expressions.SelectMany(e => MetricNames(e).Select(name => (name, e))).Where(x => !known.Contains(x.name)).ToList();
        Assert.True(unknown.Count == 0, $"{file} reads series nobody exports:\n{string.Join("\n", unknown.Select(u => $"{u.name} in {u.e}"))}");
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public async Task A_dashboard_selects_and_groups_by_the_operators_own_labels_never_by_a_label_the_scrape_sets(string file)
    {
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(DashboardDirectory, file)))!;
        var queries = Expressions(dashboard).Concat(Definitions(dashboard)).ToList();
        var used = queries.SelectMany(q => LabelNames(q).Select(label => (label, q))).ToList();
        Assert.Contains(used, u => u.label is "connect_instance" or "aws_service");
        var colliding = used.Where(u => PrometheusServer.TargetLabelNames.Contains(u.label)).ToList();
        Assert.True(colliding.Count == 0, $"{file} reads target labels, which a default scrape sets to the operator's pod:\n{string.Join("\n", colliding.Select(c => $"{c.label} in {c.q}"))}");
    }

    [Fact]
    public void The_label_check_finds_matchers_groupings_and_label_values()
    {
        Assert.Equal(["connect_namespace", "queue", "instance", "aws_service", "namespace"],
            LabelNames("sum by (instance) (x{connect_namespace=~\"a,b=c\", queue!=\"q\"}) / on(aws_service) y + label_values(z, namespace)").Distinct());
    }

    [Fact]
    public async Task The_overview_covers_queues_agents_abandonment_service_level_and_failover_and_the_health_dashboard_reconciles_AWS_and_queue_depth()
    {
        string Queries(string file) => string.Join("\n", Expressions(JsonNode.Parse(File.ReadAllText(Path.Combine(DashboardDirectory, file)))!));
        var overview = Queries("contact-center-overview.json");
        foreach (var series in new[] { ContactCenterMetricNames.QueueContacts, ContactCenterMetricNames.QueueAgentsAvailable, ContactCenterMetricNames.QueueAbandonmentRatio,
            ContactCenterMetricNames.QueueServiceLevelRatio, ContactCenterMetricNames.FailoverPhase, ContactCenterMetricNames.FailoverActiveRegion })
        {
            Assert.Contains(series, overview);
        }
        var health = Queries("contact-operator-health.json");
        foreach (var series in new[] { "contact_operator_reconcile_total", "contact_operator_aws_requests_total", "contact_operator_aws_throttles_total", "contact_operator_workqueue_depth" })
        {
            Assert.Contains(series, health);
        }
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_dashboards_are_packaged_as_ConfigMaps_with_the_grafana_dashboard_label()
    {
        var result = await ChildProcess.RunAsync(Tools.Resolve("kubectl"), ["kustomize", RepoPaths.Of("dashboards")]);
        Assert.True(result.ExitCode == 0, result.Output);
        var configMaps = ManifestReader.ReadAll(result.Stdout).ToList();
        Assert.Equal(Dashboards().Count, configMaps.Count);
        foreach (var configMap in configMaps)
        {
            Assert.Equal("ConfigMap", (string?)configMap["kind"]);
            Assert.Equal("1", (string?)configMap["metadata"]!["labels"]!["grafana_dashboard"]);
            var (key, value) = Assert.Single(configMap["data"]!.AsObject());
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(DashboardDirectory, key)), (string?)value);
        }
    }

    [Fact]
    public void Every_CloudWatch_series_an_AlertPolicy_can_refer_to_is_in_the_documented_exporter_configuration()
    {
        var documented = YaceSeries();
        Assert.All(AlertMetricSource.CloudWatchSeries, series => Assert.Contains(series, documented));
    }

    [Fact]
    public async Task The_check_finds_every_series_of_an_expression_and_refuses_an_unknown_one()
    {
        Assert.Equal(["contact_center_queue_contacts", "contact_operator_reconcile_total"],
            MetricNames("sum by (queue) (contact_center_queue_contacts{queue=~\"a|b\"}) / on (queue) group_left rate(contact_operator_reconcile_total{result=\"error\"}[5m]) * 60"));
        var known = await KnownSeriesAsync();
        Assert.Contains("contact_operator_reconcile_duration_seconds_bucket", known);
        Assert.Contains("aws_connect_concurrent_calls_maximum", known);
        Assert.DoesNotContain("contact_center_queue_sentiment", known);
        Assert.DoesNotContain(ContactCenterMetricNames.ExternalNegativeSentimentRatio, known);
    }

    /// <summary>The series names YACE produces for config/prometheus/yace-config.yaml: aws_&lt;namespace&gt;_&lt;metric&gt;_&lt;statistic&gt;.</summary>
    internal static HashSet<string> YaceSeries()
    {
        var config = ManifestReader.ReadFile(RepoPaths.Of("config", "prometheus", "yace-config.yaml")).Single();
        var jobs = config["discovery"]!["jobs"]!.AsArray().Select(j => ((string)j!["type"]!, j["metrics"]!.AsArray()))
            .Concat(config["static"]!.AsArray().Select(j => ((string)j!["namespace"]!, j["metrics"]!.AsArray())));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (ns, metrics) in jobs)
        {
            var prefix = "aws_" + ns["AWS/".Length..].ToLowerInvariant();
            foreach (var metric in metrics)
            {
                foreach (var statistic in metric!["statistics"]!.AsArray())
                {
                    names.Add($"{prefix}_{Snake((string)metric["name"]!)}_{((string)statistic!).ToLowerInvariant()}");
                }
            }
        }
        return names;
    }

    /// <summary>Every series family the operator's /metrics exposes, as the dashboards may read them (histograms with their suffixes).</summary>
    private static async Task<HashSet<string>> KnownSeriesAsync()
    {
        var runtime = new RuntimeMetrics();
        using var tracking = runtime.ForController("queue").TrackQueue(() => 1, () => TimeSpan.FromSeconds(1));
        var aws = new AwsMetrics(runtime.Registry);
        aws.Requests.WithLabels("connect", "DescribeQueue", AwsMetrics.SuccessCode).Inc();
        aws.Duration.WithLabels("connect", "DescribeQueue").Observe(0.1);
        aws.Retries.WithLabels("connect", "DescribeQueue", "ThrottlingException").Inc();
        aws.Throttles.WithLabels("connect", "DescribeQueue").Inc();
        aws.RetryBudgetExhausted.WithLabels("connect", "DescribeQueue").Inc();
        aws.RateLimitWait.WithLabels("connect", "DescribeQueue").Inc();
        var gauges = new ContactCenterGauges(runtime.Registry);
        gauges.Record("default", "support", new PollResult(new Dictionary<string, IReadOnlyDictionary<string, double>> { ["billing"] = new Dictionary<string, double>() }, 1, 1), DateTimeOffset.UtcNow);
        gauges.RecordError("default", "support", "ThrottlingException");
        var text = await ExporterTests.ExportAsync(runtime.Registry);
        var known = new HashSet<string>(StringComparer.Ordinal) { ContactCenterMetricNames.FailoverPhase, ContactCenterMetricNames.FailoverActiveRegion };
        foreach (Match type in TypeLine().Matches(text))
        {
            var name = type.Groups[1].Value;
            known.Add(name);
            if (type.Groups[2].Value == "histogram")
            {
                known.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
            }
        }
        known.UnionWith(YaceSeries());
        return known;
    }

    private static IEnumerable<string> Expressions(JsonNode node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "expr" && p.Value is JsonValue v ? [(string)v!] : p.Value is null ? [] : Expressions(p.Value)),
        JsonArray array => array.Where(n => n is not null).SelectMany(n => Expressions(n!)),
        _ => [],
    };

    /// <summary>The template variables' queries (label_values(...)).</summary>
    private static IEnumerable<string> Definitions(JsonNode node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "definition" && p.Value is JsonValue v ? [(string)v!] : p.Value is null ? [] : Definitions(p.Value)),
        JsonArray array => array.Where(n => n is not null).SelectMany(n => Definitions(n!)),
        _ => [],
    };

    /// <summary>The label names a PromQL expression (or a Grafana label_values query) matches on, groups by, or reads.</summary>
    internal static IEnumerable<string> LabelNames(string expression)
    {
        var stripped = Strings().Replace(expression, "\"\"");
        foreach (Match braces in Braces().Matches(stripped))
        {
            foreach (Match matcher in Matcher().Matches(braces.Value))
            {
                yield return matcher.Groups[1].Value;
            }
        }
        foreach (Match grouping in Grouping().Matches(stripped))
        {
            foreach (var label in grouping.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return label;
            }
        }
        foreach (Match values in LabelValues().Matches(stripped))
        {
            yield return values.Groups[1].Value;
        }
    }

    /// <summary>The metric names in a PromQL expression: identifiers left once strings, label matchers, ranges and groupings are removed.</summary>
    internal static IEnumerable<string> MetricNames(string expression)
    {
        var stripped = Strings().Replace(expression, "");
        stripped = Braces().Replace(stripped, "");
        stripped = Brackets().Replace(stripped, "");
        stripped = Grouping().Replace(stripped, "");
        return Identifier().Matches(stripped).Select(m => m.Value).Where(w => !PromQlWords.Contains(w)).Distinct();
    }

    private static string Snake(string name) => UpperAfterLower().Replace(name, "$1_$2").ToLowerInvariant();

    [GeneratedRegex(@"^# TYPE (\S+) (\S+)", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex Matcher();

    [GeneratedRegex(@"label_values\([^,()]*(?:\{[^}]*\})?\s*,\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"(?<![\w$.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex UpperAfterLower();
}
