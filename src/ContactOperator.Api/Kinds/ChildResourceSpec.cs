using ContactOperator.Api.Common;

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
