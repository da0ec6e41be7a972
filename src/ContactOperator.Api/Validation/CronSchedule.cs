using Cronos;

namespace ContactOperator.Api.Validation;

/// <summary>Five-field cron schedules (minute hour day-of-month month day-of-week), parsed by Cronos and evaluated in UTC.</summary>
public static class CronSchedule
{
    public static bool IsValid(string? expression) => TryParse(expression) is not null;

    public static CronExpression? TryParse(string? expression) =>
        expression is not null && CronExpression.TryParse(expression, CronFormat.Standard, out var parsed) ? parsed : null;

    /// <summary>The first time the schedule fires strictly after <paramref name="after"/>, or null when it never does.</summary>
    public static DateTimeOffset? Next(string expression, DateTimeOffset after) =>
        TryParse(expression)?.GetNextOccurrence(after, TimeZoneInfo.Utc);
}
