using ContactOperator.Api.Kinds;
using FluentValidation;

namespace ContactOperator.Api.Validation;

public sealed class AlertPolicyValidator() : ResourceValidator<AlertPolicy, AlertPolicySpec, AlertPolicyStatus>(new AlertPolicySpecValidator());

public sealed class AlertPolicySpecValidator : SpecValidator<AlertPolicySpec>
{
    private static readonly string[] Metrics = [.. AlertMetrics.All];

    private static readonly string[] Severities = [AlertSeverities.Info, AlertSeverities.Warning, AlertSeverities.Critical];

    public AlertPolicySpecValidator()
    {
        RuleFor(s => s.InstanceRef).Reference();
        RuleFor(s => s.Rules).NotEmpty().WithMessage("{PropertyPath} needs at least one rule");
        RuleForEach(s => s.Rules).ChildRules(rule =>
        {
            rule.RuleFor(r => r.Name).NotEmpty().Length(1, 63).MatchesPattern(@"^[a-z]([-a-z0-9]*[a-z0-9])?$")
                .WithMessage("{PropertyPath} must be lower-case letters, digits and hyphens (got '{PropertyValue}')");
            rule.RuleFor(r => r.Metric).NotEmpty().OneOf(Metrics);
            rule.RuleFor(r => r.Comparison).NotEmpty().OneOf(AlertComparisons.GreaterThan, AlertComparisons.LessThan);
            rule.RuleFor(r => r.QueueRef!).OptionalReference();
            rule.RuleFor(r => r.QueueRef).Null().When(r => r.Metric is not null && !AlertMetrics.QueueScoped.Contains(r.Metric))
                .WithMessage(r => $"{{PropertyPath}} is not allowed: {r.Metric} is not measured per queue");
            rule.RuleFor(r => r.TableName).NotEmpty().When(r => r.Metric is not null && AlertMetrics.DynamoDb.Contains(r.Metric))
                .WithMessage(r => $"{{PropertyPath}} is required for {r.Metric}");
            rule.RuleFor(r => r.TableName).Null().When(r => r.Metric is not null && !AlertMetrics.DynamoDb.Contains(r.Metric))
                .WithMessage(r => $"{{PropertyPath}} is only allowed for the DynamoDb metrics (got {r.Metric})");
            rule.RuleFor(r => r.FunctionName).Null().When(r => r.Metric != AlertMetrics.LambdaErrors)
                .WithMessage(r => $"{{PropertyPath}} is only allowed for LambdaErrors (got {r.Metric})");
            rule.RuleFor(r => r.Tiers).NotEmpty().WithMessage("{PropertyPath} needs at least one severity tier");
            rule.RuleForEach(r => r.Tiers).ChildRules(tier =>
            {
                tier.RuleFor(t => t.Severity).NotEmpty().OneOf(Severities);
                tier.RuleFor(t => t.For).MatchesPattern(PrometheusDuration.Pattern).When(t => t.For is not null)
                    .WithMessage("{PropertyPath} must be a Prometheus duration such as 30s, 5m or 1h (got '{PropertyValue}')");
                tier.RuleFor(t => t.Threshold).Must(double.IsFinite).WithMessage("{PropertyPath} must be a finite number")
                    .GreaterThanOrEqualTo(0);
            });
        });
        RuleFor(s => s.Rules).Custom((rules, context) =>
        {
            if (rules is null)
            {
                return;
            }
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                if (rule is null)
                {
                    continue;
                }
                if (rule.Name is not null && !names.Add(rule.Name))
                {
                    context.AddFailure($"spec.rules[{i}].name", $"spec.rules[{i}].name {rule.Name} is used by an earlier rule");
                }
                CheckTiers(rule, i, context);
            }
        });
        RuleFor(s => s.Escalation!).ChildRules(e =>
        {
            e.RuleFor(x => x).Must(x => x.SnsTopicArn is not null || x.ServiceNow is not null)
                .WithMessage("spec.escalation needs snsTopicArn or serviceNow").OverridePropertyName("escalation");
            e.RuleFor(x => x.SnsTopicArn).MatchesPattern(Kinds.AwsPatterns.SnsTopicArn).When(x => x.SnsTopicArn is not null)
                .WithMessage("{PropertyPath} must be an SNS topic ARN (got '{PropertyValue}')");
            e.RuleFor(x => x.MinimumSeverity).OneOf(Severities);
            e.RuleForEach(x => x.Routes).ChildRules(route =>
            {
                route.RuleFor(r => r.Severity).NotEmpty().OneOf(Severities);
                route.RuleFor(r => r.Targets).NotEmpty().WithMessage("{PropertyPath} needs at least one target");
                route.RuleForEach(r => r.Targets).OneOf(EscalationTargets.Sns, EscalationTargets.ServiceNow);
            });
            e.RuleFor(x => x).Custom(CheckRoutes);
            e.RuleFor(x => x.ServiceNow!).ChildRules(sn =>
            {
                sn.RuleFor(x => x.InstanceUrl).NotEmpty().MatchesPattern(@"^https://[^\s/]+(/.*)?$")
                    .WithMessage("{PropertyPath} must be an https URL (got '{PropertyValue}')");
                sn.RuleFor(x => x.CredentialsSecretRef).NotNull();
                sn.RuleFor(x => x.CredentialsSecretRef.Name).NotEmpty().When(x => x.CredentialsSecretRef is not null);
                sn.RuleFor(x => x.CredentialsSecretRef.Key).NotEmpty().When(x => x.CredentialsSecretRef is not null);
                sn.RuleFor(x => x.EscalationDelay).MatchesPattern(PrometheusDuration.Pattern).When(x => x.EscalationDelay is not null)
                    .WithMessage("{PropertyPath} must be a Prometheus duration such as 30s, 5m or 1h (got '{PropertyValue}')");
            });
        });
    }

    private static void CheckRoutes(EscalationSpec escalation, ValidationContext<EscalationSpec> context)
    {
        if (escalation.Routes is null)
        {
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < escalation.Routes.Count; i++)
        {
            var route = escalation.Routes[i];
            if (route?.Severity is null)
            {
                continue;
            }
            var path = $"spec.escalation.routes[{i}]";
            if (!seen.Add(route.Severity))
            {
                context.AddFailure($"{path}.severity", $"{path}.severity {route.Severity} is used by an earlier route");
            }
            foreach (var target in route.Targets ?? [])
            {
                var configured = target switch
                {
                    EscalationTargets.Sns => escalation.SnsTopicArn is not null,
                    EscalationTargets.ServiceNow => escalation.ServiceNow is not null,
                    _ => true,
                };
                if (!configured)
                {
                    var field = target == EscalationTargets.Sns ? "snsTopicArn" : "serviceNow";
                    context.AddFailure($"{path}.targets", $"{path}.targets names {target} but spec.escalation.{field} is not set");
                }
            }
        }
    }

    private static void CheckTiers(AlertRuleSpec rule, int index, ValidationContext<AlertPolicySpec> context)
    {
        if (rule.Tiers is null)
        {
            return;
        }
        var path = $"spec.rules[{index}].tiers";
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < rule.Tiers.Count; t++)
        {
            var tier = rule.Tiers[t];
            if (tier?.Severity is null)
            {
                continue;
            }
            if (!seen.TryAdd(tier.Severity, t))
            {
                context.AddFailure($"{path}[{t}].severity", $"{path}[{t}].severity {tier.Severity} is used by an earlier tier of the same rule");
            }
            if (rule.Metric is not null && AlertMetrics.Percentages.Contains(rule.Metric) && tier.Threshold > 100)
            {
                context.AddFailure($"{path}[{t}].threshold", $"{path}[{t}].threshold must be a percentage between 0 and 100 for {rule.Metric} (got {tier.Threshold})");
            }
        }

        var ordered = rule.Tiers.Select((tier, i) => (Tier: tier, Index: i))
            .Where(x => x.Tier?.Severity is not null && AlertSeverities.Rank(x.Tier.Severity) >= 0)
            .OrderBy(x => AlertSeverities.Rank(x.Tier.Severity)).ToList();
        for (var k = 1; k < ordered.Count; k++)
        {
            var (lower, higher) = (ordered[k - 1], ordered[k]);
            var escalates = rule.Comparison == AlertComparisons.LessThan
                ? higher.Tier.Threshold < lower.Tier.Threshold
                : higher.Tier.Threshold > lower.Tier.Threshold;
            if (!escalates && lower.Tier.Severity != higher.Tier.Severity)
            {
                var direction = rule.Comparison == AlertComparisons.LessThan ? "below" : "above";
                context.AddFailure($"{path}[{higher.Index}].threshold",
                    $"{path}[{higher.Index}].threshold {higher.Tier.Threshold} ({higher.Tier.Severity}) must be {direction} the {lower.Tier.Severity} threshold {lower.Tier.Threshold}");
            }
        }
    }
}
