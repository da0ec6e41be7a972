namespace ContactOperator.Runtime.Configuration;

/// <summary>One setting of the operator host: a command-line option <c>--name</c> and an environment variable <c>CONTACT_OPERATOR_NAME</c>.</summary>
public sealed record OperatorSetting(string Name, string Description, string? DefaultValue)
{
    public const string EnvironmentPrefix = "CONTACT_OPERATOR_";

    /// <summary><c>--name</c>.</summary>
    public string Option => "--" + Name;

    /// <summary><c>CONTACT_OPERATOR_NAME</c> (dashes become underscores).</summary>
    public string EnvironmentVariable => EnvironmentPrefix + Name.ToUpperInvariant().Replace('-', '_');

    /// <summary>The value given on the command line, else in the environment variable; null when neither is set (blank counts as unset).</summary>
    public string? Given(Func<OperatorSetting, string?> commandLine, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(environment);
        return Set(commandLine(this)) ?? Set(environment(EnvironmentVariable));
    }

    /// <summary>Where the value came from, for error messages: <c>--name</c>, or <c>--name (from CONTACT_OPERATOR_NAME)</c>.</summary>
    public string Origin(Func<OperatorSetting, string?> commandLine, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(environment);
        return Set(commandLine(this)) is null && Set(environment(EnvironmentVariable)) is not null ? $"{Option} (from {EnvironmentVariable})" : Option;
    }

    private static string? Set(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
