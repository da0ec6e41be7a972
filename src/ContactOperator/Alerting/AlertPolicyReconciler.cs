using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Api.Validation;
using ContactOperator.Runtime.Caching;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Alerting;

/// <summary>
/// Keeps an AlertPolicy's PrometheusRule (and, with escalation, its AlertmanagerConfig) equal to the rendering of
/// its spec. Both are owned by the policy, so Kubernetes deletes them with it. A cluster without the
/// prometheus-operator CRDs gets a Ready=False condition (PrometheusOperatorNotInstalled) and a slow retry, not a
/// failing controller.
/// </summary>
public sealed partial class AlertPolicyReconciler(
    ResourceClient<AlertPolicy> policies,
    ResourceInformer<ContactInstance> instances,
    ResourceClient<PrometheusRule> prometheusRules,
    ResourceClient<AlertmanagerConfig> alertmanagerConfigs,
    AlertingOptions options,
    TimeProvider time,
    ILogger logger) : IReconciler<AlertPolicy>
{
    public const string ReasonRendered = "Rendered";
    public const string ReasonNotInstalled = "PrometheusOperatorNotInstalled";

    private readonly RuleRenderer rules = new(options);
    private readonly AlertmanagerConfigRenderer routes = new(options);
    private readonly StatusWriter<AlertPolicy> status = new(policies);
    private readonly AlertPolicyValidator validator = new();

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<AlertPolicy> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Resource is not { } policy || policy.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done; // the owned PrometheusRule and AlertmanagerConfig go with the policy
        }
        var validation = validator.Validate(policy);
        if (!validation.IsValid)
        {
            var message = string.Join("; ", validation.Errors.Select(e => e.ErrorMessage));
            await WriteAsync(policy, policy.Status ?? new AlertPolicyStatus(), ConditionStatus.False, "InvalidSpec", message, cancellationToken);
            throw new TerminalReconcileException(message);
        }

        var instance = instances.Get(new ObjectKey(policy.Metadata.NamespaceProperty, policy.Spec.InstanceRef.Name));
        var inputs = new RuleInputs(
            instance?.Status?.Id is { Length: > 0 } id && Conditions.IsTrue(instance.Status.Conditions, ConditionTypes.Ready) ? id : null,
            [.. (instance?.Spec.LambdaFunctions ?? []).Select(LambdaFunctionName)]);
        PrometheusRule rule;
        try
        {
            rule = rules.Render(policy, inputs);
        }
        catch (RenderException e)
        {
            await WriteAsync(policy, policy.Status ?? new AlertPolicyStatus(), ConditionStatus.False, e.Reason, e.Message, cancellationToken);
            if (e.Reason == "WaitingForInstance")
            {
                return ReconcileResult.Done; // the ContactInstance watch wakes the policy when the instance becomes Ready
            }
            throw new TerminalReconcileException(e.Message);
        }

        try
        {
            await ApplyAsync(prometheusRules, rule, (current, desired) => current.Spec = desired.Spec, r => r.Spec, cancellationToken);
            string? alertmanagerConfig = null;
            var configKey = new ObjectKey(rule.Metadata.NamespaceProperty, rule.Metadata.Name);
            if (policy.Spec.Escalation is not null)
            {
                var config = routes.Render(policy);
                await ApplyAsync(alertmanagerConfigs, config, (current, desired) => current.Spec = desired.Spec, c => c.Spec, cancellationToken);
                alertmanagerConfig = config.Metadata.Name;
            }
            else if (policy.Status?.AlertmanagerConfigName is not null)
            {
                await alertmanagerConfigs.DeleteAsync(configKey, cancellationToken: cancellationToken);
            }

            var rendered = rule.Spec.Groups.SelectMany(g => g.Rules).Select(r => $"{r.Alert}/{r.Labels["severity"]}").ToList();
            var next = (policy.Status ?? new AlertPolicyStatus()) with
            {
                RuleCount = rendered.Count,
                RenderedRules = rendered,
                PrometheusRuleName = rule.Metadata.Name,
                AlertmanagerConfigName = alertmanagerConfig,
            };
            var where = alertmanagerConfig is null
                ? $"PrometheusRule {rule.Metadata.Name}"
                : $"PrometheusRule {rule.Metadata.Name} and AlertmanagerConfig {alertmanagerConfig}";
            var message = $"{rendered.Count} alerting rules in {where}";
            if (policy.Spec.Escalation?.ServiceNow is not null && options.IncidentBridgeUrl is null)
            {
                message += "; ServiceNow escalation not routed: the operator runs without an incident bridge URL (run --incident-bridge-url or CONTACT_OPERATOR_INCIDENT_BRIDGE_URL)";
            }
            await WriteAsync(policy, next, ConditionStatus.True, ReasonRendered, message, cancellationToken);
            return ReconcileResult.Done;
        }
        catch (ResourceNotFoundException)
        {
            // Creating in a namespace that exists answers 404 only when the kind is not served: no prometheus-operator CRDs.
            LogNotInstalled(logger, policy.Metadata.NamespaceProperty ?? "", policy.Metadata.Name);
            await WriteAsync(policy, policy.Status ?? new AlertPolicyStatus(), ConditionStatus.False, ReasonNotInstalled,
                "monitoring.coreos.com PrometheusRule/AlertmanagerConfig are not served by this cluster: install prometheus-operator's CRDs", cancellationToken);
            return ReconcileResult.RequeueAfter(options.MissingCrdRetry);
        }
    }

    /// <summary>The function name inside a Lambda ARN (arn:aws:lambda:region:account:function:NAME[:qualifier]).</summary>
    public static string LambdaFunctionName(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var parts = arn.Split(':');
        return parts.Length >= 7 ? parts[6] : arn;
    }

    private static async Task ApplyAsync<T, TSpec>(ResourceClient<T> client, T desired, Action<T, T> copySpec, Func<T, TSpec> spec, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var key = ObjectKey.From(desired);
        var current = await client.TryGetAsync(key, cancellationToken);
        if (current is null)
        {
            await client.CreateAsync(desired, cancellationToken);
            return;
        }
        var sameSpec = KubernetesJson.Serialize(spec(current)) == KubernetesJson.Serialize(spec(desired));
        var sameLabels = desired.Metadata.Labels.All(l => current.Metadata.Labels?.TryGetValue(l.Key, out var v) == true && v == l.Value);
        if (sameSpec && sameLabels)
        {
            return;
        }
        copySpec(current, desired);
        current.Metadata.Labels ??= new Dictionary<string, string>();
        foreach (var (k, v) in desired.Metadata.Labels)
        {
            current.Metadata.Labels[k] = v;
        }
        current.Metadata.OwnerReferences = desired.Metadata.OwnerReferences;
        await client.ReplaceAsync(current, cancellationToken);
    }

    private async Task WriteAsync(AlertPolicy policy, AlertPolicyStatus next, string ready, string reason, string message, CancellationToken cancellationToken)
    {
        var generation = policy.Metadata.Generation;
        var now = time.GetUtcNow();
        var conditions = Conditions.Set(next.Conditions, ConditionTypes.Ready, ready, reason, message, generation, now);
        conditions = Conditions.Set(conditions, ConditionTypes.Synced, ready == ConditionStatus.True ? ConditionStatus.True : ConditionStatus.False, reason, message, generation, now);
        await status.WriteAsync(policy, next with { Conditions = conditions, ObservedGeneration = generation }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AlertPolicy {Namespace}/{Name}: the prometheus-operator CRDs are not installed; retrying later")]
    private static partial void LogNotInstalled(ILogger logger, string @namespace, string name);
}
