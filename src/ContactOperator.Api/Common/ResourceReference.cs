using System.ComponentModel.DataAnnotations;

namespace ContactOperator.Api.Common;

/// <summary>A reference to another ContactOperator resource in the same namespace.</summary>
public sealed record ResourceReference
{
    /// <summary>Name of the referenced resource (metadata.name) in the same namespace.</summary>
    [StringLength(253, MinimumLength = 1)]
    [RegularExpression(KubernetesNames.Pattern)]
    public required string Name { get; init; }
}

/// <summary>A reference to one key of a Secret in the same namespace.</summary>
public sealed record SecretKeyReference
{
    /// <summary>Name of the Secret in the same namespace.</summary>
    [StringLength(253, MinimumLength = 1)]
    [RegularExpression(KubernetesNames.Pattern)]
    public required string Name { get; init; }

    /// <summary>Key within the Secret's data.</summary>
    [StringLength(253, MinimumLength = 1)]
    [RegularExpression(@"^[-._a-zA-Z0-9]+$")]
    public required string Key { get; init; }
}

/// <summary>Kubernetes object-name rules (RFC 1123 subdomain).</summary>
public static class KubernetesNames
{
    public const string Pattern = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
}
