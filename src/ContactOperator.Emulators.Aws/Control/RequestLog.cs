namespace ContactOperator.Emulators.Aws.Control;

/// <summary>
/// Thread-safe request log holding the most recent entries (bounded, so a long-running emulator does not
/// grow without limit) and cumulative counters per service, Region, operation and error code.
/// </summary>
internal sealed class RequestLog(int capacity)
{
    private readonly Lock gate = new();
    private readonly Queue<AwsRequestLogEntry> entries = new();
    private readonly Dictionary<(string Service, string Region, string Operation, string? ErrorCode), int> counters = [];

    public void Add(AwsRequestLogEntry entry)
    {
        lock (gate)
        {
            entries.Enqueue(entry);
            while (entries.Count > capacity)
            {
                entries.Dequeue();
            }

            var key = (entry.Service, entry.Region, entry.Operation, entry.ErrorCode);
            counters[key] = counters.GetValueOrDefault(key) + 1;
        }
    }

    public IReadOnlyList<AwsRequestLogEntry> Snapshot()
    {
        lock (gate)
        {
            return [.. entries];
        }
    }

    public int Count(string operation, string? errorCode, string? service, string? region)
    {
        lock (gate)
        {
            return counters.Where(p => p.Key.Operation == operation
                    && (errorCode is null || p.Key.ErrorCode == errorCode)
                    && (service is null || p.Key.Service == service)
                    && (region is null || p.Key.Region == region))
                .Sum(p => p.Value);
        }
    }

    public Dictionary<string, int> CountsByOperation()
    {
        lock (gate)
        {
            return counters.GroupBy(p => $"{p.Key.Service}/{p.Key.Operation}")
                .ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);
        }
    }

    /// <summary>Forgets entries and counters.</summary>
    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
            counters.Clear();
        }
    }
}
