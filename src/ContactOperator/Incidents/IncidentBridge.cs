using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ContactOperator.Api.Kinds;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Incidents;

/// <summary>What the bridge did with one notification.</summary>
public enum IncidentOutcome
{
    /// <summary>Firing, but no alert has been firing for the escalation delay yet.</summary>
    Deferred,
    Created,
    Updated,
    Resolved,

    /// <summary>Resolved, and no open incident for the group.</summary>
    NothingToResolve,
}

/// <summary>The ServiceNow settings of a policy and its credentials, looked up per notification.</summary>
public sealed record IncidentTarget(ServiceNowSpec ServiceNow, ServiceNowCredentials Credentials);

/// <summary>A notification the bridge refuses (unknown policy, no ServiceNow escalation, missing Secret).</summary>
public sealed class IncidentTargetException(string message) : Exception(message);

/// <summary>
/// Turns Alertmanager notifications into ServiceNow incidents: one incident per alert group, found again through
/// the group key's hash stored in the incident's <c>correlation_id</c> (so a restarted operator updates the same
/// incident instead of opening a second one), a work note on every repeat, resolved when the group resolves.
/// </summary>
public sealed partial class IncidentBridge(
    Func<string, string, CancellationToken, Task<IncidentTarget>> resolveTarget,
    Func<IncidentTarget, ServiceNowClient> clientFor,
    TimeProvider time,
    ILogger logger)
{
    public const string CloseCode = "Solution provided";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> groups = new(StringComparer.Ordinal);

    /// <summary>The correlation id of an alert group: a hash of its group key (group keys can exceed the field's 100 characters).</summary>
    public static string CorrelationId(string groupKey) =>
        "alertmanager:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(groupKey)))[..40];

    public async Task<IncidentOutcome> HandleAsync(string @namespace, string policy, AlertmanagerNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var target = await resolveTarget(@namespace, policy, cancellationToken);
        var client = clientFor(target);
        var correlation = CorrelationId(notification.GroupKey);
        var gate = groups.GetOrAdd(correlation, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var open = await client.FindOpenAsync(correlation, cancellationToken);
            if (notification.Status == "resolved")
            {
                if (open is null)
                {
                    return IncidentOutcome.NothingToResolve;
                }
                await client.UpdateAsync(open.SysId, new JsonObject
                {
                    ["state"] = ServiceNowClient.ResolvedState,
                    ["close_code"] = CloseCode,
                    ["close_notes"] = $"Alertmanager reports the alert group resolved.\n{Summary(notification)}",
                }, cancellationToken);
                LogIncident(logger, "Resolved", open.Number, @namespace, policy);
                return IncidentOutcome.Resolved;
            }

            if (open is not null)
            {
                await client.UpdateAsync(open.SysId, new JsonObject
                {
                    ["work_notes"] = $"Still firing at {time.GetUtcNow():u}:\n{Summary(notification)}",
                    ["urgency"] = Urgency(notification),
                    ["impact"] = Urgency(notification),
                }, cancellationToken);
                LogIncident(logger, "Updated", open.Number, @namespace, policy);
                return IncidentOutcome.Updated;
            }

            var delay = EscalationDelay(target.ServiceNow);
            var due = time.GetUtcNow() - delay;
            if (!notification.Alerts.Any(a => a.Status == "firing" && a.StartsAt <= due))
            {
                LogDeferred(logger, @namespace, policy, delay.TotalSeconds);
                return IncidentOutcome.Deferred;
            }

            var fields = new JsonObject
            {
                ["short_description"] = Truncate(notification.CommonAnnotations?.GetValueOrDefault("summary")
                    ?? notification.CommonLabels?.GetValueOrDefault("alertname") ?? "Contact-center alert", 160),
                ["description"] = Summary(notification),
                ["urgency"] = Urgency(notification),
                ["impact"] = Urgency(notification),
                ["correlation_display"] = "Alertmanager",
            };
            if (target.ServiceNow.AssignmentGroup is { } group)
            {
                fields["assignment_group"] = group;
            }
            var created = await client.CreateAsync(correlation, fields, cancellationToken);
            LogIncident(logger, "Created", created.Number, @namespace, policy);
            return IncidentOutcome.Created;
        }
        finally
        {
            gate.Release();
        }
    }

    public static TimeSpan EscalationDelay(ServiceNowSpec serviceNow)
    {
        ArgumentNullException.ThrowIfNull(serviceNow);
        return PrometheusDuration.Parse(serviceNow.EscalationDelay ?? "15m") ?? throw new FormatException($"'{serviceNow.EscalationDelay}' is not a Prometheus duration");
    }

    private static string Urgency(AlertmanagerNotification notification)
    {
        var highest = notification.Alerts.Where(a => a.Status == "firing")
            .Select(a => AlertSeverities.Rank(a.Labels.GetValueOrDefault("severity") ?? "")).DefaultIfEmpty(-1).Max();
        return highest switch
        {
            2 => "1",
            1 => "2",
            _ => "3",
        };
    }

    private static string Summary(AlertmanagerNotification notification)
    {
        var text = new StringBuilder();
        foreach (var alert in notification.Alerts)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{alert.Status}] {alert.Labels.GetValueOrDefault("alertname")} ({alert.Labels.GetValueOrDefault("severity")})");
            if ((alert.Annotations.GetValueOrDefault("description") ?? alert.Annotations.GetValueOrDefault("summary")) is { } detail)
            {
                text.Append(": ").Append(detail);
            }
            text.Append(CultureInfo.InvariantCulture, $" since {alert.StartsAt:u}");
            if (alert.Annotations.GetValueOrDefault("runbook_url") is { } runbook)
            {
                text.Append(" runbook: ").Append(runbook);
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} ServiceNow incident {Number} for AlertPolicy {Namespace}/{Policy}")]
    private static partial void LogIncident(ILogger logger, string action, string number, string @namespace, string policy);

    [LoggerMessage(Level = LogLevel.Information, Message = "AlertPolicy {Namespace}/{Policy}: alert group not firing for the {DelaySeconds} s escalation delay yet; no incident")]
    private static partial void LogDeferred(ILogger logger, string @namespace, string policy, double delaySeconds);
}
