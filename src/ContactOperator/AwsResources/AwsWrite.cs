namespace ContactOperator.AwsResources;

/// <summary>
/// One AWS write a delta asks for. <see cref="Summary"/> is what the Event and the log say about it,
/// so a user can read from <c>kubectl describe</c> exactly what the operator changed and why.
/// </summary>
/// <param name="Operation">The AWS operation that carries the write, for example UpdateQueueMaxContacts.</param>
public abstract record AwsWrite(string Operation)
{
    /// <summary>A short human sentence: what changes, from what to what, with AWS ids as they are.</summary>
    public string Summary => Summarize(IdLabels.None);

    /// <summary>The same sentence naming the Kubernetes objects that own the AWS ids it mentions ("Queue billing (3f2a…)").</summary>
    public abstract string Summarize(IdLabels labels);
}

/// <summary>A write of one kind, declared once with the AWS call that applies it.</summary>
public abstract record AwsWrite<TPlacement, TObserved>(string Operation) : AwsWrite(Operation)
    where TPlacement : IAwsPlacement
    where TObserved : IObservedResource
{
    public abstract Task ApplyAsync(TPlacement at, TObserved observed, CancellationToken cancellationToken);
}
