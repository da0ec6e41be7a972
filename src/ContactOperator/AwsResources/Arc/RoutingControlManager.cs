using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Core;
using ContactOperator.AwsResources;

namespace ContactOperator.AwsResources.Arc;

/// <summary>The desired routing control: its name (a new one starts Off).</summary>
public sealed record DesiredRoutingControl(string Name);

/// <summary>Route 53 ARC routing controls in a control panel.</summary>
public sealed class RoutingControlManager() : AwsResourceManager<PanelPlacement, DesiredRoutingControl, ObservedArcResource>("ARC routing control")
{
    public override string DesiredName(DesiredRoutingControl desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return desired.Name;
    }

    public override IAsyncEnumerable<(string Id, string Name)> ListNamesAsync(PanelPlacement at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        return NamesOf(at.Client.ListRoutingControlsAllAsync(new ListRoutingControlsRequest { ControlPanelArn = at.ControlPanelArn }, cancellationToken), c => c.RoutingControlArn, c => c.Name);
    }

    protected override async Task<ObservedArcResource> DescribeOrThrowAsync(PanelPlacement at, string id, DesiredRoutingControl desired, CancellationToken cancellationToken)
    {
        var control = (await at.Client.DescribeRoutingControlAsync(new DescribeRoutingControlRequest { RoutingControlArn = id }, cancellationToken)).RoutingControl
            ?? throw new InvalidOperationException($"DescribeRoutingControl {id} returned nothing");
        return new ObservedArcResource(control.RoutingControlArn ?? id, control.Name ?? "", control.Status ?? "");
    }

    public override async Task<CreatedResource> CreateAsync(PanelPlacement at, DesiredRoutingControl desired, CreateContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(context);
        var response = await at.Client.CreateRoutingControlAsync(new CreateRoutingControlRequest
        {
            ClusterArn = at.ClusterArn, ControlPanelArn = at.ControlPanelArn, RoutingControlName = desired.Name,
            ClientToken = ClientTokens.FromUid(context.Uid, $"routing-control:{desired.Name}"),
        }, cancellationToken);
        var arn = response.RoutingControl?.RoutingControlArn;
        return Created(arn, arn, "CreateRoutingControl");
    }

    public override AwsLifecycle LifecycleOf(ObservedArcResource observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        return observed.Lifecycle;
    }

    public override Task DeleteAsync(PanelPlacement at, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        return at.Client.DeleteRoutingControlAsync(new DeleteRoutingControlRequest { RoutingControlArn = id }, cancellationToken);
    }
}
