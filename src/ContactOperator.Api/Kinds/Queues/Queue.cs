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
[PrinterColumn("Ready", "string", CommonColumns.ReadyPath)]
[PrinterColumn("AWS ID", "string", CommonColumns.AwsIdPath)]
[PrinterColumn("Region", "string", CommonColumns.RegionPath)]
[PrinterColumn("Status", "string", ".spec.status", Priority = 1)]
[PrinterColumn("Age", "date", CommonColumns.AgePath)]
public sealed class Queue() : CustomResource<QueueSpec, ResourceStatus>(KindName, new QueueSpec { InstanceRef = new() { Name = "" }, HoursOfOperationRef = new() { Name = "" } })
{
    public const string KindName = "Queue";

    private static readonly QueueValidator Validator = new();

    public override FluentValidation.Results.ValidationResult Validate() => Validator.Validate(this);
}

/// <summary>Desired state of a queue.</summary>
public sealed record QueueSpec : IInstanceScopedSpec
{
    /// <summary>The ContactInstance the queue belongs to.</summary>
    [Immutable]
    public required ResourceReference InstanceRef { get; init; }

    /// <summary>Name in Amazon Connect. Defaults to metadata.name.</summary>
    [StringLength(ConnectLimits.NameMaxLength, MinimumLength = 1)]
    public string? Name { get; init; }

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

    /// <summary>Tags in Amazon Connect.</summary>
    public IDictionary<string, string>? Tags { get; init; }

    /// <summary>Delete (default) removes the queue from AWS when this object is deleted; Retain leaves it.</summary>
    [DefaultValue(DeletionPolicies.Delete)]
    [AllowedValues(DeletionPolicies.Retain, DeletionPolicies.Delete)]
    public string DeletionPolicy { get; init; } = DeletionPolicies.Delete;
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
