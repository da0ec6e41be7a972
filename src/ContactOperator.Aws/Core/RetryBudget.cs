namespace ContactOperator.Aws.Core;

/// <summary>
/// The AWS standard-mode retry quota: a token bucket that each retry draws from and each success refills,
/// so that when a service is down the clients stop retrying instead of multiplying the load.
/// Constants as in aws-sdk-go-v2 <c>aws/retry/standard.go</c>: 500 tokens, 5 per retry, 10 per retry after a timeout,
/// a success refunds what its retry cost, a first-try success adds 1.
/// </summary>
public sealed class RetryBudget
{
    public const int DefaultCapacity = 500;
    public const int RetryCost = 5;
    public const int TimeoutRetryCost = 10;
    public const int NoRetryIncrement = 1;

    private readonly Lock _gate = new();
    private int _available;

    public RetryBudget(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _available = capacity;
    }

    public int Capacity { get; }

    public int Available
    {
        get
        {
            lock (_gate)
            {
                return _available;
            }
        }
    }

    /// <summary>Takes the cost of one retry; false when the budget cannot pay (then do not retry).</summary>
    public bool TryAcquire(int cost)
    {
        lock (_gate)
        {
            if (_available < cost)
            {
                return false;
            }

            _available -= cost;
            return true;
        }
    }

    /// <summary>Records a successful call; <paramref name="lastRetryCost"/> is what its last retry cost (0 if it succeeded first time).</summary>
    public void OnSuccess(int lastRetryCost)
    {
        lock (_gate)
        {
            _available = Math.Min(Capacity, _available + (lastRetryCost > 0 ? lastRetryCost : NoRetryIncrement));
        }
    }
}

/// <summary>Process-wide retry budgets, one per (account, Region, service), used when options name none.</summary>
internal static class SharedRetryBudgets
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, string), RetryBudget> Budgets = new();

    public static RetryBudget For(string account, string region, string signingName) =>
        Budgets.GetOrAdd((account, region, signingName), _ => new RetryBudget());
}
