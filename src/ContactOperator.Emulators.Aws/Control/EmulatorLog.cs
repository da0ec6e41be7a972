using Microsoft.Extensions.Logging;

namespace ContactOperator.Emulators.Aws.Control;

/// <summary>Structured log messages of the emulator.</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "AWS {Service} {Region} {Operation} -> {StatusCode} in {DurationMs} ms")]
    public static partial void Answered(ILogger logger, string service, string region, string operation, int statusCode, double durationMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS {Service} {Region} {Operation} -> {StatusCode} {ErrorCode} in {DurationMs} ms")]
    public static partial void Failed(ILogger logger, string service, string region, string operation, int statusCode, string errorCode, double durationMs);
}
