namespace ContactOperator.Emulators.Aws.Faults;

/// <summary>
/// A fault to inject into matching calls: an error (with a probability and an optional number of hits)
/// and/or added latency. Null filters match anything.
/// </summary>
public sealed record FaultRule
{
    /// <summary>Signing name: connect, route53-recovery-control-config or route53-recovery-cluster.</summary>
    public string? Service { get; init; }

    public string? Operation { get; init; }

    public string? Region { get; init; }

    /// <summary>AWS error code to return, e.g. InternalServiceException; null injects latency only.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>HTTP status; defaults to the status AWS uses for <see cref="ErrorCode"/>.</summary>
    public int? StatusCode { get; init; }

    public string? Message { get; init; }

    /// <summary>Chance (0–1) that a matching call fails.</summary>
    public double Probability { get; init; } = 1.0;

    /// <summary>How many calls this rule may still affect (fail, or delay with <see cref="AfterEffect"/>); null means no limit.</summary>
    public int? Count { get; init; }

    /// <summary>Delay added before the call is answered, measured on the emulator's TimeProvider.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>
    /// The call takes effect first and its answer is held for <see cref="Latency"/> afterwards (a write that reached
    /// AWS whose response is late or lost), instead of the delay coming before the call runs.
    /// </summary>
    public bool AfterEffect { get; init; }

    /// <summary>Matching calls let through untouched before the rule starts to apply.</summary>
    public int Skip { get; init; }
}

/// <summary>How an ARC cluster endpoint behaves while it is taken down.</summary>
public enum ArcEndpointOutageMode
{
    /// <summary>Answers 503 EndpointTemporarilyUnavailableException, as during ARC maintenance.</summary>
    Unavailable,

    /// <summary>Drops the connection without an answer.</summary>
    ConnectionReset,

    /// <summary>Never answers until the client gives up.</summary>
    Blackhole,
}
