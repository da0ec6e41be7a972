namespace ContactOperator.Api.Common;

/// <summary>What happens in AWS when the Kubernetes object is deleted.</summary>
public static class DeletionPolicies
{
    /// <summary>Leave the AWS resource in place.</summary>
    public const string Retain = "Retain";

    /// <summary>Delete the AWS resource.</summary>
    public const string Delete = "Delete";
}

/// <summary>Whether the operator may write to AWS for this resource.</summary>
public static class ManagementPolicies
{
    /// <summary>Create, update and delete in AWS to match the spec.</summary>
    public const string Manage = "Manage";

    /// <summary>Only observe AWS and report in status; never write.</summary>
    public const string ObserveOnly = "ObserveOnly";
}

/// <summary>Amazon Connect channel names, as AWS spells them.</summary>
public static class Channels
{
    public const string Voice = "VOICE";
    public const string Chat = "CHAT";
    public const string Task = "TASK";
    public const string Email = "EMAIL";
}
