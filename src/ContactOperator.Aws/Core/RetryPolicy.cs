namespace ContactOperator.Aws.Core;

/// <summary>How one failed attempt ended, as far as retries care.</summary>
public enum AttemptFailure
{
    /// <summary>AWS answered with an error.</summary>
    ErrorResponse,

    /// <summary>The connection could not be made: the request never left this process.</summary>
    NotSent,

    /// <summary>The connection broke after the request may have been sent.</summary>
    NetworkError,

    /// <summary>Our per-attempt timeout fired; AWS may or may not have processed the request.</summary>
    Timeout,
}

/// <summary>
/// AWS standard retry semantics with our rule for mutations, in one place:
/// <list type="bullet">
/// <item>throttling (429 and the throttling codes) is retried for every operation: AWS did not process a throttled request;</item>
/// <item>a request that never left the process (connection refused) is retried for every operation;</item>
/// <item>5xx, timeouts and broken connections are retried only for reads and idempotent writes
/// (set semantics or an idempotency token), because a create or associate may already have happened;</item>
/// <item>everything else (invalid input, not found, conflict, quota) is never retried here.</item>
/// </list>
/// Backoff is exponential with full jitter: random(0, min(20 s, 100 ms × 2^(attempt-1))).
/// </summary>
public sealed class RetryPolicy
{
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan DefaultMaxBackoff = TimeSpan.FromSeconds(20);

    private readonly Func<double> _random;

    public RetryPolicy(int maxAttempts = 3, Func<double>? random = null, TimeSpan? baseDelay = null, TimeSpan? maxBackoff = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        MaxAttempts = maxAttempts;
        _random = random ?? Random.Shared.NextDouble;
        BaseDelay = baseDelay ?? DefaultBaseDelay;
        MaxBackoff = maxBackoff ?? DefaultMaxBackoff;
    }

    /// <summary>Total attempts including the first (AWS standard mode: 3).</summary>
    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxBackoff { get; }

    /// <summary>True when the failure may be retried for this operation (ignores attempt counts and budget).</summary>
    public static bool IsRetryable(RetrySafety safety, AttemptFailure failure, AwsErrorClass errorClass)
    {
        if (failure == AttemptFailure.NotSent || errorClass == AwsErrorClass.Throttling)
        {
            return true;
        }

        if (errorClass != AwsErrorClass.Transient)
        {
            return false;
        }

        return safety != RetrySafety.NotIdempotent;
    }

    /// <summary>Budget cost of retrying after this failure.</summary>
    public static int CostOf(AttemptFailure failure) =>
        failure == AttemptFailure.Timeout ? RetryBudget.TimeoutRetryCost : RetryBudget.RetryCost;

    /// <summary>Delay before attempt <paramref name="failedAttempt"/> + 1.</summary>
    public TimeSpan Backoff(int failedAttempt)
    {
        var exponent = Math.Min(failedAttempt - 1, 30);
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(_random() * ceiling);
    }
}
