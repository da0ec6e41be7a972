using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ContactOperator.Api.Common;
using ContactOperator.Api.Schema;
using ContactOperator.Api.Validation;
using k8s.Models;

namespace ContactOperator.Api.Kinds;

/// <summary>
/// Moves telephony, agents and routing controls between an instance's primary region and its replica
/// (Amazon Connect Global Resiliency and Route 53 ARC). Edit spec.activeRegion to fail over.
/// </summary>
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = "failoverplans")]
[ShortNames("fp")]
[PrinterColumn("Ready", "string", CommonColumns.ReadyPath)]
[PrinterColumn("Active Region", "string", ".status.activeRegion")]
[PrinterColumn("Phase", "string", ".status.phase")]
[PrinterColumn("Desired Region", "string", ".spec.activeRegion", Priority = 1)]
[PrinterColumn("Age", "date", CommonColumns.AgePath)]
public sealed class FailoverPlan() : CustomResource<FailoverPlanSpec, FailoverPlanStatus>(KindName, new FailoverPlanSpec
{
    InstanceRef = new() { Name = "" },
    Replica = new() { Region = "", InstanceAlias = "" },
    TrafficDistributionGroup = new() { Name = "" },
    ActiveRegion = "",
})
{
    public const string KindName = "FailoverPlan";

    private static readonly FailoverPlanValidator Validator = new();

    public override FluentValidation.Results.ValidationResult Validate() => Validator.Validate(this);
}

/// <summary>Desired state of a two-region failover plan.</summary>
public sealed record FailoverPlanSpec
{
    /// <summary>The primary ContactInstance.</summary>
    [Immutable]
    public required ResourceReference InstanceRef { get; init; }

    /// <summary>The replica instance in the second region.</summary>
    public required ReplicaSpec Replica { get; init; }

    /// <summary>The traffic distribution group that carries telephony between the regions.</summary>
    public required TrafficDistributionGroupSpec TrafficDistributionGroup { get; init; }

    /// <summary>The region that should take traffic: the primary's region or the replica's. Change it to fail over.</summary>
    [RegularExpression(AwsPatterns.Region)]
    public required string ActiveRegion { get; init; }

    /// <summary>Route 53 ARC routing controls switched together with the traffic.</summary>
    public ArcRoutingSpec? Arc { get; init; }

    /// <summary>Checks that must pass before traffic moves.</summary>
    public FailoverPreconditions? Preconditions { get; init; }

    /// <summary>Scheduled failover drills.</summary>
    public DrillSpec? Drill { get; init; }
}

/// <summary>The replica of the primary instance.</summary>
public sealed record ReplicaSpec
{
    /// <summary>Region of the replica; must differ from the primary's.</summary>
    [Immutable]
    [RegularExpression(AwsPatterns.Region)]
    public required string Region { get; init; }

    /// <summary>Alias of the replica instance (ReplicateInstance requires a new alias).</summary>
    [Immutable]
    [StringLength(45, MinimumLength = 1)]
    [RegularExpression(@"^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$")]
    public required string InstanceAlias { get; init; }
}

/// <summary>The Connect traffic distribution group.</summary>
public sealed record TrafficDistributionGroupSpec
{
    /// <summary>Name of the traffic distribution group.</summary>
    [Immutable]
    [StringLength(128, MinimumLength = 1)]
    [RegularExpression(@"^[a-zA-Z0-9_\-\.]+$")]
    public required string Name { get; init; }

    /// <summary>Description.</summary>
    [StringLength(250, MinimumLength = 1)]
    public string? Description { get; init; }
}

/// <summary>Route 53 ARC routing controls, one per region.</summary>
public sealed record ArcRoutingSpec
{
    /// <summary>ARN of the ARC cluster whose endpoints serve the routing controls.</summary>
    [RegularExpression(@"^arn:aws[a-z-]*:route53-recovery-control::\d{12}:cluster/[0-9a-z-]+$")]
    public required string ClusterArn { get; init; }

    /// <summary>Name of the control panel holding the routing controls (created when missing).</summary>
    [StringLength(64, MinimumLength = 1)]
    public required string ControlPanelName { get; init; }

    /// <summary>One routing control per region; ON means the region takes traffic.</summary>
    [MinLength(2)]
    [MaxLength(2)]
    public required IList<RegionRoutingControl> RoutingControls { get; init; }

    /// <summary>Safety rules on the control panel.</summary>
    [MaxLength(20)]
    public IList<SafetyRuleSpec>? SafetyRules { get; init; }
}

/// <summary>The routing control of one region.</summary>
public sealed record RegionRoutingControl
{
    /// <summary>The region this control switches.</summary>
    [RegularExpression(AwsPatterns.Region)]
    public required string Region { get; init; }

    /// <summary>Routing control name.</summary>
    [StringLength(64, MinimumLength = 1)]
    public required string Name { get; init; }
}

/// <summary>An ARC safety rule over the plan's routing controls.</summary>
public sealed record SafetyRuleSpec
{
    /// <summary>Rule name.</summary>
    [StringLength(64, MinimumLength = 1)]
    public required string Name { get; init; }

