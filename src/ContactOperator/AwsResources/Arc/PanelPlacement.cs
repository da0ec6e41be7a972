using ContactOperator.Aws.Arc;
using ContactOperator.AwsResources;

namespace ContactOperator.AwsResources.Arc;

/// <summary>A Route 53 ARC resource in a control panel (routing controls, safety rules).</summary>
public sealed record PanelPlacement(IArcControlConfigClient Client, string ClusterArn, string ControlPanelArn) : IAwsPlacement
{
    public string Region => ArcRegion.ControlPlane;

    public string NameScope => ControlPanelArn;
}
