using System.Globalization;
using System.Text.RegularExpressions;
using ContactOperator.Api.Kinds;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>Durations as the spec writes them (Prometheus style: 1h30m, 15m, 500ms).</summary>
public static partial class DurationText
{
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || Pattern().Match(text) is not { Success: true } match)
        {
            return null;
        }
        var total = TimeSpan.Zero;
        (int Group, TimeSpan Unit)[] parts =
        [
            (2, TimeSpan.FromDays(365)), (4, TimeSpan.FromDays(7)), (6, TimeSpan.FromDays(1)), (8, TimeSpan.FromHours(1)),
            (10, TimeSpan.FromMinutes(1)), (12, TimeSpan.FromSeconds(1)), (14, TimeSpan.FromMilliseconds(1)),
        ];
        foreach (var (group, unit) in parts)
        {
            if (match.Groups[group].Success)
            {
                total += unit * long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
            }
        }
        return total;
    }

    /// <summary>Seconds with up to three decimals, for status (for example 1.25s).</summary>
    public static string Format(TimeSpan duration) =>
        Math.Round(duration.TotalSeconds, 3).ToString("0.###", CultureInfo.InvariantCulture) + "s";

    [GeneratedRegex(PrometheusDuration.Pattern)]
    private static partial Regex Pattern();
}
