using ContactOperator.Aws.Core;
using ContactOperator.Controllers.Sync;
using ContactOperator.Kinds;
using ContactOperator.Runtime.Events;
using ContactOperator.Runtime.Hosting;
using k8s;
using k8s.Models;

namespace ContactOperator.Controllers;

/// <summary>
/// Registers the controller of every kind in <see cref="KindCatalog"/>. Each kind is indexed by the objects it refers
/// to, so a dependency that becomes Ready wakes its dependents at once. The AWS clients report their metrics into the
/// manager's registry, so /metrics shows AWS calls next to reconciles; the resync period is the manager's.
/// </summary>
public sealed class ContactCenterControllers(AwsClientOptions aws, SyncOptions? sync = null) : IControllerRegistration, IDisposable
{
    private ConnectClients? connect;

    public void Register(ControllerManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var time = manager.Options.TimeProvider;
        var options = (sync ?? new SyncOptions()) with { ResyncPeriod = manager.Options.ResyncPeriod };
        connect = ConnectClients.FromOptions(aws with { Metrics = aws.Metrics ?? new AwsMetrics(manager.Metrics.Registry), TimeProvider = time });
        var lookup = new ObjectLookup();
        var services = new SyncServices(connect, lookup, new RecorderEventSink(manager.Events, "Reconcile"), options, new NameIndex(time, options.ResyncPeriod), time, manager.LoggerFactory);
        foreach (var kind in KindCatalog.All)
        {
            kind.RegisterReader(manager, lookup);
        }
        foreach (var kind in KindCatalog.All)
        {
            kind.Register(manager, services);
        }
    }

    public void Dispose() => connect?.Dispose();
}
