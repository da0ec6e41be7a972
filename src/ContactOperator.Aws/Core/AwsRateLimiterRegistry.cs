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

    public AwsRateLimiterRegistry(TimeProvider timeProvider, AwsRateLimitTable table)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(table);
        _time = timeProvider;
        _table = table;
    }

    /// <summary>
    /// The limiter for one operation, or null when the operation is not limited. It keeps one token of the quota's burst
    /// in reserve: requests sent at exactly the quota's pace arrive with network jitter, a little closer together than
    /// they left, and AWS's bucket would answer the early one with a 429; the spare token absorbs that.
    /// </summary>
    public TokenBucketLimiter? Get(string account, string region, string signingName, string operation) =>
        _limiters.GetOrAdd((account, region, signingName, operation), key =>
        {
            var limit = _table.Lookup(key.Service, key.Operation);
            return limit is null ? null : new TokenBucketLimiter(limit with { Burst = Math.Max(1, limit.Burst - 1) }, _time);
        });
}
