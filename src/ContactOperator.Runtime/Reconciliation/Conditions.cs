using k8s.Models;

namespace ContactOperator.Runtime.Reconciliation;

/// <summary>The values of <c>metav1.Condition.status</c>.</summary>
public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}

/// <summary>
/// Sets <c>metav1.Condition</c>s the way Kubernetes expects: <c>lastTransitionTime</c> changes only when the
/// condition's status changes; reason, message and <c>observedGeneration</c> are always brought up to date.
/// Works on copies, so a cached object is never modified in place.
/// </summary>
public static class Conditions
{
    /// <summary>
    /// Returns a new list with condition <paramref name="type"/> set; the other conditions are copied unchanged.
    /// <paramref name="now"/> becomes the transition time (truncated to whole seconds, as the API stores it) only
    /// when the status differs from the existing one or the condition is new.
    /// </summary>
    public static List<V1Condition> Set(
        IEnumerable<V1Condition>? existing, string type, string status, string reason, string message, long? observedGeneration, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (status is not (ConditionStatus.True or ConditionStatus.False or ConditionStatus.Unknown))
        {
            throw new ArgumentException($"condition status must be True, False or Unknown (got '{status}')", nameof(status));
        }

        var result = existing?.Select(Copy).ToList() ?? [];
        var index = result.FindIndex(c => c.Type == type);
        var transition = Truncate(now);
        if (index >= 0 && result[index].Status == status)
        {
            transition = result[index].LastTransitionTime;
        }

        var updated = new V1Condition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message ?? "",
            ObservedGeneration = observedGeneration,
            LastTransitionTime = transition,
        };
        if (index >= 0)
        {
            result[index] = updated;
        }
        else
        {
            result.Add(updated);
        }

        return result;
    }

    /// <summary>A new list without condition <paramref name="type"/>; the same list when it has none.</summary>
    public static IList<V1Condition>? Remove(IList<V1Condition>? existing, string type) =>
        existing is not null && existing.Any(c => c.Type == type) ? [.. existing.Where(c => c.Type != type).Select(Copy)] : existing;

    public static V1Condition? Find(IEnumerable<V1Condition>? conditions, string type) => conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>True when condition <paramref name="type"/> is True and (when given) observed <paramref name="generation"/>.</summary>
    public static bool IsTrue(IEnumerable<V1Condition>? conditions, string type, long? generation = null)
    {
        var condition = Find(conditions, type);
        return condition?.Status == ConditionStatus.True && (generation is null || condition.ObservedGeneration == generation);
    }

    private static V1Condition Copy(V1Condition c) => new()
    {
        Type = c.Type,
        Status = c.Status,
        Reason = c.Reason,
        Message = c.Message,
        ObservedGeneration = c.ObservedGeneration,
        LastTransitionTime = c.LastTransitionTime,
    };

    private static DateTime Truncate(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }
}
