using ContactOperator.Aws.Core;
using ContactOperator.Controllers;
using ContactOperator.Controllers.Sync;
using ContactOperator.Incidents;
using ContactOperator.Metrics;
using ContactOperator.Runtime.Hosting;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Alerting;

/// <summary>What the alerting registration runs.</summary>
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

/// <summary>
/// The AlertPolicy controller, the contact-center metrics exporter, the failover-state gauges and the incident
/// bridge, on one manager. The exporter and the bridge run as controllers, so only the leader polls AWS and writes
/// to ServiceNow; the gauges live on the manager's registry, so they appear on the operator's /metrics.
/// </summary>
public sealed class AlertingRegistration(AwsClientOptions aws, AlertingSettings? settings = null) : IControllerRegistration, IDisposable
{
    private const string ByInstance = "byInstance";
    private readonly AlertingSettings settings = settings ?? new AlertingSettings();
    private ConnectClients? connect;
    private HttpClient? http;

    /// <summary>The bridge, once registered (null when it is off).</summary>
    public IncidentBridgeServer? IncidentBridge { get; private set; }

    /// <summary>The exporter, once registered (null when it is off).</summary>
    public ContactCenterExporter? Exporter { get; private set; }

    public void Register(ControllerManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var time = manager.Options.TimeProvider;
        var instances = manager.GetInformer(Descriptors.ContactInstance);
        var logger = manager.LoggerFactory;

        manager.For(Descriptors.AlertPolicy)
            .WithIndex(ByInstance, p => [new ObjectKey(p.Metadata.NamespaceProperty, p.Spec.InstanceRef.Name).ToString()])
            .WatchesReferencing(Descriptors.ContactInstance, ByInstance)
            .Complete(new AlertPolicyReconciler(
                manager.GetClient(Descriptors.AlertPolicy), instances, manager.GetClient(PrometheusOperatorKinds.PrometheusRule),
                manager.GetClient(PrometheusOperatorKinds.AlertmanagerConfig), settings.Alerting, time,
                logger.CreateLogger("ContactOperator.Alerting.AlertPolicy")));

        _ = new FailoverStateGauges(manager.Metrics.Registry, manager.GetInformer(Descriptors.FailoverPlan));

        if (settings.Exporter.Enabled)
        {
            settings.Exporter.Validate();
            connect = ConnectClients.FromOptions(aws with { Metrics = aws.Metrics ?? new AwsMetrics(manager.Metrics.Registry), TimeProvider = time });
            Exporter = new ContactCenterExporter(
                instances, manager.GetInformer(Descriptors.Queue), connect.For, new ContactCenterGauges(manager.Metrics.Registry),
                settings.Exporter, time, logger.CreateLogger("ContactOperator.Metrics.Exporter"));
            manager.Add(Exporter);
        }

        if (settings.IncidentBridge.Port is not null)
        {
            http = settings.IncidentBridge.ServiceNowHandler is { } handler
                ? new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) }
                : new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            IncidentBridge = new IncidentBridgeServer(
                manager.GetInformer(Descriptors.AlertPolicy), manager.Kubernetes, http, settings.IncidentBridge, time,
                logger.CreateLogger("ContactOperator.Incidents.Bridge"));
            manager.Add(IncidentBridge);
        }
    }

    public void Dispose()
    {
        connect?.Dispose();
        http?.Dispose();
    }
}
