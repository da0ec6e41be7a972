using ContactOperator.Admission;
using ContactOperator.Api.Kinds;
using ContactOperator.Controllers;
using ContactOperator.Kinds.Contract;
using ContactOperator.Incidents;
using ContactOperator.Metrics;
using ContactOperator.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Alerting;

/// <summary>
/// AlertPolicy, and what serves the policies on the same manager: the contact-center metrics exporter (the series
/// their rules read) and the incident bridge (where their escalations go). Both run as controllers, so only the
/// leader polls AWS and writes to ServiceNow; the exporter's gauges live on the manager's registry, so they appear on
/// the operator's /metrics.
/// </summary>
public sealed class AlertPolicyModule : KindModule<AlertPolicy>
{
    /// <summary>No finalizer: owner references delete what a policy renders.</summary>
    public override KindAccess Access { get; } = new() { Finalizer = false };

    public override IEnumerable<IKindReference<AlertPolicy>> References => [Refers.ToInstance<AlertPolicy>(p => p.Spec.InstanceRef)];

    public override IEnumerable<IAdmissionRule> AdmissionRules => [new AlertPolicyReferenceRule()];

    public override void Register(ControllerManager manager, SyncServices services)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(services);
        var settings = services.Kinds.Get<AlertingSettings>();
        var instances = manager.GetInformer(Descriptors.ContactInstance);
        var logger = manager.LoggerFactory;

        For(manager).Complete(Reconciler(manager, services, new AlertPolicyHooks(
            instances.Get, manager.GetClient(PrometheusOperatorKinds.PrometheusRule), manager.GetClient(PrometheusOperatorKinds.AlertmanagerConfig),
            settings.Alerting, logger.CreateLogger("ContactOperator.Alerting.AlertPolicy"))));

        if (settings.Exporter.Enabled)
        {
            settings.Exporter.Validate();
            manager.Add(new ContactCenterExporter(
                instances, manager.GetInformer(Descriptors.Queue), services.Connect.For, new ContactCenterGauges(manager.Metrics.Registry),
                settings.Exporter, services.Time, logger.CreateLogger("ContactOperator.Metrics.Exporter")));
        }

        if (settings.IncidentBridge.Port is not null)
        {
            var http = services.Owned.Add(settings.IncidentBridge.ServiceNowHandler is { } handler
                ? new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) }
                : new HttpClient { Timeout = TimeSpan.FromSeconds(30) });
            manager.Add(new IncidentBridgeServer(
                manager.GetInformer(Descriptor), manager.Kubernetes, http, settings.IncidentBridge, new IncidentMetrics(manager.Metrics.Registry), services.Time,
                logger.CreateLogger("ContactOperator.Incidents.Bridge")));
        }
    }
}
