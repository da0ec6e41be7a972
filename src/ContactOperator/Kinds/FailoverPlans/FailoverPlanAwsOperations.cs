using ContactOperator.AwsUsage;
using static ContactOperator.AwsUsage.AwsService;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>The AWS operations the FailoverPlan controller calls: Connect Global Resiliency and Route 53 ARC.</summary>
internal static class FailoverPlanAwsOperations
{
    public static IReadOnlyList<AwsOperationUse> All { get; } =
    [
        Connect.Call("DescribeInstance"),
        Connect.Call("ListInstances"),
        Connect.Call("ReplicateInstance"),
        Connect.Call("DeleteInstance", new(0.1, 1)),
        Connect.Call("ListQueues"),
        Connect.Read("GetCurrentMetricData", new(5, 8)),
        Connect.Call("CreateTrafficDistributionGroup"),
        Connect.Call("DescribeTrafficDistributionGroup"),
        Connect.Call("ListTrafficDistributionGroups"),
        Connect.Call("DeleteTrafficDistributionGroup"),
        Connect.Call("GetTrafficDistribution"),
        Connect.IdempotentWrite("UpdateTrafficDistribution"),
        ArcControlConfig.Call("DescribeCluster"),
        ArcControlConfig.Call("CreateControlPanel"),
        ArcControlConfig.Call("DescribeControlPanel"),
        ArcControlConfig.Call("ListControlPanels"),
        ArcControlConfig.Call("DeleteControlPanel"),
        ArcControlConfig.Call("CreateRoutingControl"),
        ArcControlConfig.Call("DescribeRoutingControl"),
        ArcControlConfig.Call("ListRoutingControls"),
        ArcControlConfig.Call("DeleteRoutingControl"),
        ArcControlConfig.Call("CreateSafetyRule"),
        ArcControlConfig.Call("DescribeSafetyRule"),
        ArcControlConfig.Call("ListSafetyRules"),
        ArcControlConfig.Call("DeleteSafetyRule"),
        ArcCluster.Read("GetRoutingControlState"),
        // 3 mutating calls per second per cluster endpoint.
        ArcCluster.IdempotentWrite("UpdateRoutingControlStates", new(3, 3)),
    ];
}
