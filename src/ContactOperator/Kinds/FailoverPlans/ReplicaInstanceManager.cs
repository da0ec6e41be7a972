using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.AwsResources;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>
/// Where a replica goes: ReplicateInstance is asked of the primary's Region, the replica lives (and is read, listed and
/// deleted) in <paramref name="Region"/>.
/// </summary>
public sealed record ReplicaPlacement(IConnectClient Primary, string PrimaryInstanceId, IConnectClient Client, string Region) : IAwsPlacement
{
    public string NameScope => Region;
}

/// <summary>The replica's alias.</summary>
public sealed record DesiredReplica(string Alias);

/// <summary>
/// A replica as DescribeInstance reports it. Tags are left out: AWS copies the primary's tags onto the replica, so they
/// say nothing about which plan asked for it.
/// </summary>
public sealed record ObservedReplica(string Id, string Arn, string Name, string Status) : IObservedResource
{
    public IReadOnlyDictionary<string, string> Tags { get; } = new Dictionary<string, string>();
}

/// <summary>The replica instance of a Global Resiliency pair (ReplicateInstance; deleted with DeleteInstance).</summary>
public sealed class ReplicaInstanceManager() : AwsResourceManager<ReplicaPlacement, DesiredReplica, ObservedReplica>("replica instance")
{
    public override StringComparer NameComparer => StringComparer.OrdinalIgnoreCase;

    public override string DesiredName(DesiredReplica desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return desired.Alias;
    }

    public override IAsyncEnumerable<(string Id, string Name)> ListNamesAsync(ReplicaPlacement at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        return NamesOf(at.Client.ListInstancesAllAsync(new ListInstancesRequest(), cancellationToken).Where(s => s.InstanceStatus != "CREATION_FAILED"), s => s.Id, s => s.InstanceAlias);
    }

    protected override async Task<ObservedReplica> DescribeOrThrowAsync(ReplicaPlacement at, string id, DesiredReplica desired, CancellationToken cancellationToken)
    {
        var instance = (await at.Client.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = id }, cancellationToken)).Instance
            ?? throw new InvalidOperationException($"DescribeInstance {id} returned nothing");
        return new ObservedReplica(instance.Id ?? id, instance.Arn ?? "", instance.InstanceAlias ?? "", instance.InstanceStatus ?? "");
    }

    public override async Task<CreatedResource> CreateAsync(ReplicaPlacement at, DesiredReplica desired, CreateContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(context);
        var response = await at.Primary.ReplicateInstanceAsync(new ReplicateInstanceRequest
        {
            InstanceId = at.PrimaryInstanceId,
            ReplicaRegion = at.Region,
            ReplicaAlias = desired.Alias,
            ClientToken = ClientTokens.FromUid(context.Uid, $"replicate:{at.Region}"),
        }, cancellationToken);
        return Created(response.Id, response.Arn, "ReplicateInstance");
    }

    public override AwsLifecycle LifecycleOf(ObservedReplica observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        return AwsLifecycle.OfConnectStatus(observed.Status, $"replica {observed.Id}");
    }

    public override Task DeleteAsync(ReplicaPlacement at, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        return at.Client.DeleteInstanceAsync(new DeleteInstanceRequest { InstanceId = id }, cancellationToken);
    }
}
