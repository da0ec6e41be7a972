using ContactOperator.Emulators.Aws.Faults;

namespace ContactOperator.Emulators.Aws.Connect;

/// <summary>
/// Default Connect API rate limits per account and Region (reference/aws-quotas-and-operator-anchors.md §1):
/// 2 rps burst 5 unless listed; bursts are not published for the per-API rates, so 5 is assumed.
/// </summary>
internal static class ConnectRateLimits
{
    private static readonly RateLimit Default = new(2, 5);

    private static readonly Dictionary<string, RateLimit> PerOperation = new(StringComparer.Ordinal)
    {
        ["CreateInstance"] = new(0.1, 5),
        ["DeleteInstance"] = new(0.1, 5),
        ["DescribeRoutingProfile"] = new(10, 10),
        ["ListRoutingProfiles"] = new(10, 10),
        ["DescribeQueue"] = new(10, 10),
        ["GetCurrentMetricData"] = new(5, 8),
        ["GetMetricData"] = new(5, 8),
        ["GetMetricDataV2"] = new(10, 10),
    };

    public static RateLimit For(string operation) => PerOperation.GetValueOrDefault(operation, Default);
}
