using ContactOperator.Runtime.Reconciliation;

namespace ContactOperator.Reconciliation;

/// <summary>A condition to set: True/False/Unknown, a CamelCase reason and a human message.</summary>
public readonly record struct ConditionValue(string Status, string Reason, string Message)
{
    public static ConditionValue True(string reason, string message) => new(ConditionStatus.True, reason, message);

    public static ConditionValue False(string reason, string message) => new(ConditionStatus.False, reason, message);
}
