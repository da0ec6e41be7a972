using ContactOperator.Runtime.Hosting;
using ContactOperator.Runtime.Leadership;

namespace ContactOperator.Runtime.Configuration;

/// <summary>The validated settings of <c>contact-operator run</c>.</summary>
public sealed record OperatorSettings
{
    /// <summary>Path of a kubeconfig; null means in-cluster config, then <c>KUBECONFIG</c>, then <c>~/.kube/config</c>.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>One namespace, or null for all.</summary>
    public string? Namespace { get; init; }

    public int MetricsPort { get; init; } = 8080;

    public int HealthPort { get; init; } = 8081;

    public string BindAddress { get; init; } = "0.0.0.0";

    public bool LeaderElect { get; init; } = true;

    public string LeaderElectionId { get; init; } = "contact-operator-leader";

    /// <summary>Null means the pod's namespace (in cluster) or <c>default</c>.</summary>
    public string? LeaderElectionNamespace { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    public int MaxConcurrentReconciles { get; init; } = 32;

    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string LogLevel { get; init; } = "Information";

    /// <summary>The manager options these settings describe (<paramref name="leaseNamespaceFallback"/> when no lease namespace was given).</summary>
    public ManagerOptions ToManagerOptions(string leaseNamespaceFallback, TimeProvider? timeProvider = null) => new()
    {
        Namespace = Namespace,
        MetricsPort = MetricsPort,
        HealthPort = HealthPort,
        BindAddress = BindAddress,
        ResyncPeriod = ResyncPeriod,
        MaxConcurrentReconciles = MaxConcurrentReconciles,
        ShutdownTimeout = ShutdownTimeout,
        TimeProvider = timeProvider ?? TimeProvider.System,
        LeaderElection = LeaderElect
            ? new LeaderElectionOptions
            {
                LeaseName = LeaderElectionId,
                LeaseNamespace = LeaderElectionNamespace ?? Namespace ?? leaseNamespaceFallback,
                LeaseDuration = LeaseDuration,
                RenewDeadline = RenewDeadline,
                RetryPeriod = RetryPeriod,
            }
            : null,
    };
}
