using Connect = ContactOperator.Aws.Connect;
using ContactOperator.Api.Kinds;
using ContactOperator.AwsResources.Connect;
using ContactOperator.Kinds.Contract;

namespace ContactOperator.Kinds.HoursOfOperations;

/// <summary>HoursOfOperation: weekly opening hours inside an instance.</summary>
public sealed class HoursOfOperationModule() : ConnectChildModule<HoursOfOperation, HoursOfOperationSpec, DesiredHours, ObservedHours>(new HoursOfOperationResourceManager())
{
    public override IReadOnlyList<AwsUsage.AwsOperationUse> AwsOperations => HoursOfOperationAwsOperations.All;

    protected override Resolution<DesiredHours> Map(HoursOfOperation resource, string owner, ObjectLookup lookup) =>
        Resolution.Ready(Desired(resource.Spec, resource.Metadata.Name, owner));

    public static DesiredHours Desired(HoursOfOperationSpec spec, string objectName, string owner) => new(
        spec.Name ?? objectName,
        spec.Description,
        spec.TimeZone,
        spec.Config.Select(Slot).ToList(),
        TagDelta.Desired(spec.Tags, owner));

    private static HoursSlot Slot(HoursOfOperationSlot slot)
    {
        var start = ClockTime.ToMinutes(slot.StartTime);
        var end = ClockTime.ToMinutes(slot.EndTime);
        return new HoursSlot(slot.Day, start / 60, start % 60, end / 60, end % 60);
    }
}
