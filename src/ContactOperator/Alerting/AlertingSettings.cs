using ContactOperator.Incidents;
using ContactOperator.Metrics;

namespace ContactOperator.Alerting;

/// <summary>
/// What the AlertPolicy module runs besides the controller: the exporter, the incident bridge, and the controller's own
/// options (`contact-operator run` reads them from its options; see <c>Commands/AlertingRunSettings.cs</c>).
/// </summary>
public sealed record AlertingSettings
{
    public ExporterOptions Exporter { get; init; } = new();

    public AlertingOptions Alerting { get; init; } = new();

    public IncidentBridgeOptions IncidentBridge { get; init; } = new();
}
