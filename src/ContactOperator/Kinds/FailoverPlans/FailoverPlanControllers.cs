using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Core;
using ContactOperator.Controllers;
using ContactOperator.Controllers.Sync;
using ContactOperator.Runtime.Events;
using ContactOperator.Runtime.Hosting;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>
/// Registers the FailoverPlan controller. A plan is reconciled again when its ContactInstance changes (it waits for the
/// instance to be Ready). AWS clients come from the same options as the contact-center controllers: Connect per region,
/// the ARC control-configuration client, and per cluster a data-plane client over the endpoints DescribeCluster returns.
/// </summary>
public sealed class FailoverPlanControllers(AwsClientOptions aws, FailoverOptions? failover = null) : IControllerRegistration, IDisposable
{
    private const string ByInstance = "byInstance";
    private readonly List<IDisposable> owned = [];

    public void Register(ControllerManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var time = manager.Options.TimeProvider;
        var options = (failover ?? new FailoverOptions()) with { ResyncPeriod = manager.Options.ResyncPeriod };
        var template = aws with { Metrics = aws.Metrics ?? new AwsMetrics(manager.Metrics.Registry), TimeProvider = time };
        var connect = ConnectClients.FromOptions(template);
        var arcConfig = new ArcControlConfigClient(template);
        owned.Add(connect);
        owned.Add(arcConfig);
        // The cluster endpoints are explicit URLs; an emulator or proxy ServiceUrl would replace all five with one.
        IArcClusterClient Cluster(IReadOnlyList<ClusterEndpoint> endpoints)
        {
            var client = new ArcClusterClient(endpoints, template with { ServiceUrl = null });
            lock (owned)
            {
                owned.Add(client);
            }
            return client;
        }

        var instances = manager.GetInformer(Descriptors.ContactInstance);
        var reconciler = new FailoverPlanReconciler(
            manager.GetClient(Descriptors.FailoverPlan),
            instances.Get,
            new FailoverAws(connect, arcConfig, Cluster),
            new RecorderEventSink(manager.Events, "Failover"),
            new FailoverMetrics(manager.Metrics.Registry),
            options,
            time,
            manager.LoggerFactory.CreateLogger("ContactOperator.Controllers.FailoverPlan"));
        manager.For(Descriptors.FailoverPlan)
            .WithIndex(ByInstance, p => [new ObjectKey(p.Metadata.NamespaceProperty, p.Spec.InstanceRef.Name).ToString()])
            .WatchesReferencing(Descriptors.ContactInstance, ByInstance)
            .Complete(reconciler);
    }

    public void Dispose()
    {
        lock (owned)
        {
            foreach (var client in owned)
            {
                client.Dispose();
            }
            owned.Clear();
        }
    }
}
