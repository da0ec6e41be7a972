using System.Runtime.CompilerServices;
using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Connect;
using ContactOperator.Controllers.Sync;
using HoursOfOperation = ContactOperator.Api.Kinds.HoursOfOperation;

namespace ContactOperator.Kinds.HoursOfOperations;

/// <summary>HoursOfOperation: weekly opening hours inside an instance.</summary>
public sealed class HoursOfOperationModule : ConnectChildModule<HoursOfOperation, DesiredHours, ObservedHours>
{
    public override string AwsKind => "hours of operation";

    public override ResourceReference InstanceRef(HoursOfOperation resource) => resource.Spec.InstanceRef;

    public override string DeletionPolicy(HoursOfOperation resource) => resource.Spec.DeletionPolicy;

    public override string DesiredName(DesiredHours desired) => desired.Name;

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
        var hours = (await at.Client.DescribeHoursOfOperationAsync(new DescribeHoursOfOperationRequest { InstanceId = at.InstanceId, HoursOfOperationId = id }, cancellationToken)).HoursOfOperation
            ?? throw new InvalidOperationException($"DescribeHoursOfOperation {id} returned nothing");
        var slots = (hours.Config ?? []).Select(c => new HoursSlot(c.Day, c.StartTime.Hours, c.StartTime.Minutes, c.EndTime.Hours, c.EndTime.Minutes)).ToList();
        return new ObservedHours(hours.HoursOfOperationId ?? id, hours.HoursOfOperationArn ?? "", hours.Name ?? "", hours.Description, hours.TimeZone ?? "", slots, TagsOf(hours.Tags));
    }

    public override async IAsyncEnumerable<(string Id, string Name)> ListNamesAsync(InstancePlacement at, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var summary in at.Client.ListHoursOfOperationsAllAsync(new ListHoursOfOperationsRequest { InstanceId = at.InstanceId }, cancellationToken))
        {
            if (summary is { Id: { } id, Name: { } name })
            {
                yield return (id, name);
            }
        }
    }

    public override async Task<CreatedResource> CreateAsync(InstancePlacement at, DesiredHours desired, CreateContext context, CancellationToken cancellationToken)
    {
        var response = await at.Client.CreateHoursOfOperationAsync(new CreateHoursOfOperationRequest
        {
            InstanceId = at.InstanceId,
            Name = desired.Name,
            Description = desired.Description,
            TimeZone = desired.TimeZone,
            Config = HoursSlot.ToAws(desired.Config),
            Tags = desired.Tags,
        }, cancellationToken);
        return new CreatedResource(response.HoursOfOperationId ?? throw new InvalidOperationException("CreateHoursOfOperation returned no id"), response.HoursOfOperationArn);
    }

    public override IReadOnlyList<AwsWrite<InstancePlacement, ObservedHours>> Delta(DesiredHours desired, ObservedHours observed) => HoursDelta.Compute(desired, observed);

    public override Task DeleteAsync(InstancePlacement at, string id, CancellationToken cancellationToken) =>
        at.Client.DeleteHoursOfOperationAsync(new DeleteHoursOfOperationRequest { InstanceId = at.InstanceId, HoursOfOperationId = id }, cancellationToken);
}
