using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Testing;

/// <summary>Captures every log line with the values of the scopes active when it was written, and the exception logged with it.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<Line> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    public sealed record Line(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope, string? Exception = null);

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>();
            owner.scopes.ForEachScope(
                (scope, acc) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            acc[key] = value;
                        }
                    }
                },
                values);
            owner.Lines.Enqueue(new Line(category, logLevel, formatter(state, exception), values, exception?.ToString()));
        }
    }
}
