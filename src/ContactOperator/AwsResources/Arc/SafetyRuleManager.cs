using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Core;
using ContactOperator.AwsResources;

namespace ContactOperator.AwsResources.Arc;

/// <summary>
/// A safety rule over a plan's routing controls. Assertion: at least <paramref name="MinOn"/> of
/// <paramref name="Controls"/> stay On. Gating: <paramref name="Controls"/> change only while
/// <paramref name="GatingControlArn"/> is On. ARC refuses changes for <paramref name="WaitPeriodMs"/> after the last one.
/// </summary>
public sealed record DesiredSafetyRule(string Name, bool Gating, IReadOnlyList<string> Controls, string? GatingControlArn, int MinOn, int WaitPeriodMs);

/// <summary>Route 53 ARC safety rules in a control panel (created once; a changed rule is not updated in place).</summary>
public sealed class SafetyRuleManager() : AwsResourceManager<PanelPlacement, DesiredSafetyRule, ObservedArcResource>("ARC safety rule")
{
    public override string DesiredName(DesiredSafetyRule desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return desired.Name;
    }

    public override async IAsyncEnumerable<(string Id, string Name)> ListNamesAsync(PanelPlacement at, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        await foreach (var rule in at.Client.ListSafetyRulesAllAsync(new ListSafetyRulesRequest { ControlPanelArn = at.ControlPanelArn }, cancellationToken))
        {
            if (rule.ASSERTION is { } assertion)
            {
                yield return (assertion.SafetyRuleArn, assertion.Name);
            }
            if (rule.GATING is { } gating)
            {
                yield return (gating.SafetyRuleArn, gating.Name);
            }
        }
    }

    protected override async Task<ObservedArcResource> DescribeOrThrowAsync(PanelPlacement at, string id, DesiredSafetyRule desired, CancellationToken cancellationToken)
    {
        var response = await at.Client.DescribeSafetyRuleAsync(new DescribeSafetyRuleRequest { SafetyRuleArn = id }, cancellationToken);
        return response.AssertionRule is { } assertion ? new ObservedArcResource(assertion.SafetyRuleArn, assertion.Name, assertion.Status)
            : response.GatingRule is { } gating ? new ObservedArcResource(gating.SafetyRuleArn, gating.Name, gating.Status)
            : throw new InvalidOperationException($"DescribeSafetyRule {id} returned nothing");
    }

    public override async Task<CreatedResource> CreateAsync(PanelPlacement at, DesiredSafetyRule desired, CreateContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(context);
        var token = ClientTokens.FromUid(context.Uid, $"safety-rule:{desired.Name}");
        var request = desired.Gating
            ? new CreateSafetyRuleRequest
            {
                ClientToken = token,
                GatingRule = new NewGatingRule
                {
                    ControlPanelArn = at.ControlPanelArn,
                    Name = desired.Name,
                    GatingControls = [desired.GatingControlArn ?? throw new InvalidOperationException($"gating rule {desired.Name} has no gating control")],
                    TargetControls = desired.Controls,
                    RuleConfig = new RuleConfig { Type = "OR", Threshold = 1, Inverted = false },
                    WaitPeriodMs = desired.WaitPeriodMs,
                },
            }
            : new CreateSafetyRuleRequest
            {
                ClientToken = token,
                AssertionRule = new NewAssertionRule
                {
                    ControlPanelArn = at.ControlPanelArn,
                    Name = desired.Name,
                    AssertedControls = desired.Controls,
                    RuleConfig = new RuleConfig { Type = "ATLEAST", Threshold = desired.MinOn, Inverted = false },
                    WaitPeriodMs = desired.WaitPeriodMs,
                },
            };
        var response = await at.Client.CreateSafetyRuleAsync(request, cancellationToken);
        var arn = response.AssertionRule?.SafetyRuleArn ?? response.GatingRule?.SafetyRuleArn;
        return Created(arn, arn, "CreateSafetyRule");
    }

    public override AwsLifecycle LifecycleOf(ObservedArcResource observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        return observed.Lifecycle;
    }

    public override Task DeleteAsync(PanelPlacement at, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(at);
        return at.Client.DeleteSafetyRuleAsync(new DeleteSafetyRuleRequest { SafetyRuleArn = id }, cancellationToken);
    }
}
