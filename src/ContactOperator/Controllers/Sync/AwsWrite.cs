namespace ContactOperator.Controllers.Sync;

/// <summary>
/// One AWS write a delta asks for. <see cref="Summary"/> is what the Event and the log say about it,
/// so a user can read from <c>kubectl describe</c> exactly what the operator changed and why.
/// </summary>
public abstract record AwsWrite
{
    /// <summary>The AWS operation that carries the write, for example UpdateQueueMaxContacts.</summary>
    public abstract string Operation { get; }

    /// <summary>A short human sentence: what changes, from what to what.</summary>
    public abstract string Summary { get; }
}
