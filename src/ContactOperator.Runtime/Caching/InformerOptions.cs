namespace ContactOperator.Runtime.Caching;

/// <summary>How an informer lists and watches.</summary>
public sealed record InformerOptions
{
    /// <summary>Watch one namespace; null watches all namespaces.</summary>
    public string? Namespace { get; init; }

    /// <summary>Optional label selector applied to list and watch.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>How often every cached object is handed to subscribers again (drift detection). Zero or negative disables it.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>First delay after a failed list or watch; doubles up to <see cref="MaxReconnectDelay"/> (client-go: 0.8 s → 30 s).</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(800);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Server-side timeout of one watch request; each watch draws at random between this and twice this (client-go: 5–10 min).</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Drops <c>metadata.managedFields</c> before caching: they are large and controllers never read them.</summary>
    public bool StripManagedFields { get; init; } = true;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
