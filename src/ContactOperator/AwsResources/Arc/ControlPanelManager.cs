using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Core;
using ContactOperator.AwsResources;

namespace ContactOperator.AwsResources.Arc;

/// <summary>The desired control panel: its name.</summary>
public sealed record DesiredControlPanel(string Name);

/// <summary>Route 53 ARC control panels in a cluster.</summary>
public sealed class ControlPanelManager() : AwsResourceManager<ClusterPlacement, DesiredControlPanel, ObservedArcResource>("ARC control panel")
{
    public override string DesiredName(DesiredControlPanel desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return desired.Name;
    }

    public override IAsyncEnumerable<(string Id, string Name)> ListNamesAsync(ClusterPlacement at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        return NamesOf(at.Client.ListControlPanelsAllAsync(new ListControlPanelsRequest { ClusterArn = at.ClusterArn }, cancellationToken), p => p.ControlPanelArn, p => p.Name);
    }

    protected override async Task<ObservedArcResource> DescribeOrThrowAsync(ClusterPlacement at, string id, DesiredControlPanel desired, CancellationToken cancellationToken)
    {
        var panel = (await at.Client.DescribeControlPanelAsync(new DescribeControlPanelRequest { ControlPanelArn = id }, cancellationToken)).ControlPanel
            ?? throw new InvalidOperationException($"DescribeControlPanel {id} returned nothing");
        return new ObservedArcResource(panel.ControlPanelArn ?? id, panel.Name ?? "", panel.Status ?? "");
    }

    public override async Task<CreatedResource> CreateAsync(ClusterPlacement at, DesiredControlPanel desired, CreateContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(context);
        var response = await at.Client.CreateControlPanelAsync(new CreateControlPanelRequest
        {
            ClusterArn = at.ClusterArn, ControlPanelName = desired.Name, ClientToken = ClientTokens.FromUid(context.Uid, $"control-panel:{desired.Name}"),
        }, cancellationToken);
        var arn = response.ControlPanel?.ControlPanelArn;
        return Created(arn, arn, "CreateControlPanel");
    }

    public override AwsLifecycle LifecycleOf(ObservedArcResource observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        return observed.Lifecycle;
    }

    public override Task DeleteAsync(ClusterPlacement at, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        return at.Client.DeleteControlPanelAsync(new DeleteControlPanelRequest { ControlPanelArn = id }, cancellationToken);
    }
}
