using ContactOperator.Aws.Connect;
using ContactOperator.AwsResources;
using ContactOperator.AwsResources.Connect;

namespace ContactOperator.Kinds.HoursOfOperations;

/// <summary>One opening period as AWS stores it (HoursOfOperationConfig).</summary>
public sealed record HoursSlot(string Day, int StartHours, int StartMinutes, int EndHours, int EndMinutes)
{
    public override string ToString() => $"{Day} {StartHours:00}:{StartMinutes:00}-{EndHours:00}:{EndMinutes:00}";

    public static List<HoursOfOperationConfig> ToAws(IEnumerable<HoursSlot> slots) => slots.Select(s => new HoursOfOperationConfig
    {
        Day = s.Day,
        StartTime = new HoursOfOperationTimeSlice { Hours = s.StartHours, Minutes = s.StartMinutes },
        EndTime = new HoursOfOperationTimeSlice { Hours = s.EndHours, Minutes = s.EndMinutes },
    }).ToList();
}

public sealed record DesiredHours(string Name, string? Description, string TimeZone, IReadOnlyList<HoursSlot> Config, IReadOnlyDictionary<string, string> Tags) : INamedDesired;

public sealed record ObservedHours(string Id, string Arn, string Name, string? Description, string TimeZone, IReadOnlyList<HoursSlot> Config, IReadOnlyDictionary<string, string> Tags) : IObservedResource;

/// <summary>UpdateHoursOfOperation replaces name, description, time zone and the whole schedule in one call.</summary>
public sealed record UpdateHoursWrite(string Name, string? Description, string TimeZone, IReadOnlyList<HoursSlot> Config, IReadOnlyList<string> Changes)
    : AwsWrite<InstancePlacement, ObservedHours>("UpdateHoursOfOperation")
{
    public override string Summarize(IdLabels labels) => $"updated {string.Join(", ", Changes)}";

    public override Task ApplyAsync(InstancePlacement at, ObservedHours observed, CancellationToken cancellationToken) =>
        at.Client.UpdateHoursOfOperationAsync(new UpdateHoursOfOperationRequest
        {
            InstanceId = at.InstanceId,
            HoursOfOperationId = observed.Id,
            Name = Name,
            Description = Description,
            TimeZone = TimeZone,
            Config = HoursSlot.ToAws(Config),
        }, cancellationToken);
}

public static class HoursDelta
{
    public static IReadOnlyList<AwsWrite<InstancePlacement, ObservedHours>> Compute(DesiredHours desired, ObservedHours observed)
    {
        var writes = new List<AwsWrite<InstancePlacement, ObservedHours>>();
        var changes = new List<string>();
        var description = desired.Description ?? observed.Description;
        if (desired.Name != observed.Name)
        {
            changes.Add($"name '{observed.Name}' → '{desired.Name}'");
        }
        if (description != observed.Description)
        {
            changes.Add("description");
        }
        if (desired.TimeZone != observed.TimeZone)
        {
            changes.Add($"time zone {observed.TimeZone} → {desired.TimeZone}");
        }
        if (!SameSchedule(desired.Config, observed.Config))
        {
            changes.Add($"schedule [{string.Join("; ", Sorted(observed.Config))}] → [{string.Join("; ", Sorted(desired.Config))}]");
        }
        if (changes.Count > 0)
        {
            writes.Add(new UpdateHoursWrite(desired.Name, description, desired.TimeZone, desired.Config, changes));
        }
        writes.AddRange(TagWrites.For<InstancePlacement, ObservedHours>(TagDelta.Between(desired.Tags, observed.Tags)));
        return writes;
    }

    /// <summary>AWS keeps no order for the schedule; compare as multisets.</summary>
    private static bool SameSchedule(IReadOnlyList<HoursSlot> a, IReadOnlyList<HoursSlot> b) => Sorted(a).SequenceEqual(Sorted(b));

    private static IEnumerable<HoursSlot> Sorted(IEnumerable<HoursSlot> slots) =>
        slots.OrderBy(s => DayIndex(s.Day)).ThenBy(s => s.StartHours).ThenBy(s => s.StartMinutes).ThenBy(s => s.EndHours).ThenBy(s => s.EndMinutes);

    private static int DayIndex(string day) => Array.IndexOf(Days, day);

    private static readonly string[] Days = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];
}
