using ContactOperator.Api.Kinds;
using FluentValidation;

namespace ContactOperator.Api.Validation;

public sealed class HoursOfOperationValidator() : ResourceValidator<HoursOfOperation, HoursOfOperationSpec, Common.ResourceStatus>(new HoursOfOperationSpecValidator());

public sealed class HoursOfOperationSpecValidator : SpecValidator<HoursOfOperationSpec>
{
    private static readonly string[] Days = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];

    public HoursOfOperationSpecValidator()
    {
        RuleFor(s => s.InstanceRef).Reference();
        RuleFor(s => s.Name).ConnectName();
        RuleFor(s => s.Description).ConnectDescription();
        RuleFor(s => s.TimeZone).NotEmpty()
            .Must(tz => tz is null || IanaTimeZones.Problem(tz) is null)
            .WithMessage((_, tz) => $"{{PropertyPath}} '{tz}' {IanaTimeZones.Problem(tz!)}");
        RuleFor(s => s.Config).NotEmpty().WithMessage("{PropertyPath} needs at least one day and time range");
        RuleForEach(s => s.Config).ChildRules(slot =>
        {
            slot.RuleFor(c => c.Day).NotEmpty().OneOf(Days);
            slot.RuleFor(c => c.StartTime).NotEmpty().MatchesPattern(ClockTime.Pattern)
                .WithMessage("{PropertyPath} must be HH:MM in 24-hour form (got '{PropertyValue}')");
            slot.RuleFor(c => c.EndTime).NotEmpty().MatchesPattern(ClockTime.Pattern)
                .WithMessage("{PropertyPath} must be HH:MM in 24-hour form (got '{PropertyValue}')");
        });
        RuleFor(s => s.Config).Custom((config, context) =>
        {
            if (config is null)
            {
                return;
            }
            var ranges = new List<(string Day, int Start, int End, int Index)>();
            for (var i = 0; i < config.Count; i++)
            {
                var slot = config[i];
                if (slot is null || !IsClock(slot.StartTime) || !IsClock(slot.EndTime))
                {
                    continue;
                }
                var start = ClockTime.ToMinutes(slot.StartTime);
                var end = ClockTime.ToMinutes(slot.EndTime);
                end = end == 0 ? 24 * 60 : end;
                if (end <= start)
                {
                    context.AddFailure($"spec.config[{i}].endTime", $"spec.config[{i}].endTime {slot.EndTime} must be after startTime {slot.StartTime} (use 00:00 for midnight)");
                    continue;
                }
                foreach (var other in ranges.Where(r => r.Day == slot.Day && r.Start < end && start < r.End))
                {
                    context.AddFailure($"spec.config[{i}]", $"spec.config[{i}] overlaps spec.config[{other.Index}] on {slot.Day}");
                }
                ranges.Add((slot.Day, start, end, i));
            }
        });
        RuleFor(s => s.Tags).Tags();
        RuleFor(s => s.DeletionPolicy).DeletionPolicy();
    }

    private static bool IsClock(string? value) => value is not null && System.Text.RegularExpressions.Regex.IsMatch(value, ClockTime.Pattern);
}
