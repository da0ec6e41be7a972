using ContactOperator.AwsUsage;
using static ContactOperator.AwsUsage.AwsService;

namespace ContactOperator.Metrics;

/// <summary>The AWS operations the contact-center exporter calls (<see cref="InstancePoller"/>).</summary>
internal static class ContactCenterExporterAwsOperations
{
    public static IReadOnlyList<AwsOperationUse> All { get; } =
    [
        Connect.Read("GetCurrentMetricData", new(5, 8)),
        Connect.Read("GetMetricDataV2", new(10, 5)),
    ];
}
