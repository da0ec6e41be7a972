namespace ContactOperator.Api.Kinds;

/// <summary>
/// Amazon Connect Global Resiliency region pairs (admin guide, setup-connect-global-resiliency and
/// create-replica-connect-instance): us-east-1↔us-west-2, eu-central-1↔eu-west-2, ap-northeast-1→ap-northeast-3.
/// </summary>
public static class GlobalResiliencyRegions
{
    private static readonly Dictionary<string, string> PrimaryOfReplica = new(StringComparer.Ordinal)
    {
        ["us-west-2"] = "us-east-1",
        ["us-east-1"] = "us-west-2",
        ["eu-west-2"] = "eu-central-1",
        ["eu-central-1"] = "eu-west-2",
        ["ap-northeast-3"] = "ap-northeast-1",
    };

    /// <summary>The only region a replica in <paramref name="replicaRegion"/> can be paired with, or null when it cannot hold a replica.</summary>
    public static string? PrimaryFor(string? replicaRegion) =>
        replicaRegion is not null && PrimaryOfReplica.TryGetValue(replicaRegion, out var primary) ? primary : null;

    /// <summary>Whether an instance in <paramref name="primary"/> can be replicated to <paramref name="replica"/>.</summary>
    public static bool IsSupportedPair(string? primary, string? replica) => primary is not null && PrimaryFor(replica) == primary;

    public const string Description = "us-east-1<->us-west-2, eu-central-1<->eu-west-2, ap-northeast-1->ap-northeast-3";
}
