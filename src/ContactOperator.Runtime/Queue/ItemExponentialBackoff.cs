namespace ContactOperator.Runtime.Queue;

/// <summary>
/// Per-item exponential backoff like controller-runtime's default rate limiter: the n-th consecutive failure of a key
/// waits <c>baseDelay × 2^(n-1)</c>, capped at <c>maxDelay</c> (5 ms → 1000 s by default), plus up to
/// <c>jitter</c> × delay of random extra so that keys failing together do not retry in lock-step.
/// <see cref="Forget"/> (on success) starts the key over.
/// </summary>
public sealed class ItemExponentialBackoff<TKey>
    where TKey : notnull
{
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(1000);

    private readonly Dictionary<TKey, int> failures = [];
    private readonly Lock gate = new();
    private readonly Random random;

    public ItemExponentialBackoff(TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, double jitter = 0.1, Random? random = null)
    {
        BaseDelay = baseDelay ?? DefaultBaseDelay;
        MaxDelay = maxDelay ?? DefaultMaxDelay;
        if (BaseDelay <= TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(baseDelay), "backoff needs 0 < baseDelay <= maxDelay");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        Jitter = jitter;
        this.random = random ?? Random.Shared;
    }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    public double Jitter { get; }

    /// <summary>Records one more failure of <paramref name="key"/> and returns how long to wait before retrying it.</summary>
    public TimeSpan When(TKey key)
    {
        int attempt;
        double jitterFraction;
        lock (gate)
        {
            failures.TryGetValue(key, out attempt);
            failures[key] = attempt + 1;
            jitterFraction = random.NextDouble() * Jitter;
        }

        // 2^attempt overflows quickly; beyond 2^40 the cap has long been reached.
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 40));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        var withJitter = Math.Min(capped * (1 + jitterFraction), MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(withJitter);
    }

    /// <summary>How many consecutive failures <paramref name="key"/> has had.</summary>
    public int Failures(TKey key)
    {
        lock (gate)
        {
            return failures.GetValueOrDefault(key);
        }
    }

    /// <summary>Clears the failure history of <paramref name="key"/> (call on success).</summary>
    public void Forget(TKey key)
    {
        lock (gate)
        {
            failures.Remove(key);
        }
    }
}
