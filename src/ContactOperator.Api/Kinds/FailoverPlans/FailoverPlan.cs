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
public sealed record FailoverPlanSpec : IInstanceScopedSpec
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

    /// <summary>Failover drills: on a cron schedule, on demand, or as a dry run.</summary>
    public DrillSpec? Drill { get; init; }

    /// <summary>How traffic shifts: all at once (default) or in steps with a pause between them.</summary>
    public TrafficShiftSpec? Shift { get; init; }

    /// <summary>
    /// For a real outage: checks to skip and safety rules to bypass, for the next move of spec.activeRegion only (never
    /// drills). The move records it in status.history; after that move it is spent (status.spentOverride) until changed.
    /// </summary>
    public FailoverOverride? Override { get; init; }

    /// <summary>What happens to the traffic distribution group and ARC controls the plan created when the plan is deleted.</summary>
    [AllowedValues(DeletionPolicies.Retain, DeletionPolicies.Delete)]
    [DefaultValue(DeletionPolicies.Delete)]
    public string DeletionPolicy { get; init; } = DeletionPolicies.Delete;
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

    /// <summary>What happens to the replica instance when the plan is deleted (Retain by default: it carries the replicated configuration).</summary>
    [AllowedValues(DeletionPolicies.Retain, DeletionPolicies.Delete)]
    [DefaultValue(DeletionPolicies.Retain)]
    public string DeletionPolicy { get; init; } = DeletionPolicies.Retain;
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

    /// <summary>The target region must have at least this many agents available (GetCurrentMetricData AGENTS_AVAILABLE over its standard queues).</summary>
    [Range(0, 100000)]
    public int? MinAgentsAvailableInTarget { get; init; }

    /// <summary>Refuse to move again sooner than this after the last move ended, as a duration (for example 15m).</summary>
    [RegularExpression(PrometheusDuration.Pattern)]
    public string? MinTimeBetweenMoves { get; init; }
}

/// <summary>Gradual traffic shifts.</summary>
public sealed record TrafficShiftSpec
{
    /// <summary>Percentage of telephony and agents moved per step, a multiple of 10 (default 100: one step).</summary>
    [Range(10, 100)]
    [DefaultValue(100)]
    public int StepPercent { get; init; } = 100;

    /// <summary>Pause between steps, as a duration (for example 2m).</summary>
    [RegularExpression(PrometheusDuration.Pattern)]
    public string? Pause { get; init; }
}

/// <summary>An explicit override for a real outage.</summary>
public sealed record FailoverOverride
{
    /// <summary>Precondition checks to skip: ReplicaActive, AgentsAvailable, MinTimeBetweenMoves.</summary>
    [MaxLength(3)]
    public IList<string>? SkipChecks { get; init; }

    /// <summary>Names of spec.arc.safetyRules that ARC may bypass for the routing control change.</summary>
    [MaxLength(20)]
    public IList<string>? SafetyRulesToOverride { get; init; }
}

/// <summary>The checks an override can skip.</summary>
public static class FailoverChecks
{
    public const string ReplicaActive = "ReplicaActive";
    public const string AgentsAvailable = "AgentsAvailable";
    public const string MinTimeBetweenMoves = "MinTimeBetweenMoves";

    public static readonly IReadOnlyList<string> All = [ReplicaActive, AgentsAvailable, MinTimeBetweenMoves];
}

/// <summary>Drills that move traffic to the replica and back.</summary>
public sealed record DrillSpec
{
    /// <summary>Cron schedule (5 fields, UTC) of drills; none means on-demand drills only.</summary>
    [RegularExpression(@"^(\S+\s+){4}\S+$")]
    public string? Schedule { get; init; }

    /// <summary>How long traffic stays on the replica during a drill, as a duration (default 15m).</summary>
    [RegularExpression(PrometheusDuration.Pattern)]
    public string? Duration { get; init; }

    /// <summary>Suspend scheduled drills without removing the schedule.</summary>
    public bool Suspend { get; init; }

    /// <summary>Validate every precondition and read every part a drill would use, without moving traffic.</summary>
    public bool DryRun { get; init; }

    /// <summary>Set to a new value (for example today's date) to run one drill now.</summary>
    [StringLength(63, MinimumLength = 1)]
    public string? RunId { get; init; }
}

/// <summary>Observed state of a failover plan.</summary>
public sealed record FailoverPlanStatus : ResourceStatus
{
    /// <summary>The region that takes traffic now.</summary>
    public string? ActiveRegion { get; set; }

    /// <summary>Provisioning, Ready, Moving, Drilling, Completed, Refused or Failed.</summary>
    public string? Phase { get; set; }

    /// <summary>AWS id of the replica instance.</summary>
    public string? ReplicaInstanceId { get; set; }

    /// <summary>AWS id of the traffic distribution group.</summary>
    public string? TrafficDistributionGroupId { get; set; }

