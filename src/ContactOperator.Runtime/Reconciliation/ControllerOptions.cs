namespace ContactOperator.Runtime.Reconciliation;

/// <summary>How one controller runs.</summary>
public sealed record ControllerOptions
{
    /// <summary>Workers reconciling different keys in parallel; one key is never reconciled twice at once.</summary>
    public int MaxConcurrentReconciles { get; init; } = 1;

    /// <summary>
    /// When true (the default) an update only triggers a reconcile if <c>metadata.generation</c> changed (a spec
    /// edit) or deletion started, so the controller's own status writes do not wake it again.
    /// </summary>
    public bool GenerationChangedOnly { get; init; } = true;

    /// <summary>First retry delay after a failure (doubles per consecutive failure).</summary>
    public TimeSpan BackoffBaseDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Longest retry delay.</summary>
    public TimeSpan BackoffMaxDelay { get; init; } = TimeSpan.FromSeconds(1000);

    /// <summary>Random extra on each retry delay, as a fraction of it.</summary>
    public double BackoffJitter { get; init; } = 0.1;

    public void Validate(string controller)
    {
        if (MaxConcurrentReconciles < 1)
        {
            throw new ArgumentException($"controller {controller}: MaxConcurrentReconciles must be at least 1 (got {MaxConcurrentReconciles})");
        }

        if (BackoffBaseDelay <= TimeSpan.Zero || BackoffMaxDelay < BackoffBaseDelay)
        {
            throw new ArgumentException($"controller {controller}: backoff needs 0 < BackoffBaseDelay <= BackoffMaxDelay");
        }
    }
}
