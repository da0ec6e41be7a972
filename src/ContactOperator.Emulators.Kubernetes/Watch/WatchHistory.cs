namespace ContactOperator.Emulators.Kubernetes.Watch;

/// <summary>A bounded ring of recent events for resuming watches; anything older is "compacted".</summary>
internal sealed class WatchHistory
{
    private readonly WatchEvent?[] _ring;
    private int _start;
    private int _count;

    public WatchHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new WatchEvent?[capacity];
    }

    /// <summary>Every event with a resourceVersion greater than this is retained.</summary>
    public long CompactedThrough { get; private set; }

    public void Append(WatchEvent watchEvent)
    {
        if (_count == _ring.Length)
        {
            CompactedThrough = _ring[_start]!.ResourceVersion;
            _ring[_start] = null;
            _start = (_start + 1) % _ring.Length;
            _count--;
        }
        _ring[(_start + _count) % _ring.Length] = watchEvent;
        _count++;
    }

    public void Compact(long throughResourceVersion)
    {
        Array.Clear(_ring);
        _start = 0;
        _count = 0;
        CompactedThrough = throughResourceVersion;
    }

    public IEnumerable<WatchEvent> After(long resourceVersion, string storageKey)
    {
        for (var i = 0; i < _count; i++)
        {
            var e = _ring[(_start + i) % _ring.Length]!;
            if (e.ResourceVersion > resourceVersion && e.StorageKey == storageKey)
            {
                yield return e;
            }
        }
    }
}
