using Microsoft.Extensions.Logging;

namespace ContactOperator.Local;

/// <summary>
/// Local mode's console log, one line per entry: the operator's own lines (categories <c>ContactOperator.*</c>: every
/// AWS write, every state change, start-up) from <c>--log-level</c> on; everything else (ASP.NET Core, the HTTP
/// clients, the emulators) only from Warning. A logged exception is told in one line, its type and message, unless the
/// level is Debug or Trace, which keeps the stack trace.
/// </summary>
public static class LocalLogging
{
    /// <summary>The log of <paramref name="level"/>, written to the console (or where <paramref name="output"/> adds).</summary>
    public static ILoggerFactory Create(LogLevel level, Action<ILoggingBuilder>? output = null)
    {
        var others = level > LogLevel.Warning ? level : LogLevel.Warning;
        var factory = LoggerFactory.Create(builder =>
        {
            (output ?? Console)(builder);
            builder.SetMinimumLevel(level).AddFilter((category, entry) => entry >= (IsOperators(category) ? level : others));
        });
        return level <= LogLevel.Debug ? factory : new OneLineExceptions(factory);
    }

    private static void Console(ILoggingBuilder builder) => builder.AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.TimestampFormat = "HH:mm:ss ";
    });

    /// <summary>The operator's own categories (the emulators' are not: local mode only hosts them).</summary>
    public static bool IsOperators(string? category) =>
        category is not null && category.StartsWith("ContactOperator.", StringComparison.Ordinal)
        && !category.StartsWith("ContactOperator.Emulators", StringComparison.Ordinal);

    /// <summary>"type: message" of an exception and of its innermost cause, on one line.</summary>
    public static string Summary(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var root = exception.GetBaseException();
        var outer = $"{exception.GetType().Name}: {exception.Message}";
        return ReferenceEquals(root, exception) ? outer : $"{outer} ({root.GetType().Name}: {root.Message})";
    }

    /// <summary>Passes every entry on without its exception, whose summary ends the message instead.</summary>
    private sealed class OneLineExceptions(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();

        private sealed class Logger(ILogger inner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => inner.BeginScope(state);

            public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (exception is null)
                {
                    inner.Log(logLevel, eventId, state, null, formatter);
                    return;
                }
                inner.Log(logLevel, eventId, state, null, (s, _) => $"{formatter(s, exception)}: {Summary(exception)}");
            }
        }
    }
}
