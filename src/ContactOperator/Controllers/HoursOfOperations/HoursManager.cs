using System.Runtime.CompilerServices;
using ContactOperator.Aws.Connect;
using ContactOperator.Controllers.Sync;

namespace ContactOperator.Controllers.HoursOfOperations;

/// <summary>Hours of operation in Amazon Connect.</summary>
public sealed class HoursManager : ConnectResourceManager<DesiredHours, ObservedHours>
{
    public override string AwsKind => "hours of operation";

    public override string DesiredName(DesiredHours desired) => desired.Name;

    protected override async Task<ObservedHours> DescribeOrThrowAsync(ConnectPlacement at, string id, CancellationToken cancellationToken)
    {
        var hours = (await at.Client.DescribeHoursOfOperationAsync(new DescribeHoursOfOperationRequest { InstanceId = at.InstanceId, HoursOfOperationId = id }, cancellationToken)).HoursOfOperation
            ?? throw new InvalidOperationException($"DescribeHoursOfOperation {id} returned nothing");
        var slots = (hours.Config ?? []).Select(c => new HoursSlot(c.Day, c.StartTime.Hours, c.StartTime.Minutes, c.EndTime.Hours, c.EndTime.Minutes)).ToList();
        return new ObservedHours(hours.HoursOfOperationId ?? id, hours.HoursOfOperationArn ?? "", hours.Name ?? "", hours.Description, hours.TimeZone ?? "", slots, TagsOf(hours.Tags));
    }

    protected override async IAsyncEnumerable<(string? Id, string? Name)> ListAsync(ConnectPlacement at, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var summary in at.Client.ListHoursOfOperationsAllAsync(new ListHoursOfOperationsRequest { InstanceId = at.InstanceId }, cancellationToken))
        {
            yield return (summary.Id, summary.Name);
        }
    }

    public override async Task<string> CreateAsync(ConnectPlacement at, DesiredHours desired, CancellationToken cancellationToken)
    {
        var response = await at.Client.CreateHoursOfOperationAsync(new CreateHoursOfOperationRequest
        {
            InstanceId = at.InstanceId,
            Name = desired.Name,
            Description = desired.Description,
            TimeZone = desired.TimeZone,
            Config = Config(desired.Config),
            Tags = desired.Tags,
        }, cancellationToken);
        return response.HoursOfOperationId ?? throw new InvalidOperationException("CreateHoursOfOperation returned no id");
    }

    public override IReadOnlyList<AwsWrite> Delta(DesiredHours desired, ObservedHours observed) => HoursDelta.Compute(desired, observed);

    protected override Task ApplyKindWriteAsync(ConnectPlacement at, ObservedHours observed, AwsWrite write, CancellationToken cancellationToken) => write switch
    {
        UpdateHoursWrite w => at.Client.UpdateHoursOfOperationAsync(new UpdateHoursOfOperationRequest
        {
            InstanceId = at.InstanceId,
            HoursOfOperationId = observed.Id,
            Name = w.Name,
            Description = w.Description,
            TimeZone = w.TimeZone,
            Config = Config(w.Config),
        }, cancellationToken),
        _ => throw Unexpected(write),
    };

    public override Task DeleteAsync(ConnectPlacement at, string id, CancellationToken cancellationToken) =>
        at.Client.DeleteHoursOfOperationAsync(new DeleteHoursOfOperationRequest { InstanceId = at.InstanceId, HoursOfOperationId = id }, cancellationToken);

    private static List<HoursOfOperationConfig> Config(IEnumerable<HoursSlot> slots) => slots.Select(s => new HoursOfOperationConfig
    {
        Day = s.Day,
        StartTime = new HoursOfOperationTimeSlice { Hours = s.StartHours, Minutes = s.StartMinutes },
        EndTime = new HoursOfOperationTimeSlice { Hours = s.EndHours, Minutes = s.EndMinutes },
    }).ToList();
}
