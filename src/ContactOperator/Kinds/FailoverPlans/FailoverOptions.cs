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
}
