using ContactOperator.Runtime.Caching;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;

namespace ContactOperator.Runtime.Hosting;

/// <summary>Fluent set-up of one controller: <c>manager.For(descriptor).Watches(...).Complete(reconciler)</c>.</summary>
public sealed class ControllerBuilder<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ControllerManager manager;
    private readonly ResourceDescriptor<T> descriptor;
    private readonly List<Action<Controller<T>>> watches = [];
    private readonly string name;
    private ControllerOptions options;
    private Func<T, string>? laneOf;

    internal ControllerBuilder(ControllerManager manager, ResourceDescriptor<T> descriptor)
    {
        this.manager = manager;
        this.descriptor = descriptor;
        name = descriptor.Kind.ToLowerInvariant(); // the controller's name in logs and metrics
        options = new ControllerOptions { MaxConcurrentReconciles = manager.Options.MaxConcurrentReconciles };
    }

    public ControllerBuilder<T> WithOptions(Func<ControllerOptions, ControllerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        options = configure(options);
        return this;
    }

    public ControllerBuilder<T> WithMaxConcurrentReconciles(int workers) => WithOptions(o => o with { MaxConcurrentReconciles = workers });

    /// <summary>Shares the workers fairly between the lanes objects fall in (see <see cref="Controller{T}.LaneOf"/>).</summary>
    public ControllerBuilder<T> WithLanes(Func<T, string> lane)
    {
        laneOf = lane ?? throw new ArgumentNullException(nameof(lane));
        return this;
    }

    /// <summary>Adds a secondary index to this kind's informer (skipped if one with that name exists).</summary>
    public ControllerBuilder<T> WithIndex(string indexName, Func<T, IEnumerable<string>> indexFunc)
    {
        var informer = manager.GetInformer(descriptor);
        if (!informer.HasIndex(indexName))
        {
            informer.AddIndex(indexName, indexFunc);
        }

        return this;
    }

    /// <summary>
    /// Reconcile the objects <paramref name="map"/> names whenever an object of <paramref name="other"/> changes (only the
    /// updates <paramref name="matters"/> accepts, when given).
    /// </summary>
    public ControllerBuilder<T> Watches<TOther>(ResourceDescriptor<TOther> other, Func<TOther, IEnumerable<ObjectKey>> map, Func<TOther, TOther, bool>? matters = null)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        var informer = manager.GetInformer(other);
        watches.Add(c => c.Watches(informer, map, matters));
        return this;
    }

    /// <summary>
    /// Reconcile every object of this kind filed under the changed dependency's <c>namespace/name</c> in index
    /// <paramref name="indexName"/> (add the index with <see cref="WithIndex"/>, for example by <c>spec.instanceRef.name</c>).
    /// </summary>
    public ControllerBuilder<T> WatchesReferencing<TOther>(ResourceDescriptor<TOther> other, string indexName, Func<TOther, TOther, bool>? matters = null)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        var own = manager.GetInformer(descriptor);
        return Watches(other, dependency => own.ByIndex(indexName, ObjectKey.From(dependency).ToString()).Select(ObjectKey.From), matters);
    }

    /// <summary>Creates the controller and adds it to the manager.</summary>
    public Controller<T> Complete(IReconciler<T> reconciler)
    {
        var controller = new Controller<T>(
            name, manager.GetInformer(descriptor), reconciler, options, manager.Metrics, manager.LoggerFactory.CreateLogger($"ContactOperator.Controller.{name}"), manager.Options.TimeProvider)
        {
            LaneOf = laneOf,
        };
        foreach (var watch in watches)
        {
            watch(controller);
        }

        manager.Add(controller);
        return controller;
    }
}
