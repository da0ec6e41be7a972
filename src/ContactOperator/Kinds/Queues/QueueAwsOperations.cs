using ContactOperator.AwsUsage;
using static ContactOperator.AwsUsage.AwsService;

namespace ContactOperator.Kinds.Queues;

/// <summary>The AWS operations the Queue controller calls.</summary>
internal static class QueueAwsOperations
{
    public static IReadOnlyList<AwsOperationUse> All { get; } =
    [
        Connect.Call("CreateQueue"),
        Connect.Call("DescribeQueue", new(10, 5)),
        Connect.Call("ListQueues"),
        Connect.IdempotentWrite("UpdateQueueName"),
        Connect.IdempotentWrite("UpdateQueueHoursOfOperation"),
        Connect.IdempotentWrite("UpdateQueueMaxContacts"),
        Connect.IdempotentWrite("UpdateQueueOutboundCallerConfig"),
        Connect.IdempotentWrite("UpdateQueueStatus"),
        Connect.Call("DeleteQueue"),
        Connect.IdempotentWrite("TagResource"),
        Connect.IdempotentWrite("UntagResource"),
    ];
}
