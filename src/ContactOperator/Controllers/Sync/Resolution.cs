namespace ContactOperator.Controllers.Sync;

/// <summary>Either the desired AWS state (every reference resolved to an AWS id) or why it cannot be computed yet.</summary>
public sealed record Resolution<T>(T? Value, string? WaitingFor)
    where T : class;

public static class Resolution
{
    public static Resolution<T> Ready<T>(T value)
        where T : class => new(value, null);

    public static Resolution<T> Waiting<T>(string message)
        where T : class => new(null, message);
}
