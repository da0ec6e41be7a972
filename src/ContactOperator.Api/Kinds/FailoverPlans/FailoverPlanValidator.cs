using ContactOperator.Api.Common;
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
            r.RuleFor(x => x.Region).Must(region => GlobalResiliencyRegions.PrimaryFor(region) is not null)
                .When(x => x.Region is { Length: > 0 })
                .WithMessage($"{{PropertyPath}} {{PropertyValue}} cannot hold a Global Resiliency replica; the region pairs are {GlobalResiliencyRegions.Description}");
            r.RuleFor(x => x.DeletionPolicy).OneOf(DeletionPolicies.Retain, DeletionPolicies.Delete);
            r.RuleFor(x => x.InstanceAlias).NotEmpty().Length(1, 45).MatchesPattern(@"^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$")
                .WithMessage("{PropertyPath} must be letters, digits and inner hyphens, and must not start with 'd-' (got '{PropertyValue}')");
        });
        RuleFor(s => s.TrafficDistributionGroup).NotNull().ChildRules(t =>
        {
            t.RuleFor(x => x.Name).NotEmpty().Length(1, 128).MatchesPattern(@"^[a-zA-Z0-9_\-\.]+$")
                .WithMessage("{PropertyPath} may contain letters, digits, '_', '-' and '.' only (got '{PropertyValue}')");
            t.RuleFor(x => x.Description).Characters(1, 250);
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
        RuleFor(s => s.DeletionPolicy).OneOf(DeletionPolicies.Retain, DeletionPolicies.Delete);
        RuleFor(s => s).Custom((spec, context) =>
        {
            if (GlobalResiliencyRegions.PrimaryFor(spec.Replica?.Region) is { } primary && spec.ActiveRegion is { Length: > 0 } active
                && active != primary && active != spec.Replica!.Region)
            {
                context.AddFailure("spec.activeRegion", $"spec.activeRegion {active} is not one of the plan's regions ({primary}, {spec.Replica.Region})");
            }
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
        RuleFor(s => s.Shift!).ChildRules(shift =>
        {
            shift.RuleFor(x => x.StepPercent).InclusiveBetween(10, 100).Must(p => p % 10 == 0)
                .WithMessage("{PropertyPath} must be a multiple of 10 between 10 and 100 (got {PropertyValue})");
            shift.RuleFor(x => x.Pause).MatchesPattern(PrometheusDuration.Pattern).When(x => x.Pause is not null)
                .WithMessage("{PropertyPath} must be a duration such as 2m (got '{PropertyValue}')");
        }).When(s => s.Shift is not null);
        RuleFor(s => s.Override!).ChildRules(o =>
        {
            o.RuleForEach(x => x.SkipChecks).Must(c => FailoverChecks.All.Contains(c))
                .WithMessage($"{{PropertyPath}} must be one of {string.Join(", ", FailoverChecks.All)} (got '{{PropertyValue}}')");
        }).When(s => s.Override is not null);
        RuleFor(s => s).Custom((spec, context) =>
        {
            var names = spec.Arc?.SafetyRules?.Select(r => r?.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            var overrides = spec.Override?.SafetyRulesToOverride ?? [];
            for (var i = 0; i < overrides.Count; i++)
            {
                if (!names.Contains(overrides[i]))
                {
                    context.AddFailure($"spec.override.safetyRulesToOverride[{i}]", $"spec.override.safetyRulesToOverride[{i}] {overrides[i]} is not one of spec.arc.safetyRules");
                }
            }
        });
        RuleFor(s => s.Drill!).ChildRules(d =>
        {
            d.RuleFor(x => x.Schedule).Must(CronSchedule.IsValid).When(x => x.Schedule is not null)
                .WithMessage("{PropertyPath} must be a five-field cron expression such as '0 3 * * 1' (got '{PropertyValue}')");
            d.RuleFor(x => x.Duration).MatchesPattern(PrometheusDuration.Pattern).When(x => x.Duration is not null)
                .WithMessage("{PropertyPath} must be a duration such as 15m (got '{PropertyValue}')");
        });
    }
}
