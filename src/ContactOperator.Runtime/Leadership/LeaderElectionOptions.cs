namespace ContactOperator.Runtime.Leadership;

/// <summary>Leader election over a coordination.k8s.io Lease (defaults match controller-runtime: 15 s / 10 s / 2 s).</summary>
public sealed record LeaderElectionOptions
{
    /// <summary>Name of the Lease object.</summary>
    public string LeaseName { get; init; } = "contact-operator-leader";

    /// <summary>Namespace of the Lease object.</summary>
    public string LeaseNamespace { get; init; } = "default";

    /// <summary>This replica's identity (pod name by default).</summary>
    public string Identity { get; init; } = DefaultIdentity();

    /// <summary>How long other replicas wait after the last renewal they saw before taking over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives up leadership (and stops reconciling).</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval between acquire or renew attempts.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>On graceful shutdown, after controllers drained, hand the lease back so another replica takes over at once.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    /// <summary>Throws unless LeaseDuration &gt; RenewDeadline &gt; 1.2 × RetryPeriod (client-go's rule).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(LeaseName) || string.IsNullOrWhiteSpace(LeaseNamespace) || string.IsNullOrWhiteSpace(Identity))
        {
            throw new ArgumentException("leader election needs a lease name, a lease namespace and an identity");
        }

        if (RetryPeriod <= TimeSpan.Zero || RenewDeadline <= RetryPeriod * 1.2 || LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException(
                $"leader election timings must satisfy lease duration ({LeaseDuration}) > renew deadline ({RenewDeadline}) > 1.2 × retry period ({RetryPeriod})");
        }
    }

    private static string DefaultIdentity() =>
        Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : $"{Environment.MachineName}_{Guid.NewGuid():N}";
}
