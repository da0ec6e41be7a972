using ContactOperator.Api.Kinds;
using Connect = ContactOperator.Aws.Connect;

namespace ContactOperator.Kinds.HoursOfOperations;

/// <summary>HoursOfOperation: weekly opening hours inside an instance.</summary>
public sealed class HoursOfOperationModule() : ConnectChildModule<HoursOfOperation, HoursOfOperationSpec, DesiredHours, ObservedHours>("hours of operation", HoursDelta.Compute)
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

    protected override async Task<ObservedHours> DescribeOrThrowAsync(InstancePlacement at, string id, DesiredHours desired, CancellationToken cancellationToken)
    {
        var hours = (await at.Client.DescribeHoursOfOperationAsync(new Connect.DescribeHoursOfOperationRequest { InstanceId = at.InstanceId, HoursOfOperationId = id }, cancellationToken)).HoursOfOperation
            ?? throw new InvalidOperationException($"DescribeHoursOfOperation {id} returned nothing");
        var slots = (hours.Config ?? []).Select(c => new HoursSlot(c.Day, c.StartTime.Hours, c.StartTime.Minutes, c.EndTime.Hours, c.EndTime.Minutes)).ToList();
        return new ObservedHours(hours.HoursOfOperationId ?? id, hours.HoursOfOperationArn ?? "", hours.Name ?? "", hours.Description, hours.TimeZone ?? "", slots, TagsOf(hours.Tags));
    }

    public override IAsyncEnumerable<(string Id, string Name)> ListNamesAsync(InstancePlacement at, CancellationToken cancellationToken) =>
        NamesOf(Connect.ConnectClientPaginators.ListHoursOfOperationsAllAsync(at.Client, new Connect.ListHoursOfOperationsRequest { InstanceId = at.InstanceId }, cancellationToken), s => s.Id, s => s.Name);

    public override async Task<CreatedResource> CreateAsync(InstancePlacement at, DesiredHours desired, CreateContext context, CancellationToken cancellationToken)
    {
        var response = await at.Client.CreateHoursOfOperationAsync(new Connect.CreateHoursOfOperationRequest
        {
            InstanceId = at.InstanceId, Name = desired.Name, Description = desired.Description, Tags = desired.Tags,
            TimeZone = desired.TimeZone,
            Config = HoursSlot.ToAws(desired.Config),
        }, cancellationToken);
        return Created(response.HoursOfOperationId, response.HoursOfOperationArn, "CreateHoursOfOperation");
    }

    public override ObservedHours? AsCreated(DesiredHours desired, CreatedResource created) => created.Arn is not { } arn ? null :
        new ObservedHours(created.Id, arn, desired.Name, desired.Description, desired.TimeZone, desired.Config, desired.Tags);

    public override Task DeleteAsync(InstancePlacement at, string id, CancellationToken cancellationToken) =>
        at.Client.DeleteHoursOfOperationAsync(new Connect.DeleteHoursOfOperationRequest { InstanceId = at.InstanceId, HoursOfOperationId = id }, cancellationToken);
}
