using ContactOperator.AwsUsage;
using static ContactOperator.AwsUsage.AwsService;

namespace ContactOperator.Kinds.ContactInstances;

/// <summary>The AWS operations the ContactInstance controller calls.</summary>
internal static class ContactInstanceAwsOperations
{
    public static IReadOnlyList<AwsOperationUse> All { get; } =
    [
        // 0.1 rps (one every 10 s); burst 1 because no burst is published for these.
        Connect.Call("CreateInstance", new(0.1, 1)),
        Connect.Call("DeleteInstance", new(0.1, 1)),
        Connect.Call("DescribeInstance"),
        Connect.Call("ListInstances"),
        Connect.IdempotentWrite("UpdateInstanceAttribute"),
        Connect.Call("ListInstanceAttributes"),
        Connect.Call("AssociateInstanceStorageConfig"),
        Connect.IdempotentWrite("UpdateInstanceStorageConfig"),
        Connect.Call("DisassociateInstanceStorageConfig"),
        Connect.Call("ListInstanceStorageConfigs"),
        Connect.Call("AssociateLambdaFunction"),
        Connect.Call("DisassociateLambdaFunction"),
        Connect.Call("ListLambdaFunctions"),
        Connect.Call("AssociateBot"),
        Connect.Call("DisassociateBot"),
        Connect.Call("ListBots"),
        Connect.IdempotentWrite("TagResource"),
        Connect.IdempotentWrite("UntagResource"),
    ];
}
