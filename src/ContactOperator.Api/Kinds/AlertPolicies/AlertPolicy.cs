using System.ComponentModel.DataAnnotations;
using ContactOperator.Api.Common;
using ContactOperator.Api.Schema;
using ContactOperator.Api.Validation;
using k8s.Models;

namespace ContactOperator.Api.Kinds;

/// <summary>Contact-center alert thresholds, turned into Prometheus alerting rules with tiered severities and escalation.</summary>
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = "alertpolicies")]
[ShortNames("cap")]
[PrinterColumn("Ready", "string", CommonColumns.ReadyPath)]
[PrinterColumn("Rules", "integer", ".status.ruleCount")]
[PrinterColumn("Age", "date", CommonColumns.AgePath)]
public sealed class AlertPolicy() : CustomResource<AlertPolicySpec, AlertPolicyStatus>(KindName, new AlertPolicySpec { InstanceRef = new() { Name = "" }, Rules = [] })
{
    public const string KindName = "AlertPolicy";

    private static readonly AlertPolicyValidator Validator = new();

    public override FluentValidation.Results.ValidationResult Validate() => Validator.Validate(this);
}

/// <summary>Desired alerting for one instance.</summary>
public sealed record AlertPolicySpec
{
    /// <summary>The ContactInstance whose metrics are watched.</summary>
    public required ResourceReference InstanceRef { get; init; }

    /// <summary>Alert rules; names unique within the policy.</summary>
    [MinLength(1)]
    [MaxLength(100)]
    public required IList<AlertRuleSpec> Rules { get; init; }

    /// <summary>Where firing alerts are escalated.</summary>
    public EscalationSpec? Escalation { get; init; }

    /// <summary>Labels added to every generated alert (for example team or service).</summary>
    public IDictionary<string, string>? Labels { get; init; }

    /// <summary>Labels on the generated PrometheusRule object, so that Prometheus' ruleSelector picks it up (for example release: kube-prometheus-stack).</summary>
    public IDictionary<string, string>? RuleLabels { get; init; }
}

