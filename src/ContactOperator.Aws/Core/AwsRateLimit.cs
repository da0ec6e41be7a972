namespace ContactOperator.Aws.Core;

/// <summary>A token-bucket rate: <paramref name="RequestsPerSecond"/> sustained, up to <paramref name="Burst"/> at once.</summary>
public sealed record AwsRateLimit(double RequestsPerSecond, int Burst);
