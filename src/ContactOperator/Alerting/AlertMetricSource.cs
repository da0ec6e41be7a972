using System.Globalization;
using ContactOperator.Api.Kinds;
using ContactOperator.Metrics;

namespace ContactOperator.Alerting;

/// <summary>Where an AlertPolicy metric's series comes from.</summary>
public enum MetricOrigin
{
    /// <summary>The operator's own contact-center exporter.</summary>
    Exporter,

    /// <summary>The CloudWatch exporter (YACE) configured as in docs/alerting.md.</summary>
    CloudWatch,

    /// <summary>A series the user supplies (no AWS API offers it in aggregate).</summary>
    External,
}

/// <summary>What the expression of one rule refers to: the policy's namespace and instance, and AWS names it needs.</summary>
public sealed record RuleScope(string Namespace, string Instance, string? InstanceId, string? Queue, IReadOnlyList<string> LambdaFunctions, string? TableName);

/// <summary>
/// How one AlertPolicy metric becomes PromQL: the series, how its value is scaled into the threshold's unit, and the
/// unit shown in annotations. The expression is assembled from this closed catalogue, escaped label values and an
/// invariant-culture number, so user input cannot produce an expression Prometheus would not parse.
/// </summary>
public sealed record AlertMetricSource(string Metric, MetricOrigin Origin, string Series, string Unit, Func<RuleScope, string> Selector, Func<string, string> Shape, double ThresholdFactor)
{
    public static readonly IReadOnlyDictionary<string, AlertMetricSource> All = new[]
    {
        Queue(AlertMetrics.CallVolume, ContactCenterMetricNames.QueueContactsCreatedRate, "contacts/min", shape: s => $"{s} * 60"),
        Connect(AlertMetrics.ConcurrentCalls, "aws_connect_concurrent_calls_maximum", "calls"),
        Connect(AlertMetrics.ConcurrencyUtilization, "aws_connect_concurrent_calls_percentage_maximum", "%"),
        Queue(AlertMetrics.OldestContactAge, ContactCenterMetricNames.QueueOldestContactAge, "s"),
        Queue(AlertMetrics.QueueAnswerTime, ContactCenterMetricNames.QueueAnswerTime, "s"),
        Queue(AlertMetrics.ContactsInQueue, ContactCenterMetricNames.QueueContacts, "contacts"),
        Queue(AlertMetrics.AgentsOnline, ContactCenterMetricNames.QueueAgentsOnline, "agents"),
        Queue(AlertMetrics.AgentsAvailable, ContactCenterMetricNames.QueueAgentsAvailable, "agents"),
        Queue(AlertMetrics.AbandonmentRate, ContactCenterMetricNames.QueueAbandonmentRatio, "%", factor: 0.01),
        Queue(AlertMetrics.ServiceLevel, ContactCenterMetricNames.QueueServiceLevelRatio, "%", factor: 0.01),
        Connect(AlertMetrics.MissedCalls, "aws_connect_missed_calls_sum", "calls/min"),
        Connect(AlertMetrics.ContactFlowErrors, "aws_connect_contact_flow_errors_sum", "errors/min"),
        new AlertMetricSource(AlertMetrics.LambdaErrors, MetricOrigin.CloudWatch, "aws_lambda_errors_sum", "errors/min",
            s => $"aws_lambda_errors_sum{{dimension_FunctionName=~{Quote(string.Join('|', s.LambdaFunctions))}}}", s => s, 1),
        Dynamo(AlertMetrics.DynamoDbReadCapacity, "aws_dynamodb_consumed_read_capacity_units_sum", "RCU/s", perSecond: true),
        Dynamo(AlertMetrics.DynamoDbWriteCapacity, "aws_dynamodb_consumed_write_capacity_units_sum", "WCU/s", perSecond: true),
        Dynamo(AlertMetrics.DynamoDbThrottles, "aws_dynamodb_throttled_requests_sum", "requests/min", perSecond: false),
        new AlertMetricSource(AlertMetrics.NegativeSentimentRate, MetricOrigin.External, ContactCenterMetricNames.ExternalNegativeSentimentRatio, "%",
            s => $"{ContactCenterMetricNames.ExternalNegativeSentimentRatio}{{{string.Join(',', InstanceLabels(s))}}}", s => s, 0.01),
    }.ToDictionary(s => s.Metric, StringComparer.Ordinal);

    /// <summary>The CloudWatch (YACE) series every source refers to, for the dashboards test and docs.</summary>
    public static IEnumerable<string> CloudWatchSeries => All.Values.Where(s => s.Origin == MetricOrigin.CloudWatch).Select(s => s.Series);

    /// <summary>True when the expression needs the instance's AWS id (CloudWatch Connect metrics).</summary>
    public bool NeedsInstanceId => Origin == MetricOrigin.CloudWatch && Series.StartsWith("aws_connect_", StringComparison.Ordinal);

    /// <summary>The alert expression: the shaped series compared with the threshold (in the metric's unit).</summary>
    public string Expression(RuleScope scope, string comparison, double threshold)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var op = comparison == AlertComparisons.LessThan ? "<" : ">";
        return $"{Shape(Selector(scope))} {op} {Number(threshold * ThresholdFactor)}";
    }

    /// <summary>How the alert's current value is shown in the description (the expression's value is in the series' unit).</summary>
    public string ValueTemplate => ThresholdFactor == 0.01 ? "{{ $value | humanizePercentage }}" : $"{{{{ $value | humanize }}}} {Unit}";

    /// <summary>A PromQL string literal (double quotes; backslash, quote and newline escaped).</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A PromQL number literal (invariant culture, round-trippable).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static AlertMetricSource Queue(string metric, string series, string unit, Func<string, string>? shape = null, double factor = 1) =>
        new(metric, MetricOrigin.Exporter, series, unit, s => series + "{" + string.Join(',', QueueLabels(s)) + "}", shape ?? (x => x), factor);

    private static IEnumerable<string> QueueLabels(RuleScope s) =>
        s.Queue is null ? InstanceLabels(s) : [.. InstanceLabels(s), $"{ContactCenterLabels.Queue}={Quote(s.Queue)}"];

    private static IEnumerable<string> InstanceLabels(RuleScope s) =>
        [$"{ContactCenterLabels.Namespace}={Quote(s.Namespace)}", $"{ContactCenterLabels.Instance}={Quote(s.Instance)}"];

    private static AlertMetricSource Connect(string metric, string series, string unit) =>
        new(metric, MetricOrigin.CloudWatch, series, unit, s => $"{series}{{dimension_InstanceId={Quote(s.InstanceId ?? "")}}}", x => x, 1);

    private static AlertMetricSource Dynamo(string metric, string series, string unit, bool perSecond) =>
        new(metric, MetricOrigin.CloudWatch, series, unit,
            s => $"sum by (dimension_TableName) ({series}{{dimension_TableName={Quote(s.TableName ?? "")}}})",
            perSecond ? x => $"{x} / 60" : x => x, 1);
}
