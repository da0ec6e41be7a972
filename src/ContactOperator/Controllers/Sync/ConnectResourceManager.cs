using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;

namespace ContactOperator.Controllers.Sync;

/// <summary>Where a resource inside an Amazon Connect instance lives: the regional client and the instance.</summary>
public sealed record ConnectPlacement(IConnectClient Client, string InstanceId, string Region);

/// <summary>What every observed Connect resource carries.</summary>
public interface IObservedResource
{
    string Id { get; }
    string Arn { get; }
    string Name { get; }
    IReadOnlyDictionary<string, string> Tags { get; }
}

/// <summary>
/// The kind-specific half of reconciling a resource inside an instance: find, create, write and delete in AWS.
/// The flow (ConnectChildReconciler) is the same for every kind.
/// </summary>
public abstract class ConnectResourceManager<TDesired, TObserved>
    where TObserved : class, IObservedResource
{
    /// <summary>How AWS names the resource in messages, for example "queue".</summary>
    public abstract string AwsKind { get; }

    /// <summary>The resource by id, or null when AWS says it does not exist.</summary>
    public async Task<TObserved?> DescribeAsync(ConnectPlacement at, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await DescribeOrThrowAsync(at, id, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Class == AwsErrorClass.NotFound)
        {
            return null;
        }
    }

    protected abstract Task<TObserved> DescribeOrThrowAsync(ConnectPlacement at, string id, CancellationToken cancellationToken);

    /// <summary>The id of the resource with this name, if any (names are unique per instance).</summary>
    public async Task<string?> FindIdByNameAsync(ConnectPlacement at, string name, CancellationToken cancellationToken)
    {
        await foreach (var (id, summaryName) in ListAsync(at, cancellationToken))
        {
            if (summaryName == name)
            {
                return id;
            }
        }
        return null;
    }

    /// <summary>Every resource of this kind in the instance, as (id, name) pairs.</summary>
    protected abstract IAsyncEnumerable<(string? Id, string? Name)> ListAsync(ConnectPlacement at, CancellationToken cancellationToken);

    /// <summary>Creates the resource (these APIs take no idempotency token) and returns its id.</summary>
    public abstract Task<string> CreateAsync(ConnectPlacement at, TDesired desired, CancellationToken cancellationToken);

    public abstract string DesiredName(TDesired desired);

    public abstract IReadOnlyList<AwsWrite> Delta(TDesired desired, TObserved observed);

    public async Task ApplyAsync(ConnectPlacement at, TObserved observed, AwsWrite write, CancellationToken cancellationToken)
    {
        switch (write)
        {
            case TagResourceWrite tag:
                await at.Client.TagResourceAsync(new TagResourceRequest { ResourceArn = observed.Arn, Tags = tag.Tags }, cancellationToken);
                break;
            case UntagResourceWrite untag:
                await at.Client.UntagResourceAsync(new UntagResourceRequest { ResourceArn = observed.Arn, TagKeys = untag.Keys }, cancellationToken);
                break;
            default:
                await ApplyKindWriteAsync(at, observed, write, cancellationToken);
                break;
        }
    }

    protected abstract Task ApplyKindWriteAsync(ConnectPlacement at, TObserved observed, AwsWrite write, CancellationToken cancellationToken);

    public abstract Task DeleteAsync(ConnectPlacement at, string id, CancellationToken cancellationToken);

    protected static InvalidOperationException Unexpected(AwsWrite write) => new($"no AWS call for {write.GetType().Name}");

    protected static IReadOnlyDictionary<string, string> TagsOf(IReadOnlyDictionary<string, string>? tags) =>
        tags ?? new Dictionary<string, string>();
}
