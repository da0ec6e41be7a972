namespace ContactOperator.Runtime.Reconciliation;

/// <summary>
/// What a reconciler wants next. <see cref="Done"/>: nothing until the object (or a watched dependency) changes or
/// the periodic resync. <see cref="RequeueAfter"/>: look again after a delay (for example while waiting for AWS).
/// Failures are not results: throw (backoff with jitter) or throw <see cref="TerminalReconcileException"/> (no retry
/// until the object's generation changes).
/// </summary>
public readonly record struct ReconcileResult
{
    private ReconcileResult(TimeSpan? requeueAfter) => RequeueAfterDelay = requeueAfter;

    /// <summary>The object is reconciled.</summary>
    public static ReconcileResult Done { get; } = new(null);

    /// <summary>Reconcile again after <paramref name="delay"/> (not counted as a failure; backoff is reset).</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        return new(delay);
    }

    /// <summary>Null for <see cref="Done"/>.</summary>
    public TimeSpan? RequeueAfterDelay { get; }

    public override string ToString() => RequeueAfterDelay is { } delay ? $"RequeueAfter({delay})" : "Done";
}
