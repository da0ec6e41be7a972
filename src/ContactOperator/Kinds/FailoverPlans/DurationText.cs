using System.Globalization;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>Durations as status shows them (specs write them as <see cref="Api.Kinds.PrometheusDuration"/>).</summary>
public static class DurationText
{
    /// <summary>Seconds with up to three decimals, for status (for example 1.25s).</summary>
    public static string Format(TimeSpan duration) =>
        Math.Round(duration.TotalSeconds, 3).ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
