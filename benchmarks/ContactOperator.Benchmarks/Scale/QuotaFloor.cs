using ContactOperator.Emulators.Aws;
using ContactOperator.Emulators.Aws.Faults;

namespace ContactOperator.Benchmarks.Scale;

/// <summary>
/// The writes of one operation in one Region and the least time its token bucket allows for them. <c>Refusals</c> are
/// refused calls the result needed (one per object over a resource quota): they take a token too.
/// </summary>
public sealed record OperationFloor(string Region, string Operation, int Writes, int Refusals, RateLimit Limit)
{
    /// <summary>A full bucket serves <c>Burst</c> calls at once; every further call waits 1/rate.</summary>
    public TimeSpan Minimum => TimeSpan.FromSeconds(Math.Max(0, Writes + Refusals - Math.Floor(Limit.Burst)) / Limit.RequestsPerSecond);
}

/// <summary>
/// The least time AWS's per-operation rate limits allow for the writes a run needed. Writes needed = the successful
/// (2xx) calls of every Connect operation that changes state (all but Describe*, List*, Get*, Search*): a throttled or
/// refused call is not a write the result needed, except one refused create per object over a resource quota (the
/// breach mode), which the operator cannot avoid and which takes a token like any call. Each operation has its own bucket per account and Region and the
/// buckets refill independently, so the floor is the slowest bucket, plus the wait for an instance to become ACTIVE,
/// before which no configuration can be written.
/// </summary>
public sealed record QuotaFloor(IReadOnlyList<OperationFloor> Operations, TimeSpan InstanceActivation)
{
    public TimeSpan Total => InstanceActivation + (Operations.Count == 0 ? TimeSpan.Zero : Operations.Max(o => o.Minimum));

    public OperationFloor? Slowest => Operations.MaxBy(o => o.Minimum);

    public static bool IsWrite(string operation) =>
        !(operation.StartsWith("Describe", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal)
          || operation.StartsWith("Get", StringComparison.Ordinal) || operation.StartsWith("Search", StringComparison.Ordinal));

    /// <summary><c>necessaryRefusals</c>: per (Region, operation), refused calls the result needs, e.g. one create per object over a quota.</summary>
    public static QuotaFloor Compute(
        IEnumerable<AwsRequestLogEntry> calls, Func<string, RateLimit?> connectLimitOf, TimeSpan instanceActivation,
        IReadOnlyDictionary<(string Region, string Operation), int>? necessaryRefusals = null)
    {
        var operations = calls
            .Where(c => c.Service == "connect" && c.ErrorCode is null && IsWrite(c.Operation))
            .GroupBy(c => (c.Region, c.Operation))
            .Select(g => connectLimitOf(g.Key.Operation) is { } limit
                ? new OperationFloor(g.Key.Region, g.Key.Operation, g.Count(), necessaryRefusals?.GetValueOrDefault(g.Key) ?? 0, limit)
                : null)
            .OfType<OperationFloor>()
            .OrderByDescending(o => o.Minimum)
            .ThenBy(o => o.Region, StringComparer.Ordinal)
            .ThenBy(o => o.Operation, StringComparer.Ordinal)
            .ToList();
        return new QuotaFloor(operations, instanceActivation);
    }
}