/// <summary>One watched metric with its severity tiers.</summary>
public sealed record AlertRuleSpec
{
    /// <summary>Rule name, used in the alert name.</summary>
    [StringLength(63, MinimumLength = 1)]
    [RegularExpression(@"^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    public required string Name { get; init; }

    /// <summary>
    /// The metric and its threshold unit: CallVolume (contacts created per minute), ConcurrentCalls (calls), ConcurrencyUtilization
    /// (percent of the concurrent-calls quota), OldestContactAge and QueueAnswerTime (seconds), ContactsInQueue, AgentsOnline and
    /// AgentsAvailable (count), AbandonmentRate and ServiceLevel (percent), MissedCalls, ContactFlowErrors and LambdaErrors (per minute),
    /// DynamoDbReadCapacity and DynamoDbWriteCapacity (consumed capacity units per second), DynamoDbThrottles (throttled requests per
    /// minute) or NegativeSentimentRate (percent).
    /// </summary>
    [AllowedValues(AlertMetrics.CallVolume, AlertMetrics.ConcurrentCalls, AlertMetrics.ConcurrencyUtilization, AlertMetrics.OldestContactAge,
        AlertMetrics.QueueAnswerTime, AlertMetrics.ContactsInQueue, AlertMetrics.AgentsOnline, AlertMetrics.AgentsAvailable,
        AlertMetrics.AbandonmentRate, AlertMetrics.ServiceLevel, AlertMetrics.MissedCalls, AlertMetrics.ContactFlowErrors, AlertMetrics.LambdaErrors,
        AlertMetrics.DynamoDbReadCapacity, AlertMetrics.DynamoDbWriteCapacity, AlertMetrics.DynamoDbThrottles, AlertMetrics.NegativeSentimentRate)]
    public required string Metric { get; init; }

    /// <summary>For LambdaErrors: the function name; unset means every Lambda function associated with the instance.</summary>
    [StringLength(64, MinimumLength = 1)]
    [RegularExpression(@"^[a-zA-Z0-9-_]+$")]
    public string? FunctionName { get; init; }

    /// <summary>For the DynamoDb metrics: the table name (required for them).</summary>
    [StringLength(255, MinimumLength = 3)]
    [RegularExpression(@"^[a-zA-Z0-9_.-]+$")]
    public string? TableName { get; init; }

    /// <summary>Restrict a queue metric to one Queue; unset means every queue of the instance.</summary>
    public ResourceReference? QueueRef { get; init; }

    /// <summary>How the metric is compared with the thresholds: GreaterThan or LessThan.</summary>
    [AllowedValues(AlertComparisons.GreaterThan, AlertComparisons.LessThan)]
    public required string Comparison { get; init; }

    /// <summary>Severity tiers, each with its own threshold and duration; severities unique, thresholds escalating.</summary>
    [MinLength(1)]
    [MaxLength(4)]
    public required IList<AlertTierSpec> Tiers { get; init; }
}

/// <summary>One severity level of a rule.</summary>
public sealed record AlertTierSpec
{
    /// <summary>info, warning or critical.</summary>
    [AllowedValues(AlertSeverities.Info, AlertSeverities.Warning, AlertSeverities.Critical)]
    public required string Severity { get; init; }

    /// <summary>The threshold, in the metric's unit (see metric: seconds, count, percent 0–100, or events per minute).</summary>
    public required double Threshold { get; init; }

    /// <summary>How long the condition must hold before the alert fires, as a Prometheus duration (for example 5m).</summary>
    [RegularExpression(PrometheusDuration.Pattern)]
    public string? For { get; init; }
}

/// <summary>Escalation targets.</summary>
public sealed record EscalationSpec
{
    /// <summary>SNS topic that receives firing alerts.</summary>
    [RegularExpression(AwsPatterns.SnsTopicArn)]
    public string? SnsTopicArn { get; init; }

    /// <summary>ServiceNow incident creation.</summary>
    public ServiceNowSpec? ServiceNow { get; init; }

    /// <summary>Lowest severity that escalates to every configured target: info, warning or critical (default critical). Ignored when routes are set.</summary>
    [AllowedValues(AlertSeverities.Info, AlertSeverities.Warning, AlertSeverities.Critical)]
    public string? MinimumSeverity { get; init; }

    /// <summary>Per-severity targets, for example warning to SNS only and critical to SNS and ServiceNow.</summary>
    [MaxLength(3)]
    public IList<EscalationRouteSpec>? Routes { get; init; }
}

/// <summary>Where alerts of one severity go.</summary>
public sealed record EscalationRouteSpec
{
    /// <summary>info, warning or critical.</summary>
    [AllowedValues(AlertSeverities.Info, AlertSeverities.Warning, AlertSeverities.Critical)]
    public required string Severity { get; init; }

    /// <summary>Targets: Sns and/or ServiceNow (each must be configured in the escalation).</summary>
    [MinLength(1)]
    [MaxLength(2)]
    [ItemPattern("^(Sns|ServiceNow)$")]
    public required IList<string> Targets { get; init; }
}

/// <summary>Escalation targets a route can name.</summary>
public static class EscalationTargets
{
    public const string Sns = "Sns";
    public const string ServiceNow = "ServiceNow";
}

/// <summary>A ServiceNow instance that receives incidents.</summary>
public sealed record ServiceNowSpec
{
    /// <summary>Base URL of the ServiceNow instance (https).</summary>
    [RegularExpression(@"^https://[^\s/]+(/.*)?$")]
    public required string InstanceUrl { get; init; }

    /// <summary>Assignment group for created incidents.</summary>
    [StringLength(100, MinimumLength = 1)]
    public string? AssignmentGroup { get; init; }

    /// <summary>Secret key holding the ServiceNow credentials (user:password or an OAuth token).</summary>
    public required SecretKeyReference CredentialsSecretRef { get; init; }

    /// <summary>How long an alert must keep firing before an incident is opened, as a Prometheus duration (default 15m).</summary>
    [RegularExpression(PrometheusDuration.Pattern)]
    public string? EscalationDelay { get; init; }
}

/// <summary>Observed state of an alert policy.</summary>
public sealed record AlertPolicyStatus : ResourceStatus
{
    /// <summary>Number of Prometheus alerting rules generated.</summary>
    public int? RuleCount { get; set; }

    /// <summary>The generated alerting rules, as alert name and severity (for example ContactCenterBillingWait/critical).</summary>
    public IList<string>? RenderedRules { get; set; }

    /// <summary>The PrometheusRule (monitoring.coreos.com/v1) holding the rules, in this namespace.</summary>
    public string? PrometheusRuleName { get; set; }

    /// <summary>The AlertmanagerConfig (monitoring.coreos.com/v1alpha1) routing them, in this namespace, when escalation is set.</summary>
    public string? AlertmanagerConfigName { get; set; }
}

/// <summary>The closed set of metrics an alert rule can watch.</summary>
public static class AlertMetrics
{
    public const string CallVolume = "CallVolume";
    public const string ConcurrentCalls = "ConcurrentCalls";
    public const string QueueAnswerTime = "QueueAnswerTime";
    public const string MissedCalls = "MissedCalls";
    public const string ContactFlowErrors = "ContactFlowErrors";
    public const string DynamoDbReadCapacity = "DynamoDbReadCapacity";
    public const string DynamoDbWriteCapacity = "DynamoDbWriteCapacity";
    public const string DynamoDbThrottles = "DynamoDbThrottles";
    public const string OldestContactAge = "OldestContactAge";
    public const string ContactsInQueue = "ContactsInQueue";
    public const string AbandonmentRate = "AbandonmentRate";
    public const string ServiceLevel = "ServiceLevel";
    public const string AgentsOnline = "AgentsOnline";
    public const string AgentsAvailable = "AgentsAvailable";
    public const string ConcurrencyUtilization = "ConcurrencyUtilization";
    public const string LambdaErrors = "LambdaErrors";
    public const string NegativeSentimentRate = "NegativeSentimentRate";

    /// <summary>Every metric, in documentation order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        CallVolume, ConcurrentCalls, ConcurrencyUtilization, OldestContactAge, QueueAnswerTime, ContactsInQueue, AgentsOnline, AgentsAvailable,
        AbandonmentRate, ServiceLevel, MissedCalls, ContactFlowErrors, LambdaErrors, DynamoDbReadCapacity, DynamoDbWriteCapacity, DynamoDbThrottles,
        NegativeSentimentRate,
    ];

    /// <summary>Metrics measured per queue; only these accept a queueRef.</summary>
    public static readonly IReadOnlySet<string> QueueScoped = new HashSet<string>(StringComparer.Ordinal)
    {
        CallVolume, OldestContactAge, QueueAnswerTime, ContactsInQueue, AbandonmentRate, ServiceLevel, AgentsOnline, AgentsAvailable,
    };

    /// <summary>Metrics of one DynamoDB table; these need a tableName.</summary>
    public static readonly IReadOnlySet<string> DynamoDb = new HashSet<string>(StringComparer.Ordinal)
    {
        DynamoDbReadCapacity, DynamoDbWriteCapacity, DynamoDbThrottles,
    };

    /// <summary>Metrics expressed as a percentage (0–100).</summary>
    public static readonly IReadOnlySet<string> Percentages = new HashSet<string>(StringComparer.Ordinal)
    {
        AbandonmentRate, ServiceLevel, ConcurrencyUtilization, NegativeSentimentRate,
    };
}

/// <summary>Comparison operators of an alert rule.</summary>
public static class AlertComparisons
{
    public const string GreaterThan = "GreaterThan";
    public const string LessThan = "LessThan";
}

/// <summary>Alert severities, lowest first.</summary>
public static class AlertSeverities
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Critical = "critical";

    public static int Rank(string severity) => severity switch
    {
        Info => 0,
        Warning => 1,
        Critical => 2,
        _ => -1,
    };
}

/// <summary>Prometheus duration syntax (1h30m, 15m, 90s, 500ms), as specs write durations.</summary>
public static partial class PrometheusDuration
{
    public const string Pattern = @"^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$";

    /// <summary>The duration <paramref name="text"/> names, or null when it is empty or not a Prometheus duration.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || Regex().Match(text) is not { Success: true } match)
        {
            return null;
        }
        long Part(int group) => match.Groups[group].Success ? long.Parse(match.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return TimeSpan.FromDays((Part(2) * 365) + (Part(4) * 7) + Part(6)) + TimeSpan.FromHours(Part(8)) + TimeSpan.FromMinutes(Part(10))
            + TimeSpan.FromSeconds(Part(12)) + TimeSpan.FromMilliseconds(Part(14));
    }

    [System.Text.RegularExpressions.GeneratedRegex(Pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Regex();
}
