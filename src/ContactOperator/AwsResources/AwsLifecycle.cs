namespace ContactOperator.AwsResources;

/// <summary>What AWS says of a resource's own lifecycle (an instance takes minutes to become ACTIVE).</summary>
public abstract record AwsLifecycle
{
    public static AwsLifecycle Active { get; } = new ActiveLifecycle();

    public static AwsLifecycle Pending(string message) => new PendingLifecycle(message);

    public static AwsLifecycle Failed(string message) => new FailedLifecycle(message);

    /// <summary>
    /// Connect's creation states: ACTIVE is usable, CREATION_FAILED failed (with AWS's <paramref name="reason"/> when it
    /// gives one), anything else is still being created. <paramref name="what"/> names the resource ("instance 3f2a…").
    /// </summary>
    public static AwsLifecycle OfConnectStatus(string status, string what, string? reason = null) => status switch
    {
        "ACTIVE" => Active,
        "CREATION_FAILED" => Failed($"{what} CREATION_FAILED: {reason ?? "no reason given"}"),
        _ => Pending($"{what} is {status}"),
    };
}

public sealed record ActiveLifecycle : AwsLifecycle;

public sealed record PendingLifecycle(string Message) : AwsLifecycle;

public sealed record FailedLifecycle(string Message) : AwsLifecycle;

/// <summary>What a create needs beyond the desired state: the object's uid (for idempotency tokens) and the id it replaces.</summary>
public sealed record CreateContext(string Uid, string? ReplacedId);

/// <summary>The id (and ARN, when the create answer has it) of a resource just created.</summary>
public sealed record CreatedResource(string Id, string? Arn);
