using System.Collections.Concurrent;

namespace ContactOperator.AwsResources;

/// <summary>
/// Name → AWS id of every resource of one kind in one scope (an instance, a region), listed once and shared by the
/// creates in that scope, so creating N resources costs a few page-throughs instead of N.
/// <para>
/// A listing answers for an object only if it started after the object was created in Kubernetes: a resource left
/// by a lost create for that object (crash, lost response) can only be younger than the object, and this process
/// adds its own creates as it makes them. A burst of objects applied together therefore shares one listing per second
/// of the burst. A listing also expires after <c>maxAge</c>, and a duplicate-name error from AWS drops it.
/// </para>
/// </summary>
public sealed class NameIndex(TimeProvider time, TimeSpan maxAge)
{
    /// <summary>Kubernetes timestamps have whole seconds: an object stamped 12:00:00 may have been created at 12:00:00.9.</summary>
    private static readonly TimeSpan TimestampResolution = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Listing> listings = new(StringComparer.Ordinal);

    /// <summary>
    /// The id of the resource named <paramref name="name"/> in the scope, from a listing that started after
    /// <paramref name="objectCreated"/> (listing the scope again when the current one is older).
    /// </summary>
    public async Task<string?> FindAsync(
        string kind, string scope, string name, DateTimeOffset? objectCreated, StringComparer comparer,
        Func<CancellationToken, IAsyncEnumerable<(string Id, string Name)>> list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        var key = Key(kind, scope);
        // The object exists now (it is being reconciled), so a listing that starts from now on covers it too.
        var calledAt = time.GetUtcNow();
        var coveredFrom = objectCreated is { } created && created + TimestampResolution < calledAt ? created + TimestampResolution : calledAt;
        while (true)
        {
            var now = time.GetUtcNow();
            var current = listings.GetValueOrDefault(key);
            if (current is null || current.StartedAt < coveredFrom || now - current.StartedAt > maxAge || current.Entries.IsFaulted || current.Entries.IsCanceled)
            {
                var fresh = new Listing(now, comparer, list, cancellationToken);
                if (current is null ? !listings.TryAdd(key, fresh) : !listings.TryUpdate(key, fresh, current))
                {
                    continue;
                }
                current = fresh;
            }
            try
            {
                return await current.FindAsync(name);
            }
            catch when (!cancellationToken.IsCancellationRequested)
            {
                listings.TryRemove(new KeyValuePair<string, Listing>(key, current));
                throw;
            }
        }
    }

    /// <summary>Records a resource this process just created.</summary>
    public void Add(string kind, string scope, string name, string id)
    {
        if (listings.TryGetValue(Key(kind, scope), out var listing))
        {
            listing.Set(name, id);
        }
    }

    /// <summary>Forgets the scope, so the next lookup lists it again.</summary>
    public void Invalidate(string kind, string scope) => listings.TryRemove(Key(kind, scope), out _);

    private static string Key(string kind, string scope) => $"{kind}\n{scope}";

    private sealed class Listing
    {
        private readonly ConcurrentDictionary<string, string> idsByName;
        private readonly Lazy<Task> entries;

        public Listing(DateTimeOffset startedAt, StringComparer comparer, Func<CancellationToken, IAsyncEnumerable<(string Id, string Name)>> list, CancellationToken cancellationToken)
        {
            StartedAt = startedAt;
            idsByName = new ConcurrentDictionary<string, string>(comparer);
            entries = new Lazy<Task>(() => FillAsync(list, cancellationToken));
        }

        public DateTimeOffset StartedAt { get; }

        public Task Entries => entries.Value;

        public async Task<string?> FindAsync(string name)
        {
            await Entries;
            return idsByName.GetValueOrDefault(name);
        }

        /// <summary>A create made while the listing runs is kept even if the listing started before it.</summary>
        public void Set(string name, string id) => idsByName[name] = id;

        private async Task FillAsync(Func<CancellationToken, IAsyncEnumerable<(string Id, string Name)>> list, CancellationToken cancellationToken)
        {
            await foreach (var (id, name) in list(cancellationToken))
            {
                idsByName.TryAdd(name, id);
            }
        }
    }
}
