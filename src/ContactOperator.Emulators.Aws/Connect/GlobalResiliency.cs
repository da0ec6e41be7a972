namespace ContactOperator.Emulators.Aws.Connect;

/// <summary>
/// Amazon Connect Global Resiliency Region pairs (admin guide, setup-connect-global-resiliency):
/// us-east-1↔us-west-2, eu-central-1↔eu-west-2, ap-northeast-1→ap-northeast-3.
/// </summary>
internal static class GlobalResiliency
{
    private static readonly HashSet<(string Source, string Replica)> Pairs =
    [
        ("us-east-1", "us-west-2"),
        ("us-west-2", "us-east-1"),
        ("eu-central-1", "eu-west-2"),
        ("eu-west-2", "eu-central-1"),
        ("ap-northeast-1", "ap-northeast-3"),
    ];

    public static bool CanReplicate(string source, string replica) => Pairs.Contains((source, replica));

    public static string Describe() => "us-east-1<->us-west-2, eu-central-1<->eu-west-2, ap-northeast-1->ap-northeast-3";
}
