using System.Globalization;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Watch;

namespace ContactOperator.Emulators.Kubernetes.Storage;

/// <summary>
/// The in-memory "etcd": buckets of objects, one cluster-wide revision counter, the watch history and the
/// live watch subscriptions. Every commit happens under one lock, so events reach watchers in revision order.
/// </summary>
internal sealed class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, StoredObject>> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectKey> _byUid = new(StringComparer.Ordinal);
    private readonly List<WatchSubscription> _subscriptions = [];
    private readonly WatchHistory _history;
    private long _revision;

    public ObjectStore(int historyCapacity)
    {
        _history = new WatchHistory(historyCapacity);
    }

    public long CurrentResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _revision;
            }
        }
    }

    /// <summary>Number of open watch streams (tests wait for a client to be watching).</summary>
    public int OpenWatches
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count;
            }
        }
    }

    public StoredObject? Get(ObjectKey key)
    {
        lock (_gate)
        {
            return _buckets.TryGetValue(key.StorageKey, out var bucket) && bucket.TryGetValue(key.ItemKey, out var stored) ? stored : null;
        }
    }

    public StoredObject? GetByUid(string uid)
    {
        lock (_gate)
        {
            return _byUid.TryGetValue(uid, out var key) && _buckets.TryGetValue(key.StorageKey, out var bucket) &&
                bucket.TryGetValue(key.ItemKey, out var stored) ? stored : null;
        }
    }

    /// <summary>A snapshot of a bucket (optionally one namespace) in key order, starting after <paramref name="startAfter"/>.</summary>
    public (List<StoredObject> Items, long ResourceVersion) List(string storageKey, string? ns, string? startAfter = null)
    {
        lock (_gate)
        {
            var items = new List<StoredObject>();
            if (_buckets.TryGetValue(storageKey, out var bucket))
            {
                foreach (var (itemKey, stored) in bucket)
                {
                    if (startAfter is not null && string.CompareOrdinal(itemKey, startAfter) <= 0)
                    {
                        continue;
                    }
                    if (ns is null || stored.Namespace == ns)
                    {
                        items.Add(stored);
                    }
                }
            }
            return (items, _revision);
        }
    }

    /// <summary>Stores a new object; null when the key is taken. Sets <c>metadata.resourceVersion</c> on <paramref name="obj"/>.</summary>
    public StoredObject? Create(ObjectKey key, JsonObject obj)
    {
        lock (_gate)
        {
            var bucket = Bucket(key.StorageKey);
            if (bucket.ContainsKey(key.ItemKey))
            {
                return null;
            }
            var stored = Stamp(obj);
            bucket[key.ItemKey] = stored;
            _byUid[stored.Uid] = key;
            Publish(new WatchEvent(WatchEventType.Added, key.StorageKey, stored, null));
            return stored;
        }
    }

    /// <summary>Replaces the object if its current revision is <paramref name="expectedResourceVersion"/>; null otherwise.</summary>
    public StoredObject? Update(ObjectKey key, JsonObject obj, long expectedResourceVersion)
    {
        lock (_gate)
        {
            var bucket = Bucket(key.StorageKey);
            if (!bucket.TryGetValue(key.ItemKey, out var current) || current.ResourceVersion != expectedResourceVersion)
            {
                return null;
            }
            var stored = Stamp(obj);
            bucket[key.ItemKey] = stored;
            Publish(new WatchEvent(WatchEventType.Modified, key.StorageKey, stored, current));
            return stored;
        }
    }

    /// <summary>Removes the object if its current revision matches; the DELETED event carries <paramref name="finalState"/> at a new revision.</summary>
    public StoredObject? Delete(ObjectKey key, JsonObject finalState, long expectedResourceVersion)
    {
        lock (_gate)
        {
            var bucket = Bucket(key.StorageKey);
            if (!bucket.TryGetValue(key.ItemKey, out var current) || current.ResourceVersion != expectedResourceVersion)
            {
                return null;
            }
            bucket.Remove(key.ItemKey);
            _byUid.Remove(current.Uid);
            var stored = Stamp(finalState);
            Publish(new WatchEvent(WatchEventType.Deleted, key.StorageKey, stored, current));
            return stored;
        }
    }

    /// <summary>
    /// Opens a watch. With <paramref name="fromResourceVersion"/> the retained events after it are replayed first;
    /// null means "now". Throws <see cref="WatchExpiredException"/> when the history no longer reaches back that far.
    /// </summary>
    public WatchSubscription Subscribe(string storageKey, string? ns, long? fromResourceVersion)
    {
        lock (_gate)
        {
            if (fromResourceVersion is { } from && from < _history.CompactedThrough)
            {
                throw new WatchExpiredException(from, _history.CompactedThrough + 1);
            }
            var subscription = new WatchSubscription(storageKey, ns, Unsubscribe);
            if (fromResourceVersion is { } start)
            {
                foreach (var e in _history.After(start, storageKey))
                {
                    if (subscription.Accepts(e))
                    {
                        subscription.Publish(e);
                    }
                }
            }
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Atomically snapshots a bucket and opens a live feed from exactly that point (synthetic ADDED watches).</summary>
    public (WatchSubscription Subscription, List<StoredObject> Items, long ResourceVersion) SubscribeWithSnapshot(string storageKey, string? ns)
    {
        lock (_gate)
        {
            var (items, revision) = List(storageKey, ns);
            var subscription = new WatchSubscription(storageKey, ns, Unsubscribe);
            _subscriptions.Add(subscription);
            return (subscription, items, revision);
        }
    }

    /// <summary>Current revision if the subscription has nothing queued (safe to bookmark), else null.</summary>
    public long? BookmarkRevision(WatchSubscription subscription)
    {
        lock (_gate)
        {
            return subscription.Reader.Count == 0 ? _revision : null;
        }
    }

    public void DropAllWatches()
    {
        lock (_gate)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Drop();
            }
            _subscriptions.Clear();
        }
    }

    public void CompactHistory()
    {
        lock (_gate)
        {
            _history.Compact(_revision);
        }
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private SortedDictionary<string, StoredObject> Bucket(string storageKey)
    {
        if (!_buckets.TryGetValue(storageKey, out var bucket))
        {
            bucket = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
            _buckets[storageKey] = bucket;
        }
        return bucket;
    }

    private StoredObject Stamp(JsonObject obj)
    {
        _revision++;
        var metadata = obj["metadata"] as JsonObject ?? new JsonObject();
        obj["metadata"] = metadata;
        metadata["resourceVersion"] = _revision.ToString(CultureInfo.InvariantCulture);
        return StoredObject.From(obj, _revision);
    }

    private void Publish(WatchEvent e)
    {
        _history.Append(e);
        foreach (var subscription in _subscriptions)
        {
            if (subscription.Accepts(e))
            {
                subscription.Publish(e);
            }
        }
    }
}

/// <summary>The requested watch start is older than the retained history.</summary>
internal sealed class WatchExpiredException(long requested, long oldest)
    : Exception($"too old resource version: {requested} ({oldest})");
