using ContactOperator.Aws.Core;

namespace ContactOperator.Aws.Tests.Support;

/// <summary>
/// A rate-limit table sized from the documented Connect and ARC quotas, as the operator's (which it derives from its
/// kinds' declarations, src/ContactOperator/Kinds/AwsOperationCatalog.cs): these tests need realistic limits to check
/// the client against, not the operator's exact ones.
/// </summary>
internal static class TestRateLimits
{
    public static AwsRateLimitTable Documented { get; } = new(
        new Dictionary<string, AwsRateLimit>
        {
            ["connect:CreateInstance"] = new(0.1, 1),
            ["connect:DeleteInstance"] = new(0.1, 1),
            ["connect:DescribeRoutingProfile"] = new(10, 5),
            ["connect:ListRoutingProfiles"] = new(10, 5),
            ["connect:DescribeQueue"] = new(10, 5),
            ["connect:GetCurrentMetricData"] = new(5, 8),
            ["connect:GetMetricDataV2"] = new(10, 5),
            ["route53-recovery-cluster:UpdateRoutingControlStates"] = new(3, 3),
        },
        new Dictionary<string, AwsRateLimit>
        {
            ["connect"] = new(2, 5),
            ["route53-recovery-control-config"] = new(2, 5),
        });
}
