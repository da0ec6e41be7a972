using System.Collections.Concurrent;

namespace ContactOperator.Aws.Core;

/// <summary>
/// Holds one <see cref="TokenBucketLimiter"/> per (account, Region, service, operation), shared by every client that
/// uses the same registry, so all reconcilers in the process draw from one bucket per AWS quota.
/// </summary>
public sealed class AwsRateLimiterRegistry
{
    private readonly ConcurrentDictionary<(string Account, string Region, string Service, string Operation), TokenBucketLimiter?> _limiters = new();
    private readonly AwsRateLimitTable _table;
    private readonly TimeProvider _time;

    public AwsRateLimiterRegistry(TimeProvider timeProvider, AwsRateLimitTable? table = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _table = table ?? AwsRateLimitTable.Default;
    }

    /// <summary>The process-wide registry on the system clock with the default table.</summary>
    public static AwsRateLimiterRegistry Shared { get; } = new(TimeProvider.System);

    /// <summary>The limiter for one operation, or null when the operation is not limited.</summary>
    public TokenBucketLimiter? Get(string account, string region, string signingName, string operation) =>
        _limiters.GetOrAdd((account, region, signingName, operation), key =>
        {
            var limit = _table.Lookup(key.Service, key.Operation);
            return limit is null ? null : new TokenBucketLimiter(limit, _time);
        });
}
