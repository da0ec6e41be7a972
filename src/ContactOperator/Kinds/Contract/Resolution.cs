using ContactOperator.AwsResources;

namespace ContactOperator.Kinds.Contract;

/// <summary>Either a value (every reference resolved to an AWS id) or what it still waits for.</summary>
public sealed record Resolution<T>(T? Value, string? WaitingFor)
    where T : class;

public static class Resolution
{
    public static Resolution<T> Ready<T>(T value)
        where T : class => new(value, null);

    public static Resolution<T> Waiting<T>(string message)
        where T : class => new(null, message);
}

/// <summary>The desired AWS state of one object and where it goes.</summary>
public sealed record Placed<TPlacement, TDesired>(TPlacement At, TDesired Desired)
    where TPlacement : IAwsPlacement
    where TDesired : class;