    /// <summary>ARN of the traffic distribution group (UpdateTrafficDistribution from the replica region needs it).</summary>
    public string? TrafficDistributionGroupArn { get; set; }

    /// <summary>The ARC control panel, routing controls and safety rules the plan uses.</summary>
    public ArcStatus? Arc { get; set; }

    /// <summary>Readiness of each part the plan needs.</summary>
    public FailoverParts? Parts { get; set; }

    /// <summary>The move in progress, recorded before each step so a restarted operator resumes it.</summary>
    public FailoverOperation? InProgress { get; set; }

    /// <summary>Audit trail of the most recent moves, newest first.</summary>
    public IList<FailoverRecord>? History { get; set; }

    /// <summary>
    /// spec.override as the last move that used it recorded it (the words of overridesUsed). An override applies to one
    /// move: while spec.override still says this, no other move uses it. Cleared when spec.override changes or goes.
    /// </summary>
    public IList<string>? SpentOverride { get; set; }

    /// <summary>The last drill's outcome.</summary>
    public DrillRecord? LastDrill { get; set; }

    /// <summary>When the next scheduled drill is due.</summary>
    public DateTime? NextDrillTime { get; set; }

    /// <summary>While a drill holds traffic on the replica: when it moves back.</summary>
    public DateTime? DrillReturnTime { get; set; }
}

/// <summary>Readiness of the plan's parts.</summary>
public sealed record FailoverParts
{
    /// <summary>The replica instance's InstanceStatus.</summary>
    public string? Replica { get; set; }

    /// <summary>The traffic distribution group's Status.</summary>
    public string? TrafficDistributionGroup { get; set; }

    /// <summary>Ready, NotConfigured or what is missing.</summary>
    public string? RoutingControls { get; set; }
}

/// <summary>ARC resources of the plan.</summary>
public sealed record ArcStatus
{
    public string? ControlPanelArn { get; set; }
    public IList<RegionRoutingControlStatus>? RoutingControls { get; set; }
    public IList<NamedArn>? SafetyRules { get; set; }

    /// <summary>Gating controls of the Gating safety rules.</summary>
    public IList<NamedArn>? GatingControls { get; set; }
}

/// <summary>A region's routing control.</summary>
public sealed record RegionRoutingControlStatus
{
    public string? Region { get; set; }
    public string? Arn { get; set; }
}

/// <summary>A named AWS resource.</summary>
public sealed record NamedArn
{
    public string? Name { get; set; }
    public string? Arn { get; set; }
}

/// <summary>A move that has started and not finished.</summary>
public sealed record FailoverOperation
{
    public string? FromRegion { get; set; }
    public string? ToRegion { get; set; }

    /// <summary>The next step to run: SwitchingRoutingControls, ShiftingTraffic or Verifying.</summary>
    public string? Step { get; set; }

    /// <summary>Percentage of telephony and agents already on the target region.</summary>
    public int ShiftedPercent { get; set; }

    /// <summary>With a gradual shift: when the next step may run.</summary>
    public DateTime? NextStepTime { get; set; }

    public DateTime? StartedTime { get; set; }

    /// <summary>Failover, DrillOut or DrillBack.</summary>
    public string? Kind { get; set; }

    /// <summary>Who asked: the field manager that last set spec.activeRegion, or the requested-by annotation.</summary>
    public string? RequestedBy { get; set; }

    /// <summary>Overrides used by this move (skipped checks, bypassed safety rules).</summary>
    public IList<string>? OverridesUsed { get; set; }

    /// <summary>The metadata.generation that asked for the move.</summary>
    public long? Generation { get; set; }
}

/// <summary>One entry of the failover audit trail.</summary>
public sealed record FailoverRecord
{
    public string? FromRegion { get; set; }
    public string? ToRegion { get; set; }
    public string? RequestedBy { get; set; }
    public IList<string>? OverridesUsed { get; set; }
    public DateTime? StartedTime { get; set; }
    public DateTime? CompletedTime { get; set; }

    /// <summary>Wall time of the move, for example 1.25s.</summary>
    public string? Duration { get; set; }

    /// <summary>Succeeded or Failed.</summary>
    public string? Result { get; set; }
    public string? Message { get; set; }

    /// <summary>Failover, DrillOut or DrillBack.</summary>
    public string? Kind { get; set; }
    public long? Generation { get; set; }
}

/// <summary>Outcome of the last drill.</summary>
public sealed record DrillRecord
{
    /// <summary>spec.drill.runId of an on-demand drill; empty for a scheduled one.</summary>
    public string? RunId { get; set; }
    public bool DryRun { get; set; }
    public DateTime? StartedTime { get; set; }
    public DateTime? CompletedTime { get; set; }

    /// <summary>Running, Succeeded or Failed.</summary>
    public string? Result { get; set; }
    public string? Message { get; set; }
}
