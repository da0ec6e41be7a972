namespace ContactOperator.Alerting;

/// <summary>Settings of the AlertPolicy controller.</summary>
public sealed record AlertingOptions
{
    /// <summary>Where each alert's runbook_url points; the metric name (lower case) is appended as the fragment.</summary>
    public string RunbookBaseUrl { get; init; } = "https://github.com/contact-operator/contact-operator/blob/main/docs/alerting.md";

    /// <summary>
    /// The incident bridge as Alertmanager reaches it (the operator's Service), for example
    /// http://contact-operator.contact-operator-system.svc:8082. Null leaves ServiceNow escalation unrendered.
    /// </summary>
    public Uri? IncidentBridgeUrl { get; init; }

    /// <summary>How long to wait before looking again when the prometheus-operator CRDs are missing.</summary>
    public TimeSpan MissingCrdRetry { get; init; } = TimeSpan.FromMinutes(5);
}
