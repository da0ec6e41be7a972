namespace ContactOperator.Runtime.Configuration;

/// <summary>One setting of the operator host: a command-line option <c>--name</c> and an environment variable <c>CONTACT_OPERATOR_NAME</c>.</summary>
public sealed record OperatorSetting(string Name, string Description, string? DefaultValue)
{
    public const string EnvironmentPrefix = "CONTACT_OPERATOR_";

    /// <summary><c>--name</c>.</summary>
    public string Option => "--" + Name;

    /// <summary><c>CONTACT_OPERATOR_NAME</c> (dashes become underscores).</summary>
    public string EnvironmentVariable => EnvironmentPrefix + Name.ToUpperInvariant().Replace('-', '_');
}
