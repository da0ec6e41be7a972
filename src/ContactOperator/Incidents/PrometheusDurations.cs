using System.Globalization;
using System.Text.RegularExpressions;
using ContactOperator.Api.Kinds;

namespace ContactOperator.Incidents;

/// <summary>Parses Prometheus durations (1h30m, 15m, 90s, 500ms).</summary>
public static partial class PrometheusDurations
{
    public static TimeSpan Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var match = Pattern().Match(value);
        if (!match.Success || value.Length == 0)
        {
            throw new FormatException($"'{value}' is not a Prometheus duration");
        }
        double Part(int group) => match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        return TimeSpan.FromDays((Part(2) * 365) + (Part(4) * 7) + Part(6)) + TimeSpan.FromHours(Part(8)) + TimeSpan.FromMinutes(Part(10))
            + TimeSpan.FromSeconds(Part(12)) + TimeSpan.FromMilliseconds(Part(14));
    }

    [GeneratedRegex(PrometheusDuration.Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
