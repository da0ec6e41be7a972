namespace ContactOperator.Emulators.Kubernetes;

/// <summary>How to start the emulated API server.</summary>
public sealed class KubernetesApiServerOptions
{
    /// <summary>Loopback port to listen on; 0 picks any free port.</summary>
    public int Port { get; init; }

    /// <summary>Clock for timestamps, watch timeouts and bookmarks.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Events kept for watch resume; a watch from an older resourceVersion gets 410 Gone.</summary>
    public int WatchHistoryCapacity { get; init; } = 10_000;

    /// <summary>How many recent requests <see cref="KubernetesApiServer.AuditEvents"/> keeps; 0 (the default) records none.</summary>
    public int AuditLogCapacity { get; init; }

    /// <summary>
    /// Resolves an admission webhook's <c>clientConfig.service</c> (namespace, name, port, path) to a URL, since
    /// there is no cluster DNS; webhooks configured with <c>url</c> need nothing. Null leaves service webhooks
    /// unreachable (their failurePolicy then decides).
    /// </summary>
    public Func<string, string, int, string, Uri?>? WebhookServiceResolver { get; init; }
}
