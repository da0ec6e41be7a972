using System.Text;
using System.Text.RegularExpressions;
using ContactOperator.Api.Kinds;
using ContactOperator.Metrics;
using k8s.Models;

namespace ContactOperator.Alerting;

/// <summary>What the renderer needs besides the policy: the instance's AWS id and Lambda functions (for CloudWatch metrics).</summary>
public sealed record RuleInputs(string? InstanceId, IReadOnlyList<string> LambdaFunctions);

/// <summary>A policy that cannot be rendered, with the reason shown in its Ready condition.</summary>
public sealed class RenderException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}

/// <summary>
/// Renders an AlertPolicy into one PrometheusRule: one rule group for the policy, one alerting rule per tier, all
/// tiers of a rule sharing the alert name and told apart by the <c>severity</c> label.
/// </summary>
public sealed partial class RuleRenderer(AlertingOptions options)
{
    /// <summary>
    /// Labels the operator sets on every alert; a policy's own labels cannot override them. <c>namespace</c> is the
    /// policy's: prometheus-operator matches an AlertmanagerConfig's routes on it.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedLabels = new HashSet<string>(StringComparer.Ordinal) { "severity", "namespace", ContactCenterLabels.Instance, "alertpolicy", "alertname" };

    public const string PolicyLabel = "alertpolicy";

    public static string AlertName(AlertRuleSpec rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var name = new StringBuilder("ContactCenter");
        foreach (var part in rule.Name.Split('-', StringSplitOptions.RemoveEmptyEntries))
        {
            name.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }
        return name.ToString();
    }

    public static string GroupName(AlertPolicy policy) => $"contact-center.{policy.Metadata.NamespaceProperty}.{policy.Metadata.Name}";

    public PrometheusRule Render(AlertPolicy policy, RuleInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(inputs);
        CheckLabels(policy.Spec.Labels);
        var ns = policy.Metadata.NamespaceProperty ?? "default";
        var rules = new List<AlertingRule>();
        for (var i = 0; i < policy.Spec.Rules.Count; i++)
        {
            var rule = policy.Spec.Rules[i];
            var source = AlertMetricSource.All.GetValueOrDefault(rule.Metric)
                ?? throw new RenderException("InvalidSpec", $"spec.rules[{i}].metric {rule.Metric} is not a known metric");
            if (source.NeedsInstanceId && inputs.InstanceId is null)
            {
                throw new RenderException(AlertPolicyHooks.ReasonWaitingForInstance, $"spec.rules[{i}] ({rule.Metric}) needs the AWS id of ContactInstance {policy.Spec.InstanceRef.Name}, which is not Ready yet");
            }
            var functions = rule.FunctionName is { } fn ? [fn] : inputs.LambdaFunctions;
            if (rule.Metric == AlertMetrics.LambdaErrors && functions.Count == 0)
            {
                throw new RenderException("InvalidSpec", $"spec.rules[{i}] (LambdaErrors) names no functionName and ContactInstance {policy.Spec.InstanceRef.Name} has no lambdaFunctions");
            }
            var scope = new RuleScope(ns, policy.Spec.InstanceRef.Name, inputs.InstanceId, rule.QueueRef?.Name, functions, rule.TableName);
            foreach (var tier in rule.Tiers.OrderBy(t => AlertSeverities.Rank(t.Severity)))
            {
                rules.Add(Tier(policy, ns, rule, source, scope, tier));
            }
        }

        return new PrometheusRule
        {
            Metadata = new V1ObjectMeta
            {
                Name = ResourceName(policy),
                NamespaceProperty = ns,
                Labels = OwnedLabels(policy, policy.Spec.RuleLabels),
                OwnerReferences = [Owner(policy)],
            },
            Spec = new PrometheusRuleSpec { Groups = [new RuleGroup { Name = GroupName(policy), Rules = rules }] },
        };
    }

    /// <summary>The name of the generated objects: the policy's own.</summary>
    public static string ResourceName(AlertPolicy policy) => policy.Metadata.Name;

    public static V1OwnerReference Owner(AlertPolicy policy) => new()
    {
        ApiVersion = policy.ApiVersion,
        Kind = policy.Kind,
        Name = policy.Metadata.Name,
        Uid = policy.Metadata.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    public static Dictionary<string, string> OwnedLabels(AlertPolicy policy, IDictionary<string, string>? extra)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app.kubernetes.io/managed-by"] = "contact-operator",
            ["connect.contact-operator.io/alertpolicy"] = policy.Metadata.Name,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }
        return labels;
    }

    private AlertingRule Tier(AlertPolicy policy, string ns, AlertRuleSpec rule, AlertMetricSource source, RuleScope scope, AlertTierSpec tier)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in policy.Spec.Labels ?? new Dictionary<string, string>())
        {
            labels[key] = TemplateLiteral(value);
        }
        labels["severity"] = tier.Severity;
        labels["namespace"] = ns;
        labels[ContactCenterLabels.Instance] = policy.Spec.InstanceRef.Name;
        labels[PolicyLabel] = policy.Metadata.Name;

        var direction = rule.Comparison == AlertComparisons.LessThan ? "below" : "above";
        var threshold = $"{AlertMetricSource.Number(tier.Threshold)} {source.Unit}";
        var where = scope.Queue is { } queue ? $"queue {queue} of {scope.Instance}" : source.Origin == MetricOrigin.Exporter ? $"queue {{{{ $labels.queue }}}} of {scope.Instance}" : scope.Instance;
        return new AlertingRule
        {
            Alert = AlertName(rule),
            Expr = source.Expression(scope, rule.Comparison, tier.Threshold),
            For = tier.For,
            Labels = labels,
            Annotations = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["summary"] = $"{rule.Metric} {direction} {threshold} on {where} ({tier.Severity})",
                ["description"] = $"{rule.Metric} of {where} is {source.ValueTemplate}, {direction} the {tier.Severity} threshold of {threshold}"
                    + (tier.For is null ? "." : $" for {tier.For}.") + $" AlertPolicy {ns}/{policy.Metadata.Name}, rule {rule.Name}.",
                ["runbook_url"] = $"{options.RunbookBaseUrl}#{rule.Metric.ToLowerInvariant()}",
            },
        };
    }

    /// <summary>
    /// Prometheus expands alert label and annotation values as Go templates, so a user's "{{" would break the rule
    /// group; it is written as the template that prints "{{".
    /// </summary>
    public static string TemplateLiteral(string value) =>
        (value ?? throw new ArgumentNullException(nameof(value))).Replace("{{", "{{ \"{{\" }}", StringComparison.Ordinal);

    private static void CheckLabels(IDictionary<string, string>? labels)
    {
        foreach (var key in labels?.Keys ?? [])
        {
            if (!LabelName().IsMatch(key))
            {
                throw new RenderException("InvalidSpec", $"spec.labels key '{key}' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)");
            }
            if (ReservedLabels.Contains(key))
            {
                throw new RenderException("InvalidSpec", $"spec.labels key '{key}' is set by the operator and cannot be overridden");
            }
        }
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();
}
