using System.Threading.Channels;

namespace ContactOperator.Emulators.Kubernetes.Watch;

/// <summary>A live feed of one storage bucket's events (optionally one namespace) for one watch request.</summary>
internal sealed class WatchSubscription : IDisposable
{
    private readonly Channel<WatchEvent> _channel = Channel.CreateUnbounded<WatchEvent>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Action<WatchSubscription> _unsubscribe;

    public WatchSubscription(string storageKey, string? ns, Action<WatchSubscription> unsubscribe)
    {
        StorageKey = storageKey;
        Namespace = ns;
        _unsubscribe = unsubscribe;
    }

    public string StorageKey { get; }

    public string? Namespace { get; }

    public ChannelReader<WatchEvent> Reader => _channel.Reader;

    /// <summary>Set when the server dropped the stream on purpose (fault injection, or the client fell too far behind).</summary>
    public bool Dropped { get; private set; }

    public bool Accepts(WatchEvent e) =>
        e.StorageKey == StorageKey && (Namespace is null || e.Object.Namespace == Namespace);

    /// <summary>A watcher this far behind is dropped (it re-watches), so a stalled client cannot grow memory without bound.</summary>
    public const int MaxQueuedEvents = 50_000;

    public void Publish(WatchEvent e)
    {
        if (_channel.Reader.Count >= MaxQueuedEvents)
        {
            Drop();
            return;
        }
        _channel.Writer.TryWrite(e);
    }

    public void Drop()
    {
        Dropped = true;
        _channel.Writer.TryComplete(new OperationCanceledException("watch dropped"));
    }

    public void Dispose()
    {
        _unsubscribe(this);
        _channel.Writer.TryComplete();
    }
}
