using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ContactOperator.Hosting;

/// <summary>Structured JSON logs on stdout, one object per line, with scopes (controller, namespace, name, reconcileID).</summary>
public static class OperatorLogging
{
    public static ILoggerFactory CreateJsonConsole(LogLevel minimumLevel) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimumLevel)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Warning)
            .AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                options.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            }));

    public static LogLevel ParseLevel(string level) => Enum.Parse<LogLevel>(level, ignoreCase: true);
}
