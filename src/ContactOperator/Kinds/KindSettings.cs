using ContactOperator.Alerting;
using ContactOperator.Kinds.FailoverPlans;

namespace ContactOperator.Kinds;

/// <summary>
/// The settings of the kinds that have their own (the AWS-backed flow's are <see cref="Controllers.Sync.SyncOptions"/>).
/// A kind reads its part from <see cref="Controllers.Sync.SyncServices.Kinds"/> when it registers.
/// </summary>
public sealed record KindSettings
{
    public FailoverOptions Failover { get; init; } = new();

    public AlertingSettings Alerting { get; init; } = new();
}
