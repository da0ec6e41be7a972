using ContactOperator.Runtime.Reconciliation;

namespace ContactOperator.Reconciliation;

/// <summary>Sets the Ready and Synced conditions on a copy of a status.</summary>
public static class StatusConditions
{
    /// <summary>
    /// A copy of <paramref name="status"/> with Ready and Synced set (null leaves one as it is), both marked as about
    /// <paramref name="generation"/>. The status's own observedGeneration is left alone: only the skeleton sets it,
    /// once a reconcile of that generation concluded.
    /// </summary>
    public static TStatus With<TStatus>(TStatus status, long? generation, DateTimeOffset now, ConditionValue? ready, ConditionValue? synced)
        where TStatus : ResourceStatus
    {
        ArgumentNullException.ThrowIfNull(status);
        var conditions = status.Conditions;
        if (ready is { } r)
        {
            conditions = Conditions.Set(conditions, ConditionTypes.Ready, r.Status, r.Reason, r.Message, generation, now);
        }
        if (synced is { } s)
        {
            conditions = Conditions.Set(conditions, ConditionTypes.Synced, s.Status, s.Reason, s.Message, generation, now);
        }
        // A with-expression on the base record clones the derived record, so kind-specific fields survive.
        return (TStatus)(status with { Conditions = conditions });
    }
}
