namespace ContactOperator.Emulators.Aws;

/// <summary>One call the emulator answered.</summary>
/// <param name="Time">When the call arrived, on the emulator's TimeProvider.</param>
/// <param name="Service">Signing name from the credential scope (e.g. connect); empty if the scope was unreadable.</param>
/// <param name="Region">Region from the credential scope.</param>
/// <param name="Operation">Operation name from the model (e.g. CreateQueue); empty if none matched.</param>
/// <param name="StatusCode">HTTP status sent.</param>
/// <param name="ErrorCode">AWS error code sent, or null on success.</param>
/// <param name="ArcEndpoint">The ARC cluster endpoint the call arrived on, if any.</param>
/// <param name="AccessKeyId">Access key id from the credential scope.</param>
public sealed record AwsRequestLogEntry(
    DateTimeOffset Time,
    string Service,
    string Region,
    string Operation,
    int StatusCode,
    string? ErrorCode,
    ArcEndpointAddress? ArcEndpoint,
    string AccessKeyId)
{
    /// <summary>Time from arrival to answer on the emulator's TimeProvider (includes injected latency).</summary>
    public TimeSpan Duration { get; init; }
}
