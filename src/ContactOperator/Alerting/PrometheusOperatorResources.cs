using System.Text.Json.Serialization;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;

namespace ContactOperator.Alerting;

/// <summary>The prometheus-operator kinds the AlertPolicy controller writes, with only the fields it sets.</summary>
public static class PrometheusOperatorKinds
{
    public const string Group = "monitoring.coreos.com";

    public static readonly ResourceDescriptor<PrometheusRule> PrometheusRule = new(Group, "v1", "prometheusrules", "PrometheusRule");

    public static readonly ResourceDescriptor<AlertmanagerConfig> AlertmanagerConfig = new(Group, "v1alpha1", "alertmanagerconfigs", "AlertmanagerConfig");
}

/// <summary>monitoring.coreos.com/v1 PrometheusRule.</summary>
public sealed class PrometheusRule : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "monitoring.coreos.com/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "PrometheusRule";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public PrometheusRuleSpec Spec { get; set; } = new() { Groups = [] };
}

public sealed record PrometheusRuleSpec
{
    [JsonPropertyName("groups")]
    public required IReadOnlyList<RuleGroup> Groups { get; init; }
}

public sealed record RuleGroup
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("interval")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Interval { get; init; }

    [JsonPropertyName("rules")]
    public required IReadOnlyList<AlertingRule> Rules { get; init; }
}

public sealed record AlertingRule
{
    [JsonPropertyName("alert")]
    public required string Alert { get; init; }

    [JsonPropertyName("expr")]
    public required string Expr { get; init; }

    [JsonPropertyName("for")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? For { get; init; }

    [JsonPropertyName("labels")]
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    [JsonPropertyName("annotations")]
    public required IReadOnlyDictionary<string, string> Annotations { get; init; }
}

/// <summary>monitoring.coreos.com/v1alpha1 AlertmanagerConfig.</summary>
public sealed class AlertmanagerConfig : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "monitoring.coreos.com/v1alpha1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "AlertmanagerConfig";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public AlertmanagerConfigSpec Spec { get; set; } = new() { Route = new() { Receiver = "" }, Receivers = [] };
}

public sealed record AlertmanagerConfigSpec
{
    [JsonPropertyName("route")]
    public required AlertmanagerRoute Route { get; init; }

    [JsonPropertyName("receivers")]
    public required IReadOnlyList<AlertmanagerReceiver> Receivers { get; init; }
}

public sealed record AlertmanagerRoute
{
    [JsonPropertyName("receiver")]
    public required string Receiver { get; init; }

    [JsonPropertyName("groupBy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? GroupBy { get; init; }

    [JsonPropertyName("groupWait")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GroupWait { get; init; }

    [JsonPropertyName("groupInterval")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GroupInterval { get; init; }

    [JsonPropertyName("repeatInterval")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RepeatInterval { get; init; }

    [JsonPropertyName("matchers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AlertmanagerMatcher>? Matchers { get; init; }

    [JsonPropertyName("continue")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Continue { get; init; }

    [JsonPropertyName("routes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AlertmanagerRoute>? Routes { get; init; }
}

public sealed record AlertmanagerMatcher
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("value")]
    public required string Value { get; init; }

    [JsonPropertyName("matchType")]
    public string MatchType { get; init; } = "=";
}

public sealed record AlertmanagerReceiver
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("snsConfigs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SnsConfig>? SnsConfigs { get; init; }

    [JsonPropertyName("webhookConfigs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<WebhookConfig>? WebhookConfigs { get; init; }
}

public sealed record SnsConfig
{
    [JsonPropertyName("topicARN")]
    public required string TopicArn { get; init; }

    [JsonPropertyName("sigv4")]
    public required SnsSigv4 Sigv4 { get; init; }

    [JsonPropertyName("subject")]
    public required string Subject { get; init; }

    [JsonPropertyName("sendResolved")]
    public bool SendResolved { get; init; } = true;
}

public sealed record SnsSigv4
{
    [JsonPropertyName("region")]
    public required string Region { get; init; }
}

public sealed record WebhookConfig
{
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("sendResolved")]
    public bool SendResolved { get; init; } = true;
}
