namespace ContactOperator.Reconciliation;

/// <summary>Settings every AWS-backed controller shares.</summary>
public sealed record SyncOptions
{
    /// <summary>How often a healthy resource is observed again to catch drift made outside Kubernetes.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How soon to look again while waiting for a dependency or for AWS to finish something.</summary>
    public TimeSpan WaitPoll { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The shortest wait between two looks at a resource AWS is still creating (see WaitPoll for the longest).</summary>
    public TimeSpan LifecyclePollMinimum { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A 404 for a resource created this recently is eventual consistency, not drift.</summary>
    public TimeSpan EventualConsistencyWindow { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How soon to look again at a resource AWS has been creating for <paramref name="pendingFor"/>: a quarter of that,
    /// between <see cref="LifecyclePollMinimum"/> and <see cref="WaitPoll"/>. A short creation (the emulator's seconds)
    /// then waits at most a quarter longer than it must; a long one (AWS's minutes) costs a call every WaitPoll.
    /// </summary>
    public TimeSpan LifecyclePoll(TimeSpan pendingFor)
    {
        var shortest = LifecyclePollMinimum < WaitPoll ? LifecyclePollMinimum : WaitPoll;
        return TimeSpan.FromTicks(Math.Clamp(pendingFor.Ticks / 4, shortest.Ticks, WaitPoll.Ticks));
    }

    /// <summary>
    /// How soon a resource refused for a quota or denied access tries again (fixed outside Kubernetes: Service Quotas,
    /// IAM, credentials); null means the resync period.
    /// </summary>
    public TimeSpan? QuotaRetry { get; init; }
}
