using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;

namespace ContactOperator.Runtime.Caching;

/// <summary>The informer's thread-safe map of key → latest object, with secondary indexes.</summary>
internal sealed class ObjectStore<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock gate = new();
    private readonly Dictionary<ObjectKey, T> items = [];
    private readonly Dictionary<string, Index> indexes = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return items.Count;
            }
        }
    }

    public T? Get(ObjectKey key)
    {
        lock (gate)
        {
            return items.GetValueOrDefault(key);
        }
    }

    public List<T> List()
    {
        lock (gate)
        {
            return [.. items.Values];
        }
    }

    public List<ObjectKey> Keys()
    {
        lock (gate)
        {
            return [.. items.Keys];
        }
    }

    /// <summary>Stores <paramref name="obj"/>; returns the previous state, or null if it is new. Returns false when nothing changed (same resourceVersion).</summary>
    public bool Upsert(T obj, out T? previous)
    {
        var key = ObjectKey.From(obj);
        lock (gate)
        {
            if (items.TryGetValue(key, out previous) && previous.Metadata.ResourceVersion == obj.Metadata.ResourceVersion)
            {
                return false;
            }

            if (previous is not null)
            {
                Unindex(key, previous);
            }

            items[key] = obj;
            IndexObject(key, obj);
            return true;
        }
    }

    public bool Remove(ObjectKey key, out T? removed)
    {
        lock (gate)
        {
            if (!items.Remove(key, out removed))
            {
                return false;
            }

            Unindex(key, removed);
            return true;
        }
    }

    public void AddIndex(string name, Func<T, IEnumerable<string>> indexFunc)
    {
        lock (gate)
        {
            if (indexes.ContainsKey(name))
            {
                throw new InvalidOperationException($"index '{name}' is already defined");
            }

            var index = new Index(indexFunc);
            indexes[name] = index;
            foreach (var (key, obj) in items)
            {
                index.Add(key, obj);
            }
        }
    }

    public bool HasIndex(string name)
    {
        lock (gate)
        {
            return indexes.ContainsKey(name);
        }
    }

    public List<T> ByIndex(string name, string value)
    {
        lock (gate)
        {
            if (!indexes.TryGetValue(name, out var index))
            {
                throw new InvalidOperationException($"no index named '{name}'; add it with AddIndex first");
            }

            return index.Keys(value).Select(k => items[k]).ToList();
        }
    }

    private void IndexObject(ObjectKey key, T obj)
    {
        foreach (var index in indexes.Values)
        {
            index.Add(key, obj);
        }
    }

    private void Unindex(ObjectKey key, T obj)
    {
        foreach (var index in indexes.Values)
        {
            index.Remove(key, obj);
        }
    }

    private sealed class Index(Func<T, IEnumerable<string>> indexFunc)
    {
        private readonly Dictionary<string, HashSet<ObjectKey>> byValue = new(StringComparer.Ordinal);

        public void Add(ObjectKey key, T obj)
        {
            foreach (var value in indexFunc(obj))
            {
                if (!byValue.TryGetValue(value, out var keys))
                {
                    byValue[value] = keys = [];
                }

                keys.Add(key);
            }
        }

        public void Remove(ObjectKey key, T obj)
        {
            foreach (var value in indexFunc(obj))
            {
                if (byValue.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    byValue.Remove(value);
                }
            }
        }

        private static readonly HashSet<ObjectKey> None = [];

    public HashSet<ObjectKey> Keys(string value) => byValue.TryGetValue(value, out var keys) ? keys : None;
    }
}
