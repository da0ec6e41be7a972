namespace ContactOperator.Metrics;

/// <summary>How often and over what window the contact-center exporter polls Connect.</summary>
public sealed record ExporterOptions
{
    /// <summary>Time between two polls of one instance (default 60 s; Connect's own real-time reports refresh every 15 s).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The trailing window GetMetricDataV2 figures (volume, abandonment, answer time, service level) cover (default 15 min).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The answer-time threshold of the service level (default 20 s).</summary>
    public TimeSpan ServiceLevelThreshold { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>False turns the exporter off.</summary>
    public bool Enabled { get; init; } = true;

    public void Validate()
    {
        if (Interval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"the exporter interval must be at least 1 s (got {Interval})");
        }
        if (Window < TimeSpan.FromMinutes(1) || Window > TimeSpan.FromHours(24))
        {
            throw new ArgumentException($"the exporter window must be between 1 min and 24 h (got {Window})");
        }
    }
}
