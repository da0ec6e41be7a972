using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Core;
using ContactOperator.Controllers.ContactInstances;
using ContactOperator.Controllers.HoursOfOperations;
using ContactOperator.Controllers.Queues;
using ContactOperator.Controllers.RoutingProfiles;
using ContactOperator.Controllers.Sync;
using ContactOperator.Runtime.Events;
using ContactOperator.Runtime.Hosting;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Controllers;

/// <summary>
/// Registers the ContactInstance, HoursOfOperation, Queue and RoutingProfile controllers. Each child kind is indexed
/// by the objects it refers to, so a dependency that becomes Ready wakes its dependents at once. The AWS clients
/// report their metrics into the manager's registry, so /metrics shows AWS calls next to reconciles; the resync
/// period is the manager's.
/// </summary>
public sealed class ContactCenterControllers(AwsClientOptions aws, SyncOptions? sync = null) : IControllerRegistration, IDisposable
{
    private ConnectClients? connect;
    private SyncOptions options = sync ?? new SyncOptions();

    private const string ByInstance = "byInstance";
    private const string ByHours = "byHoursOfOperation";
    private const string ByQueue = "byQueue";

    public void Register(ControllerManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var time = manager.Options.TimeProvider;
        options = options with { ResyncPeriod = manager.Options.ResyncPeriod };
        connect = ConnectClients.FromOptions(aws with { Metrics = aws.Metrics ?? new AwsMetrics(manager.Metrics.Registry), TimeProvider = time });
        var connectClients = connect;
        var events = new RecorderEventSink(manager.Events);
        var instances = manager.GetInformer(Descriptors.ContactInstance);
        var hours = manager.GetInformer(Descriptors.HoursOfOperation);
        var queues = manager.GetInformer(Descriptors.Queue);
        var lookup = new DependencyLookup(instances.Get, hours.Get, queues.Get);
        ILogger Logger(string kind) => manager.LoggerFactory.CreateLogger($"ContactOperator.Controllers.{kind}");

        manager.For(Descriptors.ContactInstance)
            .Complete(new ContactInstanceReconciler(manager.GetClient(Descriptors.ContactInstance), connectClients, events, options, time, Logger("ContactInstance")));

        manager.For(Descriptors.HoursOfOperation)
            .WithIndex(ByInstance, h => [Key(h, h.Spec.InstanceRef.Name)])
            .WatchesReferencing(Descriptors.ContactInstance, ByInstance)
            .Complete(Child(manager, Descriptors.HoursOfOperation, new HoursBinding(), new HoursManager(), lookup, events, time, Logger("HoursOfOperation")));

        manager.For(Descriptors.Queue)
            .WithIndex(ByInstance, q => [Key(q, q.Spec.InstanceRef.Name)])
            .WithIndex(ByHours, q => [Key(q, q.Spec.HoursOfOperationRef.Name)])
            .WatchesReferencing(Descriptors.ContactInstance, ByInstance)
            .WatchesReferencing(Descriptors.HoursOfOperation, ByHours)
            .Complete(Child(manager, Descriptors.Queue, new QueueBinding(), new QueueManager(), lookup, events, time, Logger("Queue")));

        manager.For(Descriptors.RoutingProfile)
            .WithIndex(ByInstance, r => [Key(r, r.Spec.InstanceRef.Name)])
            .WithIndex(ByQueue, r => RoutingProfileBinding.QueueNames(r).Select(name => Key(r, name)))
            .WatchesReferencing(Descriptors.ContactInstance, ByInstance)
            .WatchesReferencing(Descriptors.Queue, ByQueue)
            .Complete(Child(manager, Descriptors.RoutingProfile, new RoutingProfileBinding(), new RoutingProfileManager(), lookup, events, time, Logger("RoutingProfile")));
    }

    private ConnectChildReconciler<TResource, TDesired, TObserved> Child<TResource, TDesired, TObserved>(
        ControllerManager manager,
        ResourceDescriptor<TResource> descriptor,
        IChildKindBinding<TResource, TDesired> binding,
        ConnectResourceManager<TDesired, TObserved> resourceManager,
        DependencyLookup lookup,
        IEventSink events,
        TimeProvider time,
        ILogger logger)
        where TResource : class, Api.Common.IContactResource
        where TDesired : class
        where TObserved : class, IObservedResource =>
        new(binding, resourceManager, manager.GetClient(descriptor), lookup, connect!, events, options, time, logger);

    public void Dispose() => connect?.Dispose();

    /// <summary>Index values are <c>namespace/name</c> of the referenced object, as WatchesReferencing looks them up.</summary>
    private static string Key(IKubernetesObject<V1ObjectMeta> from, string name) => new ObjectKey(from.Metadata.NamespaceProperty, name).ToString();

    private sealed class RecorderEventSink(EventRecorder recorder) : IEventSink
    {
        public Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string note, CancellationToken cancellationToken) =>
            recorder.RecordAsync(regarding, type, reason, "Reconcile", note, cancellationToken);
    }
}
