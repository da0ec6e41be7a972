using ContactOperator.Aws.Core;
using ContactOperator.AwsResources;
using ContactOperator.AwsResources.Connect;
using ContactOperator.Kinds;
using ContactOperator.Kinds.Contract;
using ContactOperator.Reconciliation;
using ContactOperator.Runtime.Events;
using ContactOperator.Runtime.Hosting;

namespace ContactOperator.Hosting;

/// <summary>
/// Registers the controller of every kind in <see cref="KindCatalog"/>. Each kind is indexed by the objects it refers
/// to, so a dependency that becomes Ready wakes its dependents at once. The AWS clients report their metrics into the
/// manager's registry, so /metrics shows AWS calls next to reconciles; the resync period is the manager's. Every client
/// shares one set of rate-limit buckets, sized from the operations the kinds declare (<see cref="AwsOperationCatalog"/>).
/// </summary>
public sealed class ContactCenterControllers(AwsClientOptions aws, SyncOptions? sync = null) : IControllerRegistration, IDisposable
{
    private readonly Disposables owned = new();

    /// <summary>The settings of the kinds that have their own (FailoverPlan, AlertPolicy).</summary>
    public KindSettings Settings { get; init; } = KindSettings.Defaults;

    /// <summary>The kinds to run: every kind in the catalog, unless a test runs a few alone.</summary>
    public IReadOnlyList<IKindModule> Kinds { get; init; } = KindCatalog.All;

    public void Register(ControllerManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var time = manager.Options.TimeProvider;
        var options = (sync ?? new SyncOptions()) with { ResyncPeriod = manager.Options.ResyncPeriod };
        var template = aws with
        {
            Metrics = aws.Metrics ?? new AwsMetrics(manager.Metrics.Registry),
            TimeProvider = time,
            RateLimits = aws.RateLimits ?? new AwsRateLimiterRegistry(time, AwsOperationCatalog.RateLimits),
        };
        var connect = owned.Add(ConnectClients.FromOptions(template));
        var lookup = new ObjectLookup();
        var services = new SyncServices(
            connect, lookup, new RecorderEventSink(manager.Events, "Reconcile"), options, new AwsResourceFlow(new NameIndex(time, options.ResyncPeriod), time, options.EventualConsistencyWindow), time,
            manager.LoggerFactory, template, Settings, owned, new Referrers(Kinds, lookup));
        foreach (var kind in Kinds)
        {
            kind.RegisterReader(manager, lookup);
        }
        foreach (var kind in Kinds)
        {
            kind.Register(manager, services);
        }
    }

    public void Dispose() => owned.Dispose();
}
