using System.Collections.Concurrent;
using ContactOperator.Runtime.Caching;
using ContactOperator.Runtime.Observability;
using ContactOperator.Runtime.Queue;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactOperator.Runtime.Reconciliation;

/// <summary>
/// Runs one reconciler: cache events (and watched dependencies) put keys on a work queue; workers take keys and
/// reconcile them; the result decides what happens next (done, requeue after a delay, backoff, or no retry until
/// the generation changes).
/// </summary>
public sealed partial class Controller<T> : IController
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IReconciler<T> reconciler;
    private readonly RuntimeMetrics.ControllerMetrics metrics;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly List<Func<Action<ObjectKey>, IDisposable>> watches = [];
    private readonly ConcurrentDictionary<ObjectKey, long> terminal = new();
    private int running;

    public Controller(
        string name,
        ResourceInformer<T> informer,
        IReconciler<T> reconciler,
        ControllerOptions? options = null,
        RuntimeMetrics? metrics = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Informer = informer ?? throw new ArgumentNullException(nameof(informer));
        this.reconciler = reconciler ?? throw new ArgumentNullException(nameof(reconciler));
        Options = options ?? new ControllerOptions();
        Options.Validate(name);
        this.metrics = (metrics ?? new RuntimeMetrics()).ForController(name);
        this.logger = logger ?? NullLogger.Instance;
        time = timeProvider ?? TimeProvider.System;
    }

    public string Name { get; }

    public ResourceInformer<T> Informer { get; }

    public ControllerOptions Options { get; }

    /// <summary>
    /// The lane of an object (for example the AWS Region and instance it acts on); when set, the workers are shared
    /// fairly between lanes (<see cref="WorkQueueLanes{TKey}"/>) instead of first come, first served.
    /// </summary>
    public Func<T, string>? LaneOf { get; init; }

    /// <summary>True while workers are running (this replica leads and the controller started).</summary>
    public bool IsRunning => Volatile.Read(ref running) == 1;

    /// <summary>The live queue while running (the runtime's own tests step their fake clock by it; not part of the API).</summary>
    internal WorkQueue<ObjectKey>? Queue { get; private set; }

    IInformer IController.Informer => Informer;

    /// <summary>
    /// Also reconcile the objects <paramref name="map"/> returns whenever an object of another kind changes
    /// (for example: a ContactInstance changed → every Queue whose <c>spec.instanceRef</c> names it).
    /// Every change counts here, status included, because dependents usually wait for a dependency's status, unless
    /// <paramref name="matters"/> says which updates (old, new) the dependents read; additions and deletions always count.
    /// </summary>
    public Controller<T> Watches<TOther>(ResourceInformer<TOther> other, Func<TOther, IEnumerable<ObjectKey>> map, Func<TOther, TOther, bool>? matters = null)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(map);
        watches.Add(enqueue =>
        {
            void Each(TOther obj)
            {
                foreach (var key in map(obj))
                {
                    enqueue(key);
                }
            }

            return other.Subscribe(new ResourceEventHandler<TOther>
            {
                OnAdded = Each,
                OnUpdated = (old, now) =>
                {
                    if (matters is null || matters(old, now))
                    {
                        Each(now);
                    }
                },
                OnDeleted = Each,
            });
        });
        return this;
    }

    /// <summary>
    /// Runs workers until <paramref name="stopTakingWork"/> is cancelled, then lets in-flight reconciles finish.
    /// <paramref name="abort"/> cancels in-flight reconciles (leadership lost, shutdown deadline passed).
    /// </summary>
    public async Task RunAsync(CancellationToken stopTakingWork, CancellationToken abort)
    {
        if (Interlocked.Exchange(ref running, 1) == 1)
        {
            throw new InvalidOperationException($"controller {Name} is already running");
        }

        var backoff = new ItemExponentialBackoff<ObjectKey>(Options.BackoffBaseDelay, Options.BackoffMaxDelay, Options.BackoffJitter);
        var lanes = LaneOf is { } laneOf
            ? new WorkQueueLanes<ObjectKey>(key => Informer.Get(key) is { } obj ? laneOf(obj) : "", Options.MaxConcurrentReconciles)
            : null;
        using var queue = new WorkQueue<ObjectKey>(time, backoff, metrics, lanes);
        Queue = queue;
        using var tracking = metrics.TrackQueue(() => queue.Count, () => queue.LongestRunning);
        var subscriptions = new List<IDisposable>();
        try
        {
            subscriptions.Add(Informer.Subscribe(new ResourceEventHandler<T>
            {
                OnAdded = obj => EnqueueObject(queue, obj),
                OnUpdated = (old, now) => OnUpdated(queue, old, now),
                OnDeleted = obj =>
                {
                    var key = ObjectKey.From(obj);
                    terminal.TryRemove(key, out _);
                    queue.Add(key);
                },
                OnResync = obj => EnqueueObject(queue, obj),
            }));
            foreach (var watch in watches)
            {
                subscriptions.Add(watch(key => EnqueueKey(queue, key)));
            }

            using var stop = stopTakingWork.Register(queue.ShutDown);
            LogStarted(logger, Name, Options.MaxConcurrentReconciles);
            var workers = Enumerable.Range(0, Options.MaxConcurrentReconciles).Select(_ => Task.Run(() => WorkAsync(queue, abort), CancellationToken.None));
            await Task.WhenAll(workers);
        }
        finally
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }

            Queue = null;
            Volatile.Write(ref running, 0);
            LogStopped(logger, Name);
        }
    }

    private void OnUpdated(WorkQueue<ObjectKey> queue, T old, T now)
    {
        if (Options.GenerationChangedOnly
            && old.Metadata.Generation is not null
            && old.Metadata.Generation == now.Metadata.Generation
            && (old.Metadata.DeletionTimestamp is null) == (now.Metadata.DeletionTimestamp is null))
        {
            return;
        }

        EnqueueObject(queue, now);
    }

    private void EnqueueKey(WorkQueue<ObjectKey> queue, ObjectKey key)
    {
        var obj = Informer.Get(key);
        if (obj is null)
        {
            return;
        }

        EnqueueObject(queue, obj);
    }

    private void EnqueueObject(WorkQueue<ObjectKey> queue, T obj)
    {
        var key = ObjectKey.From(obj);
        if (terminal.TryGetValue(key, out var failedGeneration))
        {
            if (obj.Metadata.Generation == failedGeneration && obj.Metadata.DeletionTimestamp is null)
            {
                return;
            }

            terminal.TryRemove(key, out _);
        }

        queue.Add(key);
    }

    private async Task WorkAsync(WorkQueue<ObjectKey> queue, CancellationToken abort)
    {
        while (true)
        {
            ObjectKey key;
            try
            {
                key = await queue.GetAsync(abort);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await ReconcileKeyAsync(queue, key, abort);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    private async Task ReconcileKeyAsync(WorkQueue<ObjectKey> queue, ObjectKey key, CancellationToken abort)
    {
        // Each reconcile gets its own copy: a reconciler that edits the object must not corrupt the shared cache.
        var obj = Informer.Get(key) is { } cached ? KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(cached)) : null;
        var reconcileId = Guid.NewGuid().ToString("N")[..12];
        using var scope = logger.BeginScope(new ReconcileScope(Name, key.Namespace, key.Name, reconcileId));
        var started = time.GetTimestamp();
        string result;
        try
        {
            var outcome = await reconciler.ReconcileAsync(new ReconcileRequest<T>(key, obj), abort);
            terminal.TryRemove(key, out _);
            queue.Forget(key);
            if (outcome.RequeueAfterDelay is { } delay)
            {
                queue.AddAfter(key, delay);
                result = ReconcileResults.RequeueAfter;
                LogRequeueAfter(logger, delay.TotalSeconds);
            }
            else
            {
                result = ReconcileResults.Success;
                LogReconciled(logger);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            LogAborted(logger);
            return;
        }
        catch (TerminalReconcileException e)
        {
            queue.Forget(key);
            terminal[key] = obj?.Metadata.Generation ?? 0;
            result = ReconcileResults.TerminalError;
            LogTerminal(logger, e, obj?.Metadata.Generation);
        }
        catch (ResourceConflictException e)
        {
            // The cache was behind the API server (an optimistic-concurrency 409): routine, not a failure worth a stack trace.
            var delay = queue.AddRateLimited(key);
            result = ReconcileResults.Requeue;
            LogConflict(logger, e.Message, delay.TotalMilliseconds);
        }
#pragma warning disable CA1031 // Any failure of a reconciler becomes a retry with backoff; the loop must survive it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var delay = queue.AddRateLimited(key);
            result = ReconcileResults.Error;
            LogFailed(logger, e, queue.NumRequeues(key), delay.TotalMilliseconds);
        }

        metrics.Reconciled(result, time.GetElapsedTime(started));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller {Controller} started with {Workers} workers")]
    private static partial void LogStarted(ILogger logger, string controller, int workers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller {Controller} stopped")]
    private static partial void LogStopped(ILogger logger, string controller);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconciled")]
    private static partial void LogReconciled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconciled; looking again in {DelaySeconds:F1} s")]
    private static partial void LogRequeueAfter(ILogger logger, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconcile aborted (leadership lost or shutdown deadline)")]
    private static partial void LogAborted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile failed terminally; not retrying until generation {Generation} changes")]
    private static partial void LogTerminal(ILogger logger, Exception exception, long? generation);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Object changed while reconciling ({Reason}); retrying with the latest version in {DelayMs:F0} ms")]
    private static partial void LogConflict(ILogger logger, string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile failed (attempt {Attempt}); retrying in {DelayMs:F0} ms")]
    private static partial void LogFailed(ILogger logger, Exception exception, int attempt, double delayMs);
}

/// <summary>What the manager needs of any controller, whatever its kind.</summary>
public interface IController
{
    string Name { get; }

    bool IsRunning { get; }

    IInformer Informer { get; }

    Task RunAsync(CancellationToken stopTakingWork, CancellationToken abort);
}
