namespace ContactOperator.Emulators.Aws.Control;

/// <summary>Thread-safe request log with per-operation counters.</summary>
internal sealed class RequestLog
{
    private readonly Lock gate = new();
    private readonly List<AwsRequestLogEntry> entries = [];

    public void Add(AwsRequestLogEntry entry)
    {
        lock (gate)
        {
            entries.Add(entry);
        }
    }

    public IReadOnlyList<AwsRequestLogEntry> Snapshot()
    {
        lock (gate)
        {
            return [.. entries];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }
}
