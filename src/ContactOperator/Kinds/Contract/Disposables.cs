namespace ContactOperator.Kinds.Contract;

/// <summary>
/// What the kinds create for one manager and must release with it (AWS clients made on demand, the incident bridge's
/// HTTP client). The registration that builds <see cref="SyncServices"/> disposes it; the kind modules themselves are
/// shared by every manager of the process and hold no state.
/// </summary>
public sealed class Disposables : IDisposable
{
    private readonly List<IDisposable> owned = [];
    private readonly Lock gate = new();

    /// <summary>Takes <paramref name="disposable"/> into the list and returns it.</summary>
    public T Add<T>(T disposable)
        where T : IDisposable
    {
        lock (gate)
        {
            owned.Add(disposable);
        }
        return disposable;
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var disposable in owned)
            {
                disposable.Dispose();
            }
            owned.Clear();
        }
    }
}
