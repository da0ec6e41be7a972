namespace ContactOperator.Aws.Core;

/// <summary>A token-bucket rate: <paramref name="RequestsPerSecond"/> sustained, up to <paramref name="Burst"/> at once.</summary>
public sealed record AwsRateLimit(double RequestsPerSecond, int Burst)
{
    /// <summary>Connect's generic default for most APIs: 2 rps, burst 5 (admin guide, service limits).</summary>
    public static readonly AwsRateLimit ConnectDefault = new(2, 5);
}
