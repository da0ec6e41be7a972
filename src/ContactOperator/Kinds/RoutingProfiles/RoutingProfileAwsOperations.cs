using ContactOperator.AwsUsage;
using static ContactOperator.AwsUsage.AwsService;

namespace ContactOperator.Kinds.RoutingProfiles;

/// <summary>The AWS operations the RoutingProfile controller calls.</summary>
internal static class RoutingProfileAwsOperations
{
    public static IReadOnlyList<AwsOperationUse> All { get; } =
    [
        Connect.Call("CreateRoutingProfile"),
        Connect.Call("DescribeRoutingProfile", new(10, 5)),
        Connect.Call("ListRoutingProfiles", new(10, 5)),
        Connect.IdempotentWrite("UpdateRoutingProfileName"),
        Connect.IdempotentWrite("UpdateRoutingProfileConcurrency"),
        Connect.IdempotentWrite("UpdateRoutingProfileDefaultOutboundQueue"),
        Connect.IdempotentWrite("UpdateRoutingProfileAgentAvailabilityTimer"),
        Connect.Call("AssociateRoutingProfileQueues"),
        Connect.Call("DisassociateRoutingProfileQueues"),
        Connect.IdempotentWrite("UpdateRoutingProfileQueues"),
        Connect.Call("ListRoutingProfileQueues"),
        Connect.Call("DeleteRoutingProfile"),
        Connect.IdempotentWrite("TagResource"),
        Connect.IdempotentWrite("UntagResource"),
    ];
}
