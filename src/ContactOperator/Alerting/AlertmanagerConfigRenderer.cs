using ContactOperator.Api.Kinds;
using ContactOperator.Metrics;
using k8s.Models;
using ContactOperator.Incidents;

namespace ContactOperator.Alerting;

/// <summary>
/// Renders a policy's escalation into an AlertmanagerConfig: its alerts (matched by the <c>alertpolicy</c> label)
/// are routed by severity to SNS and/or the operator's incident bridge. Each (severity, target) pair is a route
/// with <c>continue</c>, so a critical alert can reach both; the ServiceNow route waits the escalation delay
/// (group wait) before its first notification, and the bridge checks the delay again against the alert's start.
/// </summary>
public sealed class AlertmanagerConfigRenderer(AlertingOptions options)
{
    public const string NoneReceiver = "none";
    public const string SnsReceiver = "sns";
    public const string ServiceNowReceiver = "servicenow";
    public const string DefaultEscalationDelay = "15m";

    /// <summary>The (severity, targets) pairs the escalation asks for, highest severity first.</summary>
    public static IReadOnlyList<(string Severity, IReadOnlyList<string> Targets)> Routes(EscalationSpec escalation)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        if (escalation.Routes is { Count: > 0 } routes)
        {
            return [.. routes.OrderByDescending(r => AlertSeverities.Rank(r.Severity)).Select(r => (r.Severity, (IReadOnlyList<string>)[.. r.Targets.Distinct(StringComparer.Ordinal)]))];
        }
        var minimum = AlertSeverities.Rank(escalation.MinimumSeverity ?? AlertSeverities.Critical);
        var configured = new List<string>();
        if (escalation.SnsTopicArn is not null)
        {
            configured.Add(EscalationTargets.Sns);
        }
        if (escalation.ServiceNow is not null)
        {
            configured.Add(EscalationTargets.ServiceNow);
        }
        return [.. new[] { AlertSeverities.Critical, AlertSeverities.Warning, AlertSeverities.Info }
            .Where(s => AlertSeverities.Rank(s) >= minimum).Select(s => (s, (IReadOnlyList<string>)configured))];
    }

    public AlertmanagerConfig Render(AlertPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var escalation = policy.Spec.Escalation ?? throw new ArgumentException("the policy has no escalation", nameof(policy));
        var ns = policy.Metadata.NamespaceProperty ?? "default";
        var receivers = new List<AlertmanagerReceiver> { new() { Name = NoneReceiver } };
        if (escalation.SnsTopicArn is { } topic)
        {
            receivers.Add(new AlertmanagerReceiver
            {
                Name = SnsReceiver,
                SnsConfigs =
                [
                    new SnsConfig
                    {
                        TopicArn = topic,
                        Sigv4 = new SnsSigv4 { Region = topic.Split(':')[3] },
                        Subject = "[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.severity }})",
                    },
                ],
            });
        }
        var serviceNow = escalation.ServiceNow is not null && options.IncidentBridgeUrl is not null;
        if (serviceNow)
        {
            receivers.Add(new AlertmanagerReceiver
            {
                Name = ServiceNowReceiver,
                WebhookConfigs = [new WebhookConfig { Url = new Uri(options.IncidentBridgeUrl!, IncidentBridgeServer.PathFor(ns, policy.Metadata.Name)).ToString() }],
            });
        }

        var routes = new List<AlertmanagerRoute>();
        foreach (var (severity, targets) in Routes(escalation))
        {
            foreach (var target in targets)
            {
                var isServiceNow = target == EscalationTargets.ServiceNow;
                if (isServiceNow && !serviceNow)
                {
                    continue;
                }
                routes.Add(new AlertmanagerRoute
                {
                    Receiver = isServiceNow ? ServiceNowReceiver : SnsReceiver,
                    Matchers = [new AlertmanagerMatcher { Name = "severity", Value = severity }],
                    GroupWait = isServiceNow ? escalation.ServiceNow!.EscalationDelay ?? DefaultEscalationDelay : null,
                    Continue = true,
                });
            }
        }

        return new AlertmanagerConfig
        {
            Metadata = new V1ObjectMeta
            {
                Name = RuleRenderer.ResourceName(policy),
                NamespaceProperty = ns,
                Labels = RuleRenderer.OwnedLabels(policy, policy.Spec.RuleLabels),
                OwnerReferences = [RuleRenderer.Owner(policy)],
            },
            Spec = new AlertmanagerConfigSpec
            {
                Route = new AlertmanagerRoute
                {
                    Receiver = NoneReceiver,
                    GroupBy = ["alertname", "severity", ContactCenterLabels.Instance, ContactCenterLabels.Queue],
                    Matchers = [new AlertmanagerMatcher { Name = RuleRenderer.PolicyLabel, Value = policy.Metadata.Name }],
                    Routes = routes,
                },
                Receivers = receivers,
            },
        };
    }
}
