using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactOperator.Runtime.Caching;

/// <summary>
/// A list+watch cache of one kind (an informer). It lists once, then watches from the list's resourceVersion with
/// bookmarks; a dropped watch resumes from the last seen resourceVersion after a backoff; a 410 Gone relists and
/// diffs the new list against the cache, so subscribers see exactly the adds, updates and deletes they missed and
/// nothing twice. Every <see cref="InformerOptions.ResyncPeriod"/> it hands every object to subscribers again.
/// </summary>
public sealed partial class ResourceInformer<T> : IInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ObjectStore<T> store = new();
    private readonly Lock dispatchGate = new();
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger logger;
    private ResourceEventHandler<T>[] handlers = [];
    private long relists;
    private long watchRestarts;
    private long eventsReceived;
    private long resyncs;

    public ResourceInformer(ResourceClient<T> client, InformerOptions? options = null, ILogger? logger = null)
    {
        Client = client ?? throw new ArgumentNullException(nameof(client));
        Options = options ?? new InformerOptions();
        this.logger = logger ?? NullLogger.Instance;
    }

    public ResourceClient<T> Client { get; }

    public InformerOptions Options { get; }

    /// <summary>The kind this informer caches.</summary>
    public string Kind => Client.Descriptor.Kind;

    /// <summary>True once the first list has been stored.</summary>
    public bool HasSynced => synced.Task.IsCompleted;

    /// <summary>The resourceVersion the cache is current to (from the last list, event or bookmark).</summary>
    public string? ResourceVersion { get; private set; }

    /// <summary>How many times the informer had to list again after the initial list (410 Gone).</summary>
    public long Relists => Interlocked.Read(ref relists);

    /// <summary>How many watches ended or failed (each is followed by a re-watch, or a relist after 410).</summary>
    public long WatchRestarts => Interlocked.Read(ref watchRestarts);

    /// <summary>Watch events received (including bookmarks).</summary>
    public long EventsReceived => Interlocked.Read(ref eventsReceived);

    /// <summary>Completed periodic resyncs.</summary>
    public long Resyncs => Interlocked.Read(ref resyncs);

    public int Count => store.Count;

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => synced.Task.WaitAsync(cancellationToken);

    /// <summary>The cached object, or null.</summary>
    public T? Get(ObjectKey key) => store.Get(key);

    /// <summary>A snapshot of every cached object.</summary>
    public IReadOnlyList<T> List() => store.List();

    /// <summary>A snapshot of every cached key.</summary>
    public IReadOnlyList<ObjectKey> Keys() => store.Keys();

    /// <summary>
    /// Adds a secondary index: <paramref name="indexFunc"/> returns the values an object is filed under
    /// (for example <c>namespace/instanceName</c> of its <c>spec.instanceRef</c>); <see cref="ByIndex"/> looks them up.
    /// Adding an index that already exists is a no-op only if you check <see cref="HasIndex"/> first.
    /// </summary>
    public void AddIndex(string name, Func<T, IEnumerable<string>> indexFunc) => store.AddIndex(name, indexFunc);

    public bool HasIndex(string name) => store.HasIndex(name);

    /// <summary>Cached objects filed under <paramref name="value"/> in index <paramref name="name"/>.</summary>
    public IReadOnlyList<T> ByIndex(string name, string value) => store.ByIndex(name, value);

    /// <summary>
    /// Subscribes to changes. Objects already cached are replayed to <see cref="ResourceEventHandler{T}.OnAdded"/> first,
    /// so a late subscriber misses nothing. Dispose the result to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(ResourceEventHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (dispatchGate)
        {
            foreach (var obj in store.List())
            {
                handler.OnAdded?.Invoke(obj);
            }

            handlers = [.. handlers, handler];
        }

        return new Subscription(this, handler);
    }

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var time = Options.TimeProvider;
        var resync = Options.ResyncPeriod > TimeSpan.Zero ? RunResyncAsync(cancellationToken) : null;
        var failures = 0;

        // A restarted informer with a warm cache resumes its watch; the server answers 410 if that is too old.
        var needList = ResourceVersion is null;
        var first = !HasSynced;
        long? watchStarted = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    await ListAndReplaceAsync(first, cancellationToken);
                    needList = false;
                    first = false;
                }

                watchStarted = time.GetTimestamp();
                int received;
                try
                {
                    received = await WatchOnceAsync(cancellationToken);
                }
                finally
                {
                    if (!cancellationToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref watchRestarts);
                    }
                }

                var healthy = received > 0 || time.GetElapsedTime(watchStarted.Value) > HealthyWatch;
                failures = healthy ? 0 : failures + 1;
                if (failures > 0)
                {
                    await Task.Delay(ReconnectDelay(failures), time, cancellationToken);
                }
            }
            catch (ResourceExpiredException e)
            {
                LogExpired(logger, Kind, ResourceVersion, e.Message);
                needList = true;
                ResourceVersion = null;
                Interlocked.Increment(ref relists);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The informer must survive any transport or server error and reconnect.
            catch (Exception e)
#pragma warning restore CA1031
            {
                // A watch that lived a while and then broke (connection reset, server timeout before any event)
                // is re-opened at once; only quick repeated failures back off.
                var livedLong = watchStarted is { } opened && !needList && time.GetElapsedTime(opened) > HealthyWatch;
                failures = livedLong ? 0 : failures + 1;
                watchStarted = null;
                if (failures == 0)
                {
                    LogWatchFailed(logger, e, Kind, "watch", 0);
                    continue;
                }

                var delay = ReconnectDelay(failures);
                LogWatchFailed(logger, e, Kind, needList ? "list" : "watch", delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        if (resync is not null)
        {
            try
            {
                await resync;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static readonly TimeSpan HealthyWatch = TimeSpan.FromSeconds(1);

    private TimeSpan ReconnectDelay(int failures)
    {
        var ms = Options.InitialReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        ms = Math.Min(ms, Options.MaxReconnectDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    private async Task ListAndReplaceAsync(bool initial, CancellationToken cancellationToken)
    {
        var list = await Client.ListAsync(Options.Namespace, Options.LabelSelector, cancellationToken);
        var seen = new HashSet<ObjectKey>();
        foreach (var item in list.Items)
        {
            Prepare(item);
            seen.Add(ObjectKey.From(item));
            Apply(item);
        }

        foreach (var key in store.Keys())
        {
            if (!seen.Contains(key) && store.Remove(key, out var gone))
            {
                Dispatch(h => h.OnDeleted?.Invoke(gone!));
            }
        }

        ResourceVersion = list.Metadata?.ResourceVersion;
        LogListed(logger, Kind, list.Items.Count, ResourceVersion, initial ? "initial" : "relist");
        synced.TrySetResult();
    }

    private async Task<int> WatchOnceAsync(CancellationToken cancellationToken)
    {
        var timeout = (int)(Options.WatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));
        using var response = await Client.OpenWatchAsync(Options.Namespace, ResourceVersion, Math.Max(1, timeout), Options.LabelSelector, cancellationToken);
        using var streamFailed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? streamError = null;
        var received = 0;
        try
        {
#pragma warning disable CS0618 // The client marks WatchAsync obsolete without a replacement; it is the only public NDJSON reader.
            var events = Task.FromResult(response).WatchAsync<T, object>(
                e =>
                {
                    streamError ??= e;
                    streamFailed.Cancel();
                },
                streamFailed.Token);
#pragma warning restore CS0618
            await foreach (var (type, obj) in events)
            {
                received++;
                Interlocked.Increment(ref eventsReceived);
                HandleEvent(type, obj);
            }
        }
        catch (OperationCanceledException) when (streamError is not null && !cancellationToken.IsCancellationRequested)
        {
        }

        return streamError switch
        {
            null => received,
            KubernetesException { Status: not null } status => throw ApiErrors.FromStatus(0, status.Status, status),
            _ => throw new KubernetesApiException($"the {Kind} watch stream failed: {streamError.Message}", streamError),
        };
    }

    private void HandleEvent(WatchEventType type, T obj)
    {
        switch (type)
        {
            case WatchEventType.Added:
            case WatchEventType.Modified:
                Prepare(obj);
                Apply(obj);
                break;
            case WatchEventType.Deleted:
                if (store.Remove(ObjectKey.From(obj), out _))
                {
                    Dispatch(h => h.OnDeleted?.Invoke(obj));
                }

                break;
            case WatchEventType.Bookmark:
            case WatchEventType.Error:
            default:
                break;
        }

        if (obj.Metadata?.ResourceVersion is { Length: > 0 } resourceVersion)
        {
            ResourceVersion = resourceVersion;
        }
    }

    private void Apply(T obj)
    {
        if (!store.Upsert(obj, out var previous))
        {
            return;
        }

        if (previous is null)
        {
            Dispatch(h => h.OnAdded?.Invoke(obj));
        }
        else
        {
            Dispatch(h => h.OnUpdated?.Invoke(previous, obj));
        }
    }

    private void Prepare(T obj)
    {
        if (Options.StripManagedFields && obj.Metadata is not null)
        {
            obj.Metadata.ManagedFields = null;
        }
    }

    private async Task RunResyncAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(Options.ResyncPeriod, Options.TimeProvider, cancellationToken);
            foreach (var obj in store.List())
            {
                Dispatch(h => h.OnResync?.Invoke(obj));
            }

            Interlocked.Increment(ref resyncs);
        }
    }

    private void Dispatch(Action<ResourceEventHandler<T>> invoke)
    {
        lock (dispatchGate)
        {
            foreach (var handler in handlers)
            {
                try
                {
                    invoke(handler);
                }
#pragma warning disable CA1031 // One faulty subscriber must not stop the cache.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogHandlerFailed(logger, e, Kind);
                }
            }
        }
    }

    private void Unsubscribe(ResourceEventHandler<T> handler)
    {
        lock (dispatchGate)
        {
            handlers = handlers.Where(h => !ReferenceEquals(h, handler)).ToArray();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cached {Count} {Kind} objects at resourceVersion {ResourceVersion} ({Phase})")]
    private static partial void LogListed(ILogger logger, string kind, int count, string? resourceVersion, string phase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Kind} from resourceVersion {ResourceVersion} expired ({Reason}); listing again")]
    private static partial void LogExpired(ILogger logger, string kind, string? resourceVersion, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} of {Kind} failed; retrying in {DelayMs:F0} ms")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, string kind, string operation, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "An event handler of the {Kind} informer threw")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string kind);

    private sealed class Subscription(ResourceInformer<T> informer, ResourceEventHandler<T> handler) : IDisposable
    {
        public void Dispose() => informer.Unsubscribe(handler);
    }
}

/// <summary>What the manager needs of any informer, whatever its kind.</summary>
public interface IInformer
{
    string Kind { get; }

    bool HasSynced { get; }

    Task RunAsync(CancellationToken cancellationToken);

    Task WaitForSyncAsync(CancellationToken cancellationToken);
}
