using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.AwsResources;
using ContactOperator.AwsResources.Connect;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>The desired traffic distribution group (created with the owner tag).</summary>
public sealed record DesiredTrafficDistributionGroup(string Name, string? Description, IReadOnlyDictionary<string, string> Tags) : INamedDesired;

/// <summary>A traffic distribution group as DescribeTrafficDistributionGroup reports it.</summary>
public sealed record ObservedTrafficDistributionGroup(string Id, string Arn, string Name, string Status, IReadOnlyDictionary<string, string> Tags) : IObservedResource;

/// <summary>The traffic distribution group of a Global Resiliency pair, in the primary instance.</summary>
public sealed class TrafficDistributionGroupManager()
    : InstanceResourceManager<DesiredTrafficDistributionGroup, ObservedTrafficDistributionGroup>("traffic distribution group")
{
    public override IAsyncEnumerable<(string Id, string Name)> ListNamesAsync(InstancePlacement at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        return NamesOf(at.Client.ListTrafficDistributionGroupsAllAsync(new ListTrafficDistributionGroupsRequest { InstanceId = at.InstanceId }, cancellationToken), g => g.Id, g => g.Name);
    }

    protected override async Task<ObservedTrafficDistributionGroup> DescribeOrThrowAsync(InstancePlacement at, string id, DesiredTrafficDistributionGroup desired, CancellationToken cancellationToken)
    {
        var group = (await at.Client.DescribeTrafficDistributionGroupAsync(new DescribeTrafficDistributionGroupRequest { TrafficDistributionGroupId = id }, cancellationToken)).TrafficDistributionGroup
            ?? throw new InvalidOperationException($"DescribeTrafficDistributionGroup {id} returned nothing");
        return new ObservedTrafficDistributionGroup(group.Id ?? id, group.Arn ?? "", group.Name ?? "", group.Status ?? "", TagsOf(group.Tags));
    }

    public override async Task<CreatedResource> CreateAsync(InstancePlacement at, DesiredTrafficDistributionGroup desired, CreateContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(context);
        var created = await at.Client.CreateTrafficDistributionGroupAsync(new CreateTrafficDistributionGroupRequest
        {
            InstanceId = at.InstanceId,
            Name = desired.Name,
            Description = desired.Description,
            ClientToken = ClientTokens.FromUid(context.Uid, $"traffic-distribution-group:{desired.Name}"),
            Tags = desired.Tags,
        }, cancellationToken);
        return Created(created.Id, created.Arn, "CreateTrafficDistributionGroup");
    }

    public override AwsLifecycle LifecycleOf(ObservedTrafficDistributionGroup observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        return AwsLifecycle.OfConnectStatus(observed.Status, $"traffic distribution group {observed.Id}");
    }

    public override Task DeleteAsync(InstancePlacement at, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        return at.Client.DeleteTrafficDistributionGroupAsync(new DeleteTrafficDistributionGroupRequest { TrafficDistributionGroupId = id }, cancellationToken);
    }
}
