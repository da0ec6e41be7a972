using k8s.Models;

namespace ContactOperator.Api.Common;

/// <summary>Status fields every ContactOperator kind reports.</summary>
public record ResourceStatus
{
    /// <summary>The AWS identifier of the resource (for example the queue id).</summary>
    public string? Id { get; set; }

    /// <summary>The AWS ARN of the resource.</summary>
    public string? Arn { get; set; }

    /// <summary>The AWS region the resource lives in.</summary>
    public string? Region { get; set; }

    /// <summary>The metadata.generation the operator last acted on.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Standard conditions: Ready (the AWS resource exists and matches this generation) and Synced (the last reconcile reached AWS without error).</summary>
    public IList<V1Condition>? Conditions { get; set; }
}

/// <summary>Condition types and well-known reasons shared by every kind.</summary>
public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Synced = "Synced";

    /// <summary>
    /// True while AWS refused this generation of the spec in a way no retry can fix (kstatus's Stalled): its
    /// observedGeneration is the generation refused, so no process sends the refused write again until the spec changes.
    /// </summary>
    public const string Stalled = "Stalled";
}
