using System.CommandLine.Parsing;
using ContactOperator.Runtime.Configuration;

namespace ContactOperator.Local;

/// <summary>Command-line durations (10s, 5m, 1h30m, 00:10:00), parsed as the operator parses its own settings.</summary>
internal static class DurationArgument
{
    public static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (OperatorSettingsParser.TryParseDuration(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }
        result.AddError($"{result.Argument.Name}: '{text}' is not a positive duration such as 10s, 5m or 1h");
        return default;
    }
}
