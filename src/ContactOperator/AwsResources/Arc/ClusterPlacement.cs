using ContactOperator.Aws.Arc;
using ContactOperator.AwsResources;

namespace ContactOperator.AwsResources.Arc;

/// <summary>A Route 53 ARC resource in a cluster (a control panel). ARC's control plane answers in one Region for the world.</summary>
public sealed record ClusterPlacement(IArcControlConfigClient Client, string ClusterArn) : IAwsPlacement
{
    public string Region => ArcRegion.ControlPlane;

    public string NameScope => ClusterArn;
}

/// <summary>Where Route 53 ARC's control-plane API lives.</summary>
public static class ArcRegion
{
    public const string ControlPlane = "us-west-2";
}
