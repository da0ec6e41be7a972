namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>Timing of the FailoverPlan controller.</summary>
public sealed record FailoverOptions
{
    /// <summary>How soon to look again while AWS provisions the replica or the group, or the instance is not Ready.</summary>
    public TimeSpan WaitPoll { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How soon a move refused by a precondition (agents, replica state) is checked again. Not a loop: one look per period.</summary>
    public TimeSpan RecheckRefused { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a steady plan is observed again.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Called with the step's name (CheckingPreconditions, SwitchingRoutingControls, ShiftingTraffic, Verifying) after the
    /// step's AWS calls and before its status write, the worst moment for the operator to stop: the fault tests stop it
    /// here to show that a restarted operator does not repeat a write. Null in production.
    /// </summary>
    public Func<string, CancellationToken, Task>? AfterStep { get; init; }
}
