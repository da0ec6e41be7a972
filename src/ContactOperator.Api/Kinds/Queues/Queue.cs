using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ContactOperator.Api.Common;
using ContactOperator.Api.Schema;
using ContactOperator.Api.Validation;
using k8s.Models;

namespace ContactOperator.Api.Kinds;

/// <summary>A standard Amazon Connect queue.</summary>
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = "queues")]
[ShortNames("cq")]
[AwsResourceColumns]
[PrinterColumn("Status", "string", ".spec.status", Priority = 1)]
public sealed class Queue() : CustomResource<QueueSpec, ResourceStatus>(KindName, new QueueSpec { InstanceRef = new() { Name = "" }, HoursOfOperationRef = new() { Name = "" } })
{
    public const string KindName = "Queue";

    private static readonly QueueValidator Validator = new();

    public override FluentValidation.Results.ValidationResult Validate() => Validator.Validate(this);
}

/// <summary>Desired state of a queue.</summary>
public sealed record QueueSpec : InstanceChildSpec
{
    /// <summary>Description in Amazon Connect.</summary>
    [StringLength(ConnectLimits.DescriptionMaxLength, MinimumLength = 1)]
    public string? Description { get; init; }

    /// <summary>The HoursOfOperation the queue follows.</summary>
    public required ResourceReference HoursOfOperationRef { get; init; }

    /// <summary>Most contacts the queue holds before new ones take the at-capacity branch. Unset means no limit.</summary>
    [Range(0, 10000)]
    public int? MaxContacts { get; init; }

    /// <summary>Caller id for outbound calls from this queue.</summary>
    public OutboundCallerConfigSpec? OutboundCallerConfig { get; init; }

    /// <summary>ENABLED (default) or DISABLED.</summary>
    [DefaultValue(QueueStatuses.Enabled)]
    [AllowedValues(QueueStatuses.Enabled, QueueStatuses.Disabled)]
    public string Status { get; init; } = QueueStatuses.Enabled;
}

/// <summary>Outbound caller id settings of a queue.</summary>
public sealed record OutboundCallerConfigSpec
{
    /// <summary>Caller id name shown to customers.</summary>
    [StringLength(255, MinimumLength = 1)]
    public string? CallerIdName { get; init; }

    /// <summary>Id of a claimed phone number used as caller id.</summary>
    [StringLength(100, MinimumLength = 1)]
    public string? CallerIdNumberId { get; init; }

    /// <summary>Id of the outbound whisper flow.</summary>
    [StringLength(500, MinimumLength = 1)]
    public string? OutboundFlowId { get; init; }
}

/// <summary>Queue status values, as AWS spells them.</summary>
public static class QueueStatuses
{
    public const string Enabled = "ENABLED";
    public const string Disabled = "DISABLED";
}