    /// <summary>Assertion: at least minOn of the routing controls stay ON after any change. Gating: changes need the gating control ON.</summary>
    [AllowedValues("Assertion", "Gating")]
    public required string Type { get; init; }

    /// <summary>For Assertion: how many controls must stay ON (default 1).</summary>
    [Range(1, 2)]
    public int? MinOn { get; init; }

    /// <summary>For Gating: the name of the gating routing control.</summary>
    [StringLength(64, MinimumLength = 1)]
    public string? GatingControlName { get; init; }

    /// <summary>Milliseconds ARC waits before evaluating the rule (default 5000).</summary>
    [Range(0, 300000)]
    public int? WaitPeriodMs { get; init; }
}

/// <summary>Conditions checked before traffic moves.</summary>
public sealed record FailoverPreconditions
{
    /// <summary>The target region's replica must be ACTIVE (default true).</summary>
    [DefaultValue(true)]
    public bool RequireReplicaActive { get; init; } = true;

    /// <summary>The target region must have at least this many agents available.</summary>
    [Range(0, 100000)]
    public int? MinAgentsAvailableInTarget { get; init; }

    /// <summary>Refuse to fail back sooner than this after the last move, as a duration (for example 15m).</summary>
    [RegularExpression(PrometheusDuration.Pattern)]
    public string? MinTimeBetweenMoves { get; init; }
}

/// <summary>Scheduled drills that move traffic to the replica and back.</summary>
public sealed record DrillSpec
{
    /// <summary>Cron schedule (5 fields, UTC) of drills.</summary>
    [RegularExpression(@"^(\S+\s+){4}\S+$")]
    public required string Schedule { get; init; }

    /// <summary>How long traffic stays on the replica during a drill, as a duration (default 15m).</summary>
    [RegularExpression(PrometheusDuration.Pattern)]
    public string? Duration { get; init; }

    /// <summary>Suspend drills without removing the schedule.</summary>
    public bool Suspend { get; init; }
}

/// <summary>Observed state of a failover plan.</summary>
public sealed record FailoverPlanStatus : ResourceStatus
{
    /// <summary>The region that takes traffic now.</summary>
    public string? ActiveRegion { get; set; }

    /// <summary>Pending, Provisioning, Ready, CheckingPreconditions, ShiftingTraffic, SwitchingRoutingControls, Completed or Failed.</summary>
    public string? Phase { get; set; }

    /// <summary>AWS id of the replica instance.</summary>
    public string? ReplicaInstanceId { get; set; }

    /// <summary>AWS id of the traffic distribution group.</summary>
    public string? TrafficDistributionGroupId { get; set; }

    /// <summary>The move in progress, recorded before each step so a restarted operator resumes it.</summary>
    public FailoverOperation? InProgress { get; set; }

    /// <summary>Audit trail of the most recent moves, newest first.</summary>
    public IList<FailoverRecord>? History { get; set; }

    /// <summary>When the next drill is due.</summary>
    public DateTime? NextDrillTime { get; set; }
}

/// <summary>A move that has started and not finished.</summary>
public sealed record FailoverOperation
{
    public string? FromRegion { get; set; }
    public string? ToRegion { get; set; }
    public string? Step { get; set; }
    public DateTime? StartedTime { get; set; }
    public bool Drill { get; set; }
}

/// <summary>One entry of the failover audit trail.</summary>
public sealed record FailoverRecord
{
    public string? FromRegion { get; set; }
    public string? ToRegion { get; set; }
    public DateTime? StartedTime { get; set; }
    public DateTime? CompletedTime { get; set; }
    public string? Result { get; set; }
    public string? Message { get; set; }
    public bool Drill { get; set; }
}

/// <summary>
/// The region pairs Amazon Connect Global Resiliency replicates between (admin guide, "Set up Amazon Connect Global
/// Resiliency"): us-east-1↔us-west-2, eu-central-1↔eu-west-2, and ap-northeast-1→ap-northeast-3 (one way).
/// </summary>
public static class GlobalResiliencyRegions
{
    private static readonly (string Primary, string Replica)[] Pairs =
    [
        ("us-east-1", "us-west-2"),
        ("us-west-2", "us-east-1"),
        ("eu-central-1", "eu-west-2"),
        ("eu-west-2", "eu-central-1"),
        ("ap-northeast-1", "ap-northeast-3"),
    ];

    public const string Description = "us-east-1<->us-west-2, eu-central-1<->eu-west-2, ap-northeast-1->ap-northeast-3";

    /// <summary>Whether an instance in <paramref name="primary"/> can be replicated to <paramref name="replica"/>.</summary>
    public static bool IsSupportedPair(string? primary, string? replica) => Pairs.Contains((primary ?? "", replica ?? ""));

    /// <summary>The regions whose instances can replicate to <paramref name="replica"/>.</summary>
    public static IReadOnlyList<string> PrimariesFor(string? replica) => Pairs.Where(p => p.Replica == replica).Select(p => p.Primary).ToList();
}
