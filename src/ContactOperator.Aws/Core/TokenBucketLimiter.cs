namespace ContactOperator.Aws.Core;

/// <summary>
/// A token bucket whose waiters queue in arrival order: each caller reserves the next token (the balance may go
/// negative) and waits, on the <see cref="TimeProvider"/>, until the bucket has refilled up to its reservation.
/// </summary>
public sealed class TokenBucketLimiter
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private double _tokens;
    private long _lastRefill;

    public TokenBucketLimiter(AwsRateLimit limit, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Limit = limit;
        _time = timeProvider;
        _tokens = limit.Burst;
        _lastRefill = timeProvider.GetTimestamp();
    }

    public AwsRateLimit Limit { get; }

    /// <summary>Waits for a token; returns how long the caller was held back.</summary>
    public async ValueTask<TimeSpan> WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            Refill();
            _tokens -= 1;
            wait = _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / Limit.RequestsPerSecond);
        }

        if (wait == TimeSpan.Zero)
        {
            return wait;
        }

        try
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                _tokens += 1;
            }

            throw;
        }

        return wait;
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastRefill, now).TotalSeconds;
        _lastRefill = now;
        _tokens = Math.Min(Limit.Burst, _tokens + (elapsed * Limit.RequestsPerSecond));
    }
}
