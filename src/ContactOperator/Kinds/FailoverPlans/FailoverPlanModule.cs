using ContactOperator.Admission;
using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Arc;
using ContactOperator.Controllers;
using ContactOperator.Kinds.Contract;
using ContactOperator.Reconciliation;
using ContactOperator.Runtime.Events;
using ContactOperator.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>
/// FailoverPlan: reconciled again when its ContactInstance changes (it waits for the instance to be Ready). Its AWS
/// clients come from the options every kind's do: Connect per region (shared with the other kinds), the ARC
/// control-configuration client, and per cluster a data-plane client over the endpoints DescribeCluster returns.
/// </summary>
public sealed class FailoverPlanModule : KindModule<FailoverPlan>
{
    public override IReadOnlyList<AwsUsage.AwsOperationUse> AwsOperations => FailoverPlanAwsOperations.All;

    /// <summary>Read fresh before each failover step; finalizer by patch.</summary>
    public override KindAccess Access { get; } = new() { ReadsFresh = true };

    /// <summary>
    /// Fails closed: a move started from an edit the webhook would refuse (a region outside the plan, an edit during a
    /// running move) cannot be undone cheaply, and the failover history needs the requesting user, which only the
    /// mutating webhook sees (<see cref="RequestedByAnnotation"/>).
    /// </summary>
    public override KindAdmission Admission { get; } = new() { FailsClosed = true, Mutate = RequestedByAnnotation.Mutate };

    public override IEnumerable<IKindReference<FailoverPlan>> References => [Refers.ToInstance<FailoverPlan>(p => p.Spec.InstanceRef)];

    public override IEnumerable<IAdmissionRule> AdmissionRules => [new FailoverPlanRegionRule(), new FailoverPlanMoveRule()];

    public override void Register(ControllerManager manager, SyncServices services)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(services);
        var options = services.Kinds.Get<FailoverOptions>() with { ResyncPeriod = manager.Options.ResyncPeriod };
        var arcConfig = services.Owned.Add(new ArcControlConfigClient(services.Aws));
        // The cluster endpoints are explicit URLs; an emulator or proxy ServiceUrl would replace all five with one.
        IArcClusterClient Cluster(IReadOnlyList<ClusterEndpoint> endpoints) =>
            services.Owned.Add(new ArcClusterClient(endpoints, services.Aws with { ServiceUrl = null }));

        _ = new FailoverStateGauges(manager.Metrics.Registry, manager.GetInformer(Descriptor).List);
        var aws = new FailoverAws(services.Connect, arcConfig, Cluster);
        var hooks = new FailoverPlanHooks(
            manager.GetInformer(Descriptors.ContactInstance).Get,
            aws,
            new FailoverSetup(aws, services.Flow),
            new FailoverMetrics(manager.Metrics.Registry),
            options,
            services.Time,
            manager.LoggerFactory.CreateLogger("ContactOperator.Controllers.FailoverPlan"));
        For(manager).Complete(Reconciler(manager, services with { Events = new RecorderEventSink(manager.Events, "Failover") }, hooks));
    }
}
