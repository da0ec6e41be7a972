using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ContactOperator.Api.Common;
using ContactOperator.Api.Schema;
using ContactOperator.Api.Validation;
using k8s.Models;

namespace ContactOperator.Api.Kinds;

/// <summary>Weekly opening hours that queues refer to.</summary>
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = "hoursofoperations")]
[ShortNames("hoo")]
[AwsResourceColumns]
[PrinterColumn("Time Zone", "string", ".spec.timeZone", Priority = 1)]
public sealed class HoursOfOperation() : CustomResource<HoursOfOperationSpec, ResourceStatus>(KindName, new HoursOfOperationSpec { InstanceRef = new() { Name = "" }, TimeZone = "", Config = [] })
{
    public const string KindName = "HoursOfOperation";

    private static readonly HoursOfOperationValidator Validator = new();

    public override FluentValidation.Results.ValidationResult Validate() => Validator.Validate(this);
}

/// <summary>Desired state of an hours-of-operation schedule.</summary>
public sealed record HoursOfOperationSpec : InstanceChildSpec
{
    /// <summary>Description in Amazon Connect.</summary>
    [StringLength(ConnectLimits.DescriptionMaxLength, MinimumLength = 1)]
    public string? Description { get; init; }

    /// <summary>IANA time zone, for example America/New_York.</summary>
    [StringLength(64, MinimumLength = 1)]
    [RegularExpression(@"^[A-Za-z]+(/[A-Za-z0-9_+-]+)*$|^UTC$")]
    public required string TimeZone { get; init; }

    /// <summary>Opening hours, one entry per day and time range.</summary>
    [MinLength(1)]
    [MaxLength(100)]
    public required IList<HoursOfOperationSlot> Config { get; init; }
}

/// <summary>One opening period on one day. 00:00 to 00:00 means the whole day.</summary>
public sealed record HoursOfOperationSlot
{
    /// <summary>Day of the week, as AWS spells it (MONDAY … SUNDAY).</summary>
    [AllowedValues("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")]
    public required string Day { get; init; }

    /// <summary>Opening time, HH:MM in 24-hour form.</summary>
    [RegularExpression(ClockTime.Pattern)]
    public required string StartTime { get; init; }

    /// <summary>Closing time, HH:MM in 24-hour form; 00:00 means midnight at the end of the day.</summary>
    [RegularExpression(ClockTime.Pattern)]
    public required string EndTime { get; init; }
}

/// <summary>The HH:MM clock time format used by hours of operation.</summary>
public static class ClockTime
{
    public const string Pattern = @"^([01][0-9]|2[0-3]):[0-5][0-9]$";

    /// <summary>Minutes since midnight of a valid HH:MM value.</summary>
    public static int ToMinutes(string value) => int.Parse(value.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture) * 60
        + int.Parse(value.AsSpan(3, 2), System.Globalization.CultureInfo.InvariantCulture);
}
