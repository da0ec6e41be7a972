namespace ContactOperator.Runtime.Queue;

/// <summary>
/// A work queue with client-go semantics: a key waiting in the queue is never queued twice (dirty set), a key being
/// processed is never handed to a second worker (processing set; it is re-queued once when <see cref="Done"/> is
/// called if it changed meanwhile), keys can be added after a delay or with per-key exponential backoff, and all
/// time comes from a <see cref="TimeProvider"/>.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly Queue<TKey> ready = new();
    private readonly HashSet<TKey> dirty = [];
    private readonly Dictionary<TKey, long> processing = [];
    private readonly Dictionary<TKey, DelayedAdd> waiting = [];
    private readonly SemaphoreSlim available = new(0);
    private readonly CancellationTokenSource shutdown = new();
    private readonly TimeProvider time;

    public WorkQueue(TimeProvider? timeProvider = null, ItemExponentialBackoff<TKey>? backoff = null, IWorkQueueObserver? observer = null)
    {
        time = timeProvider ?? TimeProvider.System;
        Backoff = backoff ?? new ItemExponentialBackoff<TKey>();
        Observer = observer;
    }

    public ItemExponentialBackoff<TKey> Backoff { get; }

    private IWorkQueueObserver? Observer { get; }

    /// <summary>Keys ready to be handed out (the queue depth).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return ready.Count;
            }
        }
    }

    /// <summary>Keys waiting for a delayed or backed-off add.</summary>
    public int WaitingCount
    {
        get
        {
            lock (gate)
            {
                return waiting.Count;
            }
        }
    }

    /// <summary>How long the oldest in-flight key has been processed; zero when none is.</summary>
    public TimeSpan LongestRunning
    {
        get
        {
            lock (gate)
            {
                if (processing.Count == 0)
                {
                    return TimeSpan.Zero;
                }

                var oldest = processing.Values.Min();
                return time.GetElapsedTime(oldest);
            }
        }
    }

    public bool IsShuttingDown => shutdown.IsCancellationRequested;

    /// <summary>Queues <paramref name="key"/> unless it is already waiting; a key in flight is queued again when it is done.</summary>
    public void Add(TKey key)
    {
        lock (gate)
        {
            if (shutdown.IsCancellationRequested || !dirty.Add(key))
            {
                return;
            }

            Observer?.OnAdded();
            if (processing.ContainsKey(key))
            {
                return;
            }

            ready.Enqueue(key);
        }

        available.Release();
    }

    /// <summary>Queues <paramref name="key"/> after <paramref name="delay"/>; an earlier pending delayed add wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (gate)
        {
            if (shutdown.IsCancellationRequested)
            {
                return;
            }

            var due = time.GetUtcNow() + delay;
            if (waiting.TryGetValue(key, out var existing))
            {
                if (existing.Due <= due)
                {
                    return;
                }

                existing.Timer.Dispose();
            }

            var pending = new DelayedAdd(due);
            waiting[key] = pending;
            pending.Timer = time.CreateTimer(_ => FireDelayed(key, pending), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Queues <paramref name="key"/> after its next backoff delay (the failure counts as a retry).</summary>
    public TimeSpan AddRateLimited(TKey key)
    {
        var delay = Backoff.When(key);
        Observer?.OnRetried();
        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Clears the backoff history of <paramref name="key"/>.</summary>
    public void Forget(TKey key) => Backoff.Forget(key);

    /// <summary>How many consecutive failures <paramref name="key"/> has had.</summary>
    public int NumRequeues(TKey key) => Backoff.Failures(key);

    /// <summary>
    /// Waits for the next ready key and marks it in flight, dropping its pending delayed add: that add asked for a
    /// reconcile which is starting now, and the reconcile's own result decides when the key comes back. (Otherwise a
    /// "look again in 5 s" left by an earlier reconcile would run the object once more right after it is done.)
    /// Call <see cref="Done"/> when finished with it.
    /// </summary>
    public async ValueTask<TKey> GetAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
        await available.WaitAsync(linked.Token);
        lock (gate)
        {
            var key = ready.Dequeue();
            processing[key] = time.GetTimestamp();
            dirty.Remove(key);
            CancelDelayed(key);
            return key;
        }
    }

    /// <summary>Marks <paramref name="key"/> no longer in flight; if it was added meanwhile it is queued again now.</summary>
    public void Done(TKey key)
    {
        lock (gate)
        {
            processing.Remove(key);
            if (!dirty.Contains(key) || shutdown.IsCancellationRequested)
            {
                return;
            }

            ready.Enqueue(key);
        }

        available.Release();
    }

    /// <summary>Stops handing out keys: pending and future <see cref="GetAsync"/> calls are cancelled; delayed adds are dropped.</summary>
    public void ShutDown()
    {
        lock (gate)
        {
            if (shutdown.IsCancellationRequested)
            {
                return;
            }

            shutdown.Cancel();
            foreach (var pending in waiting.Values)
            {
                pending.Timer.Dispose();
            }

            waiting.Clear();
        }
    }

    public void Dispose()
    {
        ShutDown();
        available.Dispose();
        shutdown.Dispose();
    }

    private void CancelDelayed(TKey key)
    {
        if (waiting.Remove(key, out var pending))
        {
            pending.Timer.Dispose();
        }
    }

    private void FireDelayed(TKey key, DelayedAdd pending)
    {
        lock (gate)
        {
            if (!waiting.TryGetValue(key, out var current) || !ReferenceEquals(current, pending))
            {
                return;
            }

            waiting.Remove(key);
            pending.Timer.Dispose();
        }

        Add(key);
    }

    private sealed class DelayedAdd(DateTimeOffset due)
    {
        public DateTimeOffset Due { get; } = due;

        public ITimer Timer { get; set; } = null!;
    }
}

/// <summary>Receives work-queue events for metrics.</summary>
public interface IWorkQueueObserver
{
    void OnAdded();

    void OnRetried();
}
