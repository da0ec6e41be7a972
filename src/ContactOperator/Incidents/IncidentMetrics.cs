using Prometheus;

namespace ContactOperator.Incidents;

/// <summary>
/// What the incident bridge did with Alertmanager's notifications, so a broken escalation path raises the operator's
/// own alert (ContactOperatorIncidentBridgeFailing) instead of going unnoticed until an incident is missed.
/// </summary>
public sealed class IncidentMetrics
{
    public const string NotificationsName = "contact_operator_incident_notifications_total";

    /// <summary>ServiceNow refused or did not answer; Alertmanager retries the notification.</summary>
    public const string ServiceNowError = "servicenow_error";

    /// <summary>No such AlertPolicy, no ServiceNow escalation on it, or its credentials Secret is missing.</summary>
    public const string Refused = "refused";

    /// <summary>The body was not an Alertmanager webhook notification.</summary>
    public const string Invalid = "invalid";

    private readonly Counter notifications;

    public IncidentMetrics(CollectorRegistry registry)
    {
        notifications = Prometheus.Metrics.WithCustomRegistry(registry).CreateCounter(
            NotificationsName,
            "Alertmanager notifications the incident bridge handled, by outcome: created, updated, resolved, nothing_to_resolve, "
            + "deferred (firing for less than the escalation delay), servicenow_error, refused or invalid.",
            new CounterConfiguration { LabelNames = ["outcome"] });
        foreach (var outcome in Enum.GetValues<IncidentOutcome>().Select(Label).Concat([ServiceNowError, Refused, Invalid]))
        {
            notifications.WithLabels(outcome);
        }
    }

    public void Handled(IncidentOutcome outcome) => notifications.WithLabels(Label(outcome)).Inc();

    public void Failed(string outcome) => notifications.WithLabels(outcome).Inc();

    private static string Label(IncidentOutcome outcome) => outcome switch
    {
        IncidentOutcome.Deferred => "deferred",
        IncidentOutcome.Created => "created",
        IncidentOutcome.Updated => "updated",
        IncidentOutcome.Resolved => "resolved",
        _ => "nothing_to_resolve",
    };
}
