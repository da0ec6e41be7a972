using ContactOperator.Incidents;
using ContactOperator.Metrics;

namespace ContactOperator.Alerting;

/// <summary>What the AlertPolicy module runs besides the controller: the exporter, the incident bridge, and the controller's own options.</summary>
public sealed record AlertingSettings
{
    public ExporterOptions Exporter { get; init; } = new();

    public AlertingOptions Alerting { get; init; } = new();

    public IncidentBridgeOptions IncidentBridge { get; init; } = new();

    /// <summary>
    /// Settings from the environment: CONTACT_OPERATOR_EXPORTER_INTERVAL and _EXPORTER_WINDOW (seconds; interval 0 turns
    /// the exporter off), CONTACT_OPERATOR_INCIDENT_BRIDGE_PORT, CONTACT_OPERATOR_INCIDENT_BRIDGE_URL (how Alertmanager
    /// reaches the bridge) and CONTACT_OPERATOR_RUNBOOK_BASE_URL.
    /// </summary>
    public static AlertingSettings FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var settings = new AlertingSettings();
        if (Seconds(read("CONTACT_OPERATOR_EXPORTER_INTERVAL")) is { } interval)
        {
            settings = settings with { Exporter = interval == TimeSpan.Zero ? settings.Exporter with { Enabled = false } : settings.Exporter with { Interval = interval } };
        }
        if (Seconds(read("CONTACT_OPERATOR_EXPORTER_WINDOW")) is { } window)
        {
            settings = settings with { Exporter = settings.Exporter with { Window = window } };
        }
        if (read("CONTACT_OPERATOR_INCIDENT_BRIDGE_PORT") is { Length: > 0 } port)
        {
            settings = settings with { IncidentBridge = settings.IncidentBridge with { Port = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) } };
        }
        if (read("CONTACT_OPERATOR_INCIDENT_BRIDGE_URL") is { Length: > 0 } url)
        {
            settings = settings with { Alerting = settings.Alerting with { IncidentBridgeUrl = new Uri(url) } };
        }
        if (read("CONTACT_OPERATOR_RUNBOOK_BASE_URL") is { Length: > 0 } runbooks)
        {
            settings = settings with { Alerting = settings.Alerting with { RunbookBaseUrl = runbooks } };
        }
        return settings;
    }

    private static TimeSpan? Seconds(string? value) =>
        value is { Length: > 0 } ? TimeSpan.FromSeconds(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : null;
}
