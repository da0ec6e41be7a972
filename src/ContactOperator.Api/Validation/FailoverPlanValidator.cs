using ContactOperator.Api.Kinds;
using FluentValidation;

namespace ContactOperator.Api.Validation;

public sealed class FailoverPlanValidator() : ResourceValidator<FailoverPlan, FailoverPlanSpec, FailoverPlanStatus>(new FailoverPlanSpecValidator());

public sealed class FailoverPlanSpecValidator : SpecValidator<FailoverPlanSpec>
{
    public FailoverPlanSpecValidator()
    {
        RuleFor(s => s.InstanceRef).Reference();
        RuleFor(s => s.ActiveRegion).AwsRegion();
        RuleFor(s => s.Replica).NotNull().ChildRules(r =>
        {
            r.RuleFor(x => x.Region).AwsRegion();
            r.RuleFor(x => x.InstanceAlias).NotEmpty().Length(1, 45).MatchesPattern(@"^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$")
                .WithMessage("{PropertyPath} must be letters, digits and inner hyphens, and must not start with 'd-' (got '{PropertyValue}')");
        });
        RuleFor(s => s.TrafficDistributionGroup).NotNull().ChildRules(t =>
        {
            t.RuleFor(x => x.Name).NotEmpty().Length(1, 128).MatchesPattern(@"^[a-zA-Z0-9_\-\.]+$")
                .WithMessage("{PropertyPath} may contain letters, digits, '_', '-' and '.' only (got '{PropertyValue}')");
            t.RuleFor(x => x.Description).Length(1, 250);
        });
        RuleFor(s => s.Arc!).ChildRules(arc =>
        {
            arc.RuleFor(a => a.ClusterArn).NotEmpty().MatchesPattern(@"^arn:aws[a-z-]*:route53-recovery-control::\d{12}:cluster/[0-9a-z-]+$")
                .WithMessage("{PropertyPath} must be a Route 53 ARC cluster ARN (got '{PropertyValue}')");
            arc.RuleFor(a => a.ControlPanelName).NotEmpty().Length(1, 64);
            arc.RuleFor(a => a.RoutingControls).NotNull().Must(c => c is null || c.Count == 2)
                .WithMessage("{PropertyPath} must name exactly one routing control per region (two)");
            arc.RuleForEach(a => a.RoutingControls).ChildRules(c =>
            {
                c.RuleFor(x => x.Region).AwsRegion();
                c.RuleFor(x => x.Name).NotEmpty().Length(1, 64);
            });
            arc.RuleForEach(a => a.SafetyRules).ChildRules(rule =>
            {
                rule.RuleFor(x => x.Name).NotEmpty().Length(1, 64);
                rule.RuleFor(x => x.Type).NotEmpty().OneOf("Assertion", "Gating");
                rule.RuleFor(x => x.GatingControlName).NotEmpty().When(x => x.Type == "Gating")
                    .WithMessage("{PropertyPath} is required for a Gating safety rule");
                rule.RuleFor(x => x.GatingControlName).Null().When(x => x.Type == "Assertion")
                    .WithMessage("{PropertyPath} is only allowed for a Gating safety rule");
                rule.RuleFor(x => x.MinOn).InclusiveBetween(1, 2);
                rule.RuleFor(x => x.WaitPeriodMs).InclusiveBetween(0, 300000);
            });
        });
        RuleFor(s => s).Custom(CheckRegions);
        RuleFor(s => s).Custom((spec, context) =>
        {
            if (spec.Arc?.RoutingControls is { Count: 2 } controls && spec.Replica?.Region is { } replicaRegion)
            {
                if (controls[0]?.Region == controls[1]?.Region)
                {
                    context.AddFailure("spec.arc.routingControls[1].region", $"spec.arc.routingControls[1].region {controls[1]?.Region} repeats routingControls[0]; name one control per region");
                }
                if (!controls.Any(c => c?.Region == replicaRegion))
                {
                    context.AddFailure("spec.arc.routingControls", $"spec.arc.routingControls has no routing control for the replica region {replicaRegion}");
                }
            }
            if (spec.Arc?.SafetyRules is { } rules)
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < rules.Count; i++)
                {
                    if (rules[i]?.Name is { } name && !names.Add(name))
                    {
                        context.AddFailure($"spec.arc.safetyRules[{i}].name", $"spec.arc.safetyRules[{i}].name {name} is used by an earlier rule");
                    }
                }
            }
        });
        RuleFor(s => s.Preconditions!).ChildRules(p =>
        {
            p.RuleFor(x => x.MinAgentsAvailableInTarget).InclusiveBetween(0, 100000);
            p.RuleFor(x => x.MinTimeBetweenMoves).MatchesPattern(PrometheusDuration.Pattern).When(x => x.MinTimeBetweenMoves is not null)
                .WithMessage("{PropertyPath} must be a duration such as 15m (got '{PropertyValue}')");
        });
        RuleFor(s => s.Drill!).ChildRules(d =>
        {
            d.RuleFor(x => x.Schedule).NotEmpty().Must(CronSchedule.IsValid)
                .WithMessage("{PropertyPath} must be a five-field cron expression such as '0 3 * * 1' (got '{PropertyValue}')");
            d.RuleFor(x => x.Duration).MatchesPattern(PrometheusDuration.Pattern).When(x => x.Duration is not null)
                .WithMessage("{PropertyPath} must be a duration such as 15m (got '{PropertyValue}')");
        });
    }

    /// <summary>
    /// The replica must be a Global Resiliency target, and the active region one of the plan's two regions. The primary's
    /// region lives on the ContactInstance; from the spec alone it can only be a region that replicates to the replica's.
    /// </summary>
    private static void CheckRegions(FailoverPlanSpec spec, ValidationContext<FailoverPlanSpec> context)
    {
        if (spec.Replica?.Region is not { Length: > 0 } replica)
        {
            return;
        }
        var primaries = GlobalResiliencyRegions.PrimariesFor(replica);
        if (primaries.Count == 0)
        {
            context.AddFailure("spec.replica.region",
                $"spec.replica.region {replica} is not a Global Resiliency replica region (supported pairs: {GlobalResiliencyRegions.Description})");
            return;
        }
        if (spec.ActiveRegion is { Length: > 0 } active && active != replica && !primaries.Contains(active))
        {
            context.AddFailure("spec.activeRegion",
                $"spec.activeRegion {active} is outside the plan's two regions: it must be the replica region {replica} or the primary's region ({string.Join(" or ", primaries)})");
        }
    }
}
