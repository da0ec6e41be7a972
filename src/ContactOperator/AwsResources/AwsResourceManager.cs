using ContactOperator.Aws.Core;

namespace ContactOperator.AwsResources;

/// <summary>
/// What the operator does with one type of AWS resource, whatever the service (ACK's resource manager): read one by id,
/// list names (to adopt a resource a lost create left behind), create, the writes that update it, delete, and what AWS
/// says of its lifecycle. The order these are called in is <see cref="AwsResourceFlow"/>'s, the same for every kind.
/// </summary>
public abstract class AwsResourceManager<TPlacement, TDesired, TObserved>
    where TPlacement : IAwsPlacement
    where TDesired : class
    where TObserved : class, IObservedResource
{
    private readonly Func<TDesired, TObserved, IReadOnlyList<AwsWrite<TPlacement, TObserved>>>? delta;

    /// <param name="awsKind">How AWS names the resource in messages, for example "queue".</param>
    /// <param name="delta">The writes that turn an observed resource into the desired one (pure); null for a resource never updated in place.</param>
    protected AwsResourceManager(string awsKind, Func<TDesired, TObserved, IReadOnlyList<AwsWrite<TPlacement, TObserved>>>? delta = null)
    {
        AwsKind = awsKind;
        this.delta = delta;
    }

    /// <summary>How AWS names the resource in messages, for example "queue".</summary>
    public string AwsKind { get; }

    /// <summary>The name the resource has in AWS; empty for a resource without one (never adopted by name).</summary>
    public abstract string DesiredName(TDesired desired);

    /// <summary>How names compare within a scope (instance aliases ignore case).</summary>
    public virtual StringComparer NameComparer => StringComparer.Ordinal;

    /// <summary>Every resource of this type in the placement's scope, as (id, name): read once per scope into the name index.</summary>
    public abstract IAsyncEnumerable<(string Id, string Name)> ListNamesAsync(TPlacement at, CancellationToken cancellationToken);

    /// <summary>Reads the resource; throws <see cref="AwsServiceException"/> (NotFound when it does not exist).</summary>
    protected abstract Task<TObserved> DescribeOrThrowAsync(TPlacement at, string id, TDesired desired, CancellationToken cancellationToken);

    /// <summary>The resource as AWS reports it, or null when it does not exist.</summary>
    public async Task<TObserved?> ReadOneAsync(TPlacement at, string id, TDesired desired, CancellationToken cancellationToken)
    {
        try
        {
            return await DescribeOrThrowAsync(at, id, desired, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Class == AwsErrorClass.NotFound)
        {
            return null;
        }
    }

    public abstract Task<CreatedResource> CreateAsync(TPlacement at, TDesired desired, CreateContext context, CancellationToken cancellationToken);

    /// <summary>
    /// The resource a create just made, when the create's input fully describes it: then no read follows the create
    /// (the next resync reads it) and a burst of creates costs one call each. Null to read it instead.
    /// </summary>
    public virtual TObserved? AsCreated(TDesired desired, CreatedResource created) => null;

    public virtual AwsLifecycle LifecycleOf(TObserved observed) => AwsLifecycle.Active;

    /// <summary>The writes that turn <paramref name="observed"/> into <paramref name="desired"/> (pure); none when they match.</summary>
    public IReadOnlyList<AwsWrite<TPlacement, TObserved>> Delta(TDesired desired, TObserved observed) => delta?.Invoke(desired, observed) ?? [];

    public abstract Task DeleteAsync(TPlacement at, string id, CancellationToken cancellationToken);

    /// <summary>Deletes the resource; true when it was there, false when it was already gone.</summary>
    public async Task<bool> DeleteIfExistsAsync(TPlacement at, string id, CancellationToken cancellationToken)
    {
        try
        {
            await DeleteAsync(at, id, cancellationToken);
            return true;
        }
        catch (AwsServiceException e) when (e.Class == AwsErrorClass.NotFound)
        {
            return false;
        }
    }

    /// <summary>An empty map for null (AWS omits an empty one).</summary>
    protected static IReadOnlyDictionary<string, string> TagsOf(IReadOnlyDictionary<string, string>? tags) =>
        tags ?? new Dictionary<string, string>();

    /// <summary>The created resource, from a create answer's id and ARN.</summary>
    protected static CreatedResource Created(string? id, string? arn, string operation) =>
        new(id ?? throw new InvalidOperationException($"{operation} returned no id"), arn);

    /// <summary>(id, name) of every listed summary that has both.</summary>
    protected static async IAsyncEnumerable<(string Id, string Name)> NamesOf<TSummary>(
        IAsyncEnumerable<TSummary> summaries, Func<TSummary, string?> id, Func<TSummary, string?> name)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(name);
        await foreach (var summary in summaries)
        {
            if (id(summary) is { } i && name(summary) is { } n)
            {
                yield return (i, n);
            }
        }
    }
}
