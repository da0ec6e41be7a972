namespace ContactOperator.Api.Schema;

/// <summary>
/// Short names for <c>kubectl get</c>; every kind is also in the <see cref="ApiGroup.Category"/> category.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ShortNamesAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>A column <c>kubectl get</c> shows for the kind (additionalPrinterColumns).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath) : Attribute
{
    public string Name { get; } = name;
    public string Type { get; } = type;
    public string JsonPath { get; } = jsonPath;
    public string? Description { get; init; }

    /// <summary>0 shows in the default view; higher only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}

/// <summary>
/// The field cannot change after creation. Enforced by the API server through a CEL transition rule
/// (<c>self == oldSelf</c>) in the generated CRD.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ImmutableAttribute : Attribute;

/// <summary>The printer columns every kind shares, in order.</summary>
/// <summary>
/// The columns every AWS-backed kind shows in <c>kubectl get</c>: READY, AWS ID and REGION first, then the kind's own
/// <see cref="PrinterColumnAttribute"/>s, then AGE.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AwsResourceColumnsAttribute : Attribute
{
    public static IReadOnlyList<PrinterColumnAttribute> Leading { get; } =
    [
        new("Ready", "string", CommonColumns.ReadyPath),
        new("AWS ID", "string", CommonColumns.AwsIdPath),
        new("Region", "string", CommonColumns.RegionPath),
    ];

    public static IReadOnlyList<PrinterColumnAttribute> Trailing { get; } = [new("Age", "date", CommonColumns.AgePath)];
}

public static class CommonColumns
{
    public const string ReadyPath = ".status.conditions[?(@.type==\"Ready\")].status";
    public const string AwsIdPath = ".status.id";
    public const string RegionPath = ".status.region";
    public const string AgePath = ".metadata.creationTimestamp";
}

/// <summary>Every item of the string list must match the pattern.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ItemPatternAttribute(string pattern) : Attribute
{
    public string Pattern { get; } = pattern;
}
