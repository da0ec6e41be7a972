using ContactOperator.Api.Common;
using ContactOperator.Runtime.Reconciliation;

namespace ContactOperator.Controllers.Sync;

/// <summary>A condition to set: True/False/Unknown, a CamelCase reason and a human message.</summary>
public readonly record struct ConditionValue(string Status, string Reason, string Message)
{
    public static ConditionValue True(string reason, string message) => new(ConditionStatus.True, reason, message);

    public static ConditionValue False(string reason, string message) => new(ConditionStatus.False, reason, message);
}

/// <summary>Sets the Ready and Synced conditions and observedGeneration on a copy of a status.</summary>
public static class StatusConditions
{
    public static TStatus With<TStatus>(TStatus status, long? generation, DateTimeOffset now, ConditionValue? ready, ConditionValue? synced)
        where TStatus : ResourceStatus
    {
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
        return (TStatus)(status with { Conditions = conditions, ObservedGeneration = generation });
    }
}
