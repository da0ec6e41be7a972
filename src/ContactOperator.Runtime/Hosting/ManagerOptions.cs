using ContactOperator.Runtime.Leadership;

namespace ContactOperator.Runtime.Hosting;

/// <summary>Everything a <see cref="ControllerManager"/> needs besides the Kubernetes client.</summary>
public sealed record ManagerOptions
{
    /// <summary>Watch and reconcile one namespace; null means all namespaces.</summary>
    public string? Namespace { get; init; }

    /// <summary>Port of <c>/metrics</c>; 0 picks a free port; null serves no metrics.</summary>
    public int? MetricsPort { get; init; } = 8080;

    /// <summary>Port of <c>/healthz</c> and <c>/readyz</c>; 0 picks a free port; null serves no probes. May equal <see cref="MetricsPort"/>.</summary>
    public int? HealthPort { get; init; } = 8081;

    /// <summary>Address the HTTP endpoints listen on (<c>0.0.0.0</c> in a pod, <c>127.0.0.1</c> in tests).</summary>
    public string BindAddress { get; init; } = "0.0.0.0";

    /// <summary>Leader election settings; null runs without it (this replica always reconciles).</summary>
    public LeaderElectionOptions? LeaderElection { get; init; }

    /// <summary>How often every cached object is reconciled again to catch drift.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Default worker count per controller (a controller may set its own).</summary>
    public int MaxConcurrentReconciles { get; init; } = 1;

    /// <summary>On shutdown, how long in-flight reconciles may run before they are cancelled.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>reportingController</c> of recorded Events.</summary>
    public string ReportingController { get; init; } = "contact-operator.io/contact-operator";

    /// <summary>Server-side timeout of each watch request (randomised up to twice this).</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First delay before re-opening a failed watch (doubles up to 30 s).</summary>
    public TimeSpan WatchReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(800);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        CheckPort(MetricsPort, "metrics port");
        CheckPort(HealthPort, "health port");
        if (MetricsPort is > 0 && MetricsPort == HealthPort)
        {
            // Allowed: both endpoints share one listener.
        }

        if (MaxConcurrentReconciles < 1)
        {
            throw new ArgumentException($"max concurrent reconciles must be at least 1 (got {MaxConcurrentReconciles})");
        }

        if (ResyncPeriod < TimeSpan.Zero || ShutdownTimeout < TimeSpan.Zero || WatchTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("resync period and shutdown timeout must not be negative; watch timeout must be positive");
        }

        LeaderElection?.Validate();
    }

    private static void CheckPort(int? port, string name)
    {
        if (port is < 0 or > 65535)
        {
            throw new ArgumentException($"{name} must be between 0 and 65535 (got {port})");
        }
    }
}
