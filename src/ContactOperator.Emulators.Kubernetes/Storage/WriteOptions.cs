namespace ContactOperator.Emulators.Kubernetes.Storage;

internal enum FieldValidation
{
    Warn,
    Ignore,
    Strict,
}

/// <summary>Query options shared by create/update/patch/delete.</summary>
internal sealed record WriteOptions
{
    public bool DryRun { get; init; }

    public string FieldManager { get; init; } = "unknown";

    public FieldValidation FieldValidation { get; init; } = FieldValidation.Warn;

    public bool Force { get; init; }

    /// <summary>Warnings to return in <c>Warning</c> headers.</summary>
    public List<string> Warnings { get; } = [];
}

/// <summary>Options of a DELETE.</summary>
internal sealed record DeleteOptions
{
    public string PropagationPolicy { get; init; } = "Background";

    public string? PreconditionUid { get; init; }

    public string? PreconditionResourceVersion { get; init; }
}
