using ContactOperator.Api.Kinds;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>The steps of a move after its preconditions passed, in order. Status records the next one to run.</summary>
public static class FailoverSteps
{
    /// <summary>Reads only; the move is recorded in status once they pass.</summary>
    public const string CheckingPreconditions = "CheckingPreconditions";
    public const string SwitchingRoutingControls = "SwitchingRoutingControls";
    public const string ShiftingTraffic = "ShiftingTraffic";
    public const string Verifying = "Verifying";
}

/// <summary>Why traffic moves: a person changed spec.activeRegion, or a drill goes out to the other region and comes back.</summary>
public static class MoveKinds
{
    public const string Failover = "Failover";
    public const string DrillOut = "DrillOut";
    public const string DrillBack = "DrillBack";
}

/// <summary>Values of status.phase (kubectl get fp shows them).</summary>
public static class FailoverPhases
{
    public const string Provisioning = "Provisioning";
    public const string Ready = "Ready";
    public const string Moving = "Moving";
    public const string Drilling = "Drilling";
    public const string Completed = "Completed";
    public const string Refused = "Refused";
    public const string Failed = "Failed";

    /// <summary>Every phase, in the order a plan meets them; the values of the exported phase gauge's <c>phase</c> label.</summary>
    public static readonly IReadOnlyList<string> All = [Provisioning, Ready, Moving, Drilling, Completed, Refused, Failed];
}

/// <summary>Results in status.history, status.lastDrill and the failovers_total metric.</summary>
public static class MoveResults
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Refused = "Refused";
    public const string Running = "Running";
    public const string DryRunPassed = "DryRunPassed";
}

/// <summary>Condition reasons and Event reasons specific to FailoverPlan (CamelCase, stable).</summary>
public static class FailoverReasons
{
    public const string InvalidTarget = "InvalidTarget";
    public const string TooSoon = "TooSoon";
    public const string PreconditionFailed = "PreconditionFailed";
    public const string SafetyRuleBlocked = "SafetyRuleBlocked";

    /// <summary>ARC refused the switch inside a safety rule's wait period: the move is held until it ends, then goes on.</summary>
    public const string SafetyRuleWaitPeriod = "SafetyRuleWaitPeriod";
    public const string MoveFailed = "MoveFailed";
    public const string EditHeld = "EditHeld";
    public const string IdentityNotSaml = "IdentityNotSaml";
    public const string MoveStarted = "MoveStarted";
    public const string RoutingControlsSwitched = "RoutingControlsSwitched";
    public const string TrafficShifted = "TrafficShifted";
    public const string MoveCompleted = "MoveCompleted";
    public const string DrillStarted = "DrillStarted";
    public const string DrillCompleted = "DrillCompleted";
}

/// <summary>
/// The words status.history (overridesUsed), the recorded move and status.spentOverride use for an override: the one
/// place that writes them and reads them back.
/// </summary>
public static class OverrideTerms
{
    private const string SkippedPrefix = "skipped ";
    private const string SafetyRulePrefix = "overrode safety rule ";

    public static string SkippedCheck(string check) => SkippedPrefix + check;

    public static string OverrodeSafetyRule(string rule) => SafetyRulePrefix + rule;

    /// <summary>spec.override in these words: the known checks it skips, then the safety rules it bypasses, each once.</summary>
    public static IReadOnlyList<string> Of(FailoverOverride? given) =>
    [
        .. (given?.SkipChecks ?? []).Where(c => FailoverChecks.All.Contains(c)).Distinct(StringComparer.Ordinal).Select(SkippedCheck),
        .. (given?.SafetyRulesToOverride ?? []).Distinct(StringComparer.Ordinal).Select(OverrodeSafetyRule),
    ];

    /// <summary>The checks named by <paramref name="terms"/>.</summary>
    public static IReadOnlyList<string> SkippedChecks(IEnumerable<string>? terms) => Strip(terms, SkippedPrefix);

    /// <summary>The safety rules named by <paramref name="terms"/>.</summary>
    public static IReadOnlyList<string> SafetyRules(IEnumerable<string>? terms) => Strip(terms, SafetyRulePrefix);

    /// <summary>Both name the same overrides, in any order.</summary>
    public static bool Same(IEnumerable<string>? a, IEnumerable<string>? b) =>
        new HashSet<string>(a ?? [], StringComparer.Ordinal).SetEquals(b ?? []);

    private static List<string> Strip(IEnumerable<string>? terms, string prefix) =>
        [.. (terms ?? []).Where(t => t.StartsWith(prefix, StringComparison.Ordinal)).Select(t => t[prefix.Length..])];
}
