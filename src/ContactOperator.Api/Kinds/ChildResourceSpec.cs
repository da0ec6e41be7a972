using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ContactOperator.Api.Common;
using ContactOperator.Api.Schema;

namespace ContactOperator.Api.Kinds;

/// <summary>Names of the AWS-side limits shared by the resources that live inside an instance.</summary>
public static class ConnectLimits
{
    public const int NameMaxLength = 127;
    public const int DescriptionMaxLength = 250;
}

/// <summary>The spec fields every kind that lives inside an Amazon Connect instance has.</summary>
public interface IInstanceScopedSpec
{
    /// <summary>The ContactInstance the resource belongs to.</summary>
    ResourceReference InstanceRef { get; }

    /// <summary>What happens in AWS when the Kubernetes object is deleted.</summary>
    string DeletionPolicy { get; }
}

/// <summary>The spec fields every kind inside an Amazon Connect instance shares (hours, queues, routing profiles, …).</summary>
public abstract record InstanceChildSpec : IInstanceScopedSpec
{
    /// <summary>The ContactInstance the resource belongs to.</summary>
    [Immutable]
    public required ResourceReference InstanceRef { get; init; }

    /// <summary>Name in Amazon Connect. Defaults to metadata.name.</summary>
    [StringLength(ConnectLimits.NameMaxLength, MinimumLength = 1)]
    public string? Name { get; init; }

    /// <summary>Tags in Amazon Connect.</summary>
    public IDictionary<string, string>? Tags { get; init; }

    /// <summary>Delete (default) removes the resource from AWS when this object is deleted; Retain leaves it.</summary>
    [DefaultValue(DeletionPolicies.Delete)]
    [AllowedValues(DeletionPolicies.Retain, DeletionPolicies.Delete)]
    public string DeletionPolicy { get; init; } = DeletionPolicies.Delete;
}
