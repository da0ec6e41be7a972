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
    private readonly Dictionary<string, Queue<TKey>> readyByLane = [];
    private readonly List<string> lanesWithReadyKeys = [];
    private readonly Dictionary<string, int> inFlightByLane = [];
    private readonly HashSet<TKey> dirty = [];
    private readonly Dictionary<TKey, (long Since, string Lane)> processing = [];
    private readonly Dictionary<TKey, DelayedAdd> waiting = [];
    private readonly CancellationTokenSource shutdown = new();
    private readonly TimeProvider time;
    private readonly WorkQueueLanes<TKey>? lanes;
    private TaskCompletionSource changed = NewSignal();
    private int readyCount;
    private int nextLane;

    /// <param name="timeProvider">The clock for delayed adds and backoff (the system clock when null).</param>
    /// <param name="backoff">Per-key retry delays (the defaults when null).</param>
    /// <param name="observer">Receives adds and retries, for metrics.</param>
    /// <param name="lanes">
    /// Groups keys in lanes (for example the AWS Region and instance they act on) and shares the workers fairly between
    /// them; null puts every key in one lane, first in first out.
    /// </param>
    public WorkQueue(TimeProvider? timeProvider = null, ItemExponentialBackoff<TKey>? backoff = null, IWorkQueueObserver? observer = null, WorkQueueLanes<TKey>? lanes = null)
    {
        time = timeProvider ?? TimeProvider.System;
        Backoff = backoff ?? new ItemExponentialBackoff<TKey>();
        Observer = observer;
        this.lanes = lanes;
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
                return readyCount;
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

                var oldest = processing.Values.Min(p => p.Since);
                return time.GetElapsedTime(oldest);
            }
        }
    }

    public bool IsShuttingDown => shutdown.IsCancellationRequested;

    /// <summary>Queues <paramref name="key"/> unless it is already waiting; a key in flight is queued again when it is done.</summary>
    public void Add(TKey key)
    {
        var lane = LaneOf(key);
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

            Enqueue(key, lane);
        }
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
        while (true)
        {
            Task next;
            lock (gate)
            {
                linked.Token.ThrowIfCancellationRequested();
                if (TryTake(out var key, out var lane))
                {
                    processing[key] = (time.GetTimestamp(), lane);
                    inFlightByLane[lane] = inFlightByLane.GetValueOrDefault(lane) + 1;
                    dirty.Remove(key);
                    CancelDelayed(key);
                    return key;
                }

                next = changed.Task;
            }

            await next.WaitAsync(linked.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Marks <paramref name="key"/> no longer in flight; if it was added meanwhile it is queued again now.</summary>
    public void Done(TKey key)
    {
        var lane = LaneOf(key);
        lock (gate)
        {
            if (processing.Remove(key, out var entry))
            {
                var stillInFlight = inFlightByLane[entry.Lane] - 1;
                if (stillInFlight == 0)
                {
                    inFlightByLane.Remove(entry.Lane);
                }
                else
                {
                    inFlightByLane[entry.Lane] = stillInFlight;
                }
            }

            if (dirty.Contains(key) && !shutdown.IsCancellationRequested)
            {
                Enqueue(key, lane);
                return;
            }

            Signal();
        }
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
            Signal();
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
        shutdown.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes the workers waiting for a key (under the lock): something they may take has changed.</summary>
    private void Signal()
    {
        var current = changed;
        changed = NewSignal();
        current.TrySetResult();
    }

    private string LaneOf(TKey key) => lanes?.LaneOf(key) ?? "";

    private void Enqueue(TKey key, string lane)
    {
        if (!readyByLane.TryGetValue(lane, out var keys))
        {
            keys = new Queue<TKey>();
            readyByLane[lane] = keys;
        }

        if (keys.Count == 0)
        {
            lanesWithReadyKeys.Add(lane);
        }

        keys.Enqueue(key);
        readyCount++;
        Signal();
    }

    /// <summary>
    /// The next key, taking lanes in turn; while another lane has keys ready, a lane already holding its share of the
    /// workers is passed over (unless every lane with keys ready holds its share: then the turn decides).
    /// </summary>
    private bool TryTake(out TKey key, out string lane)
    {
        if (lanesWithReadyKeys.Count == 0)
        {
            key = default!;
            lane = "";
            return false;
        }

        var index = nextLane % lanesWithReadyKeys.Count;
        if (lanes is not null && lanesWithReadyKeys.Count > 1)
        {
            for (var i = 0; i < lanesWithReadyKeys.Count; i++)
            {
                var candidate = (nextLane + i) % lanesWithReadyKeys.Count;
                if (inFlightByLane.GetValueOrDefault(lanesWithReadyKeys[candidate]) < lanes.Share)
                {
                    index = candidate;
                    break;
                }
            }
        }

        lane = lanesWithReadyKeys[index];
        var keys = readyByLane[lane];
        key = keys.Dequeue();
        readyCount--;
        if (keys.Count == 0)
        {
            lanesWithReadyKeys.RemoveAt(index);
            readyByLane.Remove(lane);
            nextLane = lanesWithReadyKeys.Count == 0 ? 0 : index % lanesWithReadyKeys.Count;
        }
        else
        {
            nextLane = (index + 1) % lanesWithReadyKeys.Count;
        }

        return true;
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

/// <summary>
/// How a <see cref="WorkQueue{TKey}"/> groups keys in lanes: keys are handed out taking the lanes in turn, and while
/// another lane has keys ready no lane holds more than <see cref="Share"/> of the workers. A lane stuck behind a slow
/// rate limit (one AWS Region's quota) then never starves the others; alone, a lane may use every worker.
/// </summary>
/// <param name="LaneOf">The lane of a key; called outside the queue's lock.</param>
/// <param name="Workers">The workers taking keys from the queue.</param>
public sealed record WorkQueueLanes<TKey>(Func<TKey, string> LaneOf, int Workers)
{
    /// <summary>The most workers one lane holds while another lane waits: half of them, at least one.</summary>
    public int Share => Math.Max(1, Workers / 2);
}

/// <summary>Receives work-queue events for metrics.</summary>
public interface IWorkQueueObserver
{
    void OnAdded();

    void OnRetried();
}
