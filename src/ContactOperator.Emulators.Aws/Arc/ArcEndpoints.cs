namespace ContactOperator.Emulators.Aws.Arc;

/// <summary>
/// The five Regional endpoints of every ARC cluster. Real ones look like
/// <c>https://host.route53-recovery-cluster.us-east-1.amazonaws.com/v1</c>; the emulator's keep the
/// <c>/v1</c> path and put the cluster and endpoint index in front of it on the emulator's own port:
/// <c>http://127.0.0.1:PORT/_arc/{clusterId}/{index}/v1</c>.
/// </summary>
internal static class ArcEndpoints
{
    public static readonly IReadOnlyList<string> Regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "ap-southeast-2"];

    public static int Count => Regions.Count;

    public static string Url(Uri emulator, string clusterId, int index) =>
        new Uri(emulator, $"_arc/{clusterId}/{index}/v1").ToString();
}
