using ContactOperator.AwsUsage;
using static ContactOperator.AwsUsage.AwsService;

namespace ContactOperator.Kinds.HoursOfOperations;

/// <summary>The AWS operations the HoursOfOperation controller calls.</summary>
internal static class HoursOfOperationAwsOperations
{
    public static IReadOnlyList<AwsOperationUse> All { get; } =
    [
        Connect.Call("CreateHoursOfOperation"),
        Connect.Call("DescribeHoursOfOperation"),
        Connect.Call("ListHoursOfOperations"),
        Connect.IdempotentWrite("UpdateHoursOfOperation"),
        Connect.Call("DeleteHoursOfOperation"),
        Connect.IdempotentWrite("TagResource"),
        Connect.IdempotentWrite("UntagResource"),
    ];
}
