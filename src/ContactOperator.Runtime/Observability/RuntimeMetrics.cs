using Prometheus;

namespace ContactOperator.Runtime.Observability;

/// <summary>
/// The runtime's Prometheus metrics, registered in a registry owned by one host (never the process-wide default),
/// so several hosts in one process (tests, local mode) do not clash.
/// </summary>
public sealed class RuntimeMetrics
{
    /// <summary>controller-runtime's reconcile-time buckets (seconds).</summary>
    public static readonly double[] ReconcileBuckets =
    [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
        1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
    ];

    private readonly Counter reconcileTotal;
    private readonly Histogram reconcileDuration;
    private readonly Gauge queueDepth;
    private readonly Counter queueAdds;
    private readonly Counter queueRetries;
    private readonly Gauge longestRunning;
    private readonly Gauge leader;
    private readonly Lock gate = new();
    private readonly List<Action> beforeCollect = [];

    public RuntimeMetrics(CollectorRegistry? registry = null)
    {
        Registry = registry ?? Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        reconcileTotal = factory.CreateCounter(
            "contact_operator_reconcile_total", "Reconciliations per controller and result (success, requeue, requeue_after, error, terminal_error).", "controller", "result");
        reconcileDuration = factory.CreateHistogram(
            "contact_operator_reconcile_duration_seconds", "Time one reconciliation took, per controller.",
            new HistogramConfiguration { LabelNames = ["controller"], Buckets = ReconcileBuckets });
        queueDepth = factory.CreateGauge("contact_operator_workqueue_depth", "Keys waiting in a controller's work queue.", "controller");
        queueAdds = factory.CreateCounter("contact_operator_workqueue_adds_total", "Keys added to a controller's work queue.", "controller");
        queueRetries = factory.CreateCounter("contact_operator_workqueue_retries_total", "Keys re-queued with backoff after a failed reconciliation.", "controller");
        longestRunning = factory.CreateGauge(
            "contact_operator_workqueue_longest_running_processor_seconds", "How long the longest-running reconciliation of a controller has been running.", "controller");
        leader = factory.CreateGauge("contact_operator_leader", "1 while this replica holds the leader lease (or runs without leader election), else 0.");
        Registry.AddBeforeCollectCallback(RunBeforeCollect);
    }

    public CollectorRegistry Registry { get; }

    public void SetLeader(bool isLeader) => leader.Set(isLeader ? 1 : 0);

    /// <summary>Metrics for one controller; see <see cref="ControllerMetrics.TrackQueue"/> for its queue gauges.</summary>
    public ControllerMetrics ForController(string controller)
    {
        // Publish zero-valued series up front so dashboards and alerts see the controller before its first event.
        foreach (var result in ReconcileResults.All)
        {
            reconcileTotal.WithLabels(controller, result);
        }

        return new ControllerMetrics(this, controller);
    }

    internal void OnCollect(Action refresh)
    {
        lock (gate)
        {
            beforeCollect.Add(refresh);
        }
    }

    internal void RemoveOnCollect(Action refresh)
    {
        lock (gate)
        {
            beforeCollect.Remove(refresh);
        }
    }

    private void RunBeforeCollect()
    {
        Action[] refreshers;
        lock (gate)
        {
            refreshers = [.. beforeCollect];
        }

        foreach (var refresh in refreshers)
        {
            refresh();
        }
    }

    /// <summary>The metric series of one controller.</summary>
    public sealed class ControllerMetrics : Queue.IWorkQueueObserver
    {
        private readonly RuntimeMetrics owner;
        private readonly string controller;

        internal ControllerMetrics(RuntimeMetrics owner, string controller)
        {
            this.owner = owner;
            this.controller = controller;
            owner.queueDepth.WithLabels(controller).Set(0);
            owner.queueAdds.WithLabels(controller);
            owner.queueRetries.WithLabels(controller);
            owner.longestRunning.WithLabels(controller).Set(0);
            owner.reconcileDuration.WithLabels(controller);
        }

        public void OnAdded() => owner.queueAdds.WithLabels(controller).Inc();

        public void OnRetried() => owner.queueRetries.WithLabels(controller).Inc();

        public void Reconciled(string result, TimeSpan duration)
        {
            owner.reconcileTotal.WithLabels(controller, result).Inc();
            owner.reconcileDuration.WithLabels(controller).Observe(duration.TotalSeconds);
        }

        /// <summary>Registers a scrape-time refresh of the queue gauges; dispose to stop.</summary>
        public IDisposable TrackQueue(Func<int> depth, Func<TimeSpan> longest)
        {
            void Refresh()
            {
                owner.queueDepth.WithLabels(controller).Set(depth());
                owner.longestRunning.WithLabels(controller).Set(longest().TotalSeconds);
            }

            owner.OnCollect(Refresh);
            return new Untrack(() =>
            {
                owner.RemoveOnCollect(Refresh);
                owner.queueDepth.WithLabels(controller).Set(0);
                owner.longestRunning.WithLabels(controller).Set(0);
            });
        }
    }

    private sealed class Untrack(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

/// <summary>The values of the <c>result</c> label of <c>contact_operator_reconcile_total</c>.</summary>
public static class ReconcileResults
{
    public const string Success = "success";
    public const string RequeueAfter = "requeue_after";

    /// <summary>The object changed while it was reconciled (409 Conflict); retried at once with backoff.</summary>
    public const string Requeue = "requeue";
    public const string Error = "error";
    public const string TerminalError = "terminal_error";

    public static readonly IReadOnlyList<string> All = [Success, Requeue, RequeueAfter, Error, TerminalError];
}
