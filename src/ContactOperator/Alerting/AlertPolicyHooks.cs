using ContactOperator.Api.Kinds;
using ContactOperator.Reconciliation;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Alerting;

/// <summary>
/// Keeps an AlertPolicy's PrometheusRule (and, with escalation, its AlertmanagerConfig) equal to the rendering of
/// its spec. Both are owned by the policy, so Kubernetes deletes them with it (no finalizer). A cluster without the
/// prometheus-operator CRDs gets a Ready=False condition (PrometheusOperatorNotInstalled) and a slow retry, not a
/// failing controller. Runs on the shared skeleton (<see cref="KindReconciler{TResource,TStatus}"/>).
/// </summary>
public sealed partial class AlertPolicyHooks(
    Func<ObjectKey, ContactInstance?> instances,
    ResourceClient<PrometheusRule> prometheusRules,
    ResourceClient<AlertmanagerConfig> alertmanagerConfigs,
    AlertingOptions options,
    ILogger logger) : IKindHooks<AlertPolicy, AlertPolicyStatus>
{
    public const string ReasonRendered = "Rendered";
    public const string ReasonNotInstalled = "PrometheusOperatorNotInstalled";
    public const string ReasonWaitingForInstance = "WaitingForInstance";

    private readonly RuleRenderer rules = new(options);
    private readonly AlertmanagerConfigRenderer routes = new(options);

    public string? Finalizer => null;

    public bool ReadsFresh => false;

    public bool AddsFinalizer(AlertPolicy resource) => false;

    public AlertPolicyStatus StatusOf(AlertPolicy resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Status ?? new AlertPolicyStatus();
    }

    /// <summary>Never called: without a finalizer the owned objects go with the policy.</summary>
    public Task<ReconcileResult?> FinalizeAsync(ReconcileContext<AlertPolicy, AlertPolicyStatus> context, CancellationToken cancellationToken) =>
        Task.FromResult<ReconcileResult?>(null);

    public async Task<ReconcileResult> SyncAsync(ReconcileContext<AlertPolicy, AlertPolicyStatus> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var policy = context.Resource;
        var instance = instances(new ObjectKey(policy.Metadata.NamespaceProperty, policy.Spec.InstanceRef.Name));
        var inputs = new RuleInputs(
            instance?.Status?.Id is { Length: > 0 } id && Conditions.IsTrue(instance.Status.Conditions, ConditionTypes.Ready) ? id : null,
            [.. (instance?.Spec.LambdaFunctions ?? []).Select(LambdaFunctionName)]);
        PrometheusRule rule;
        try
        {
            rule = rules.Render(policy, inputs);
        }
        catch (RenderException e) when (e.Reason == ReasonWaitingForInstance)
        {
            Set(context, ConditionValue.False(e.Reason, e.Message));
            return ReconcileResult.Done; // the ContactInstance watch wakes the policy when the instance becomes Ready
        }
        catch (RenderException e)
        {
            await context.FailAsync(e.Reason, e.Message, cancellationToken);
            return ReconcileResult.Done;
        }

        try
        {
            await ApplyAsync(context, prometheusRules, rule, (current, desired) => current.Spec = desired.Spec, r => r.Spec, cancellationToken);
            string? alertmanagerConfig = null;
            var configKey = new ObjectKey(rule.Metadata.NamespaceProperty, rule.Metadata.Name);
            if (policy.Spec.Escalation is not null)
            {
                var config = routes.Render(policy);
                await ApplyAsync(context, alertmanagerConfigs, config, (current, desired) => current.Spec = desired.Spec, c => c.Spec, cancellationToken);
                alertmanagerConfig = config.Metadata.Name;
            }
            else if (context.Status.AlertmanagerConfigName is not null && await alertmanagerConfigs.DeleteAsync(configKey, cancellationToken: cancellationToken))
            {
                await context.RecordAsync("Normal", "Deleted", $"deleted AlertmanagerConfig {configKey.Name} (spec.escalation removed)", cancellationToken);
            }

            var rendered = rule.Spec.Groups.SelectMany(g => g.Rules).Select(r => $"{r.Alert}/{r.Labels["severity"]}").ToList();
            context.Status = context.Status with
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
            Set(context, ConditionValue.True(ReasonRendered, message));
            return ReconcileResult.Done;
        }
        catch (ResourceNotFoundException)
        {
            // Creating in a namespace that exists answers 404 only when the kind is not served: no prometheus-operator CRDs.
            LogNotInstalled(logger, policy.Metadata.NamespaceProperty ?? "", policy.Metadata.Name);
            Set(context, ConditionValue.False(ReasonNotInstalled,
                "monitoring.coreos.com PrometheusRule/AlertmanagerConfig are not served by this cluster: install prometheus-operator's CRDs"));
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

    /// <summary>A policy's Synced condition says the same as Ready: rendering is all it does.</summary>
    private static void Set(ReconcileContext<AlertPolicy, AlertPolicyStatus> context, ConditionValue ready)
    {
        context.Ready = ready;
        context.Synced = ready;
    }

    private static async Task ApplyAsync<T, TSpec>(
        ReconcileContext<AlertPolicy, AlertPolicyStatus> context, ResourceClient<T> client, T desired, Action<T, T> copySpec, Func<T, TSpec> spec, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var key = ObjectKey.From(desired);
        var current = await client.TryGetAsync(key, cancellationToken);
        if (current is null)
        {
            await client.CreateAsync(desired, cancellationToken);
            await context.RecordAsync("Normal", "Created", $"created {desired.Kind} {key.Name}", cancellationToken);
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
        await context.RecordAsync("Normal", "Updated", $"updated {desired.Kind} {key.Name} to the policy's rendering", cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AlertPolicy {Namespace}/{Name}: the prometheus-operator CRDs are not installed; retrying later")]
    private static partial void LogNotInstalled(ILogger logger, string @namespace, string name);
}
