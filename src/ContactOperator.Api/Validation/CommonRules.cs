using System.Text.RegularExpressions;
using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using FluentValidation;

namespace ContactOperator.Api.Validation;

/// <summary>Rules shared by several kinds.</summary>
public static class CommonRules
{
    public static IRuleBuilderOptions<T, string?> MatchesPattern<T>(this IRuleBuilder<T, string?> rule, string pattern) =>
        rule.Matches(new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, params string[] allowed) =>
        rule.Must(v => v is null || allowed.Contains(v, StringComparer.Ordinal))
            .WithMessage((_, v) => $"{{PropertyPath}} must be one of {string.Join(", ", allowed)} (got '{v}')");

    public static IRuleBuilderOptions<T, string?> AwsRegion<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MatchesPattern(AwsPatterns.Region).WithMessage("{PropertyPath} must be an AWS region such as us-east-1 (got '{PropertyValue}')");

    public static void Reference<T>(this IRuleBuilder<T, ResourceReference> rule) =>
        rule.NotNull().ChildRules(r => r.RuleFor(x => x.Name).NotEmpty().MatchesPattern(KubernetesNames.Pattern)
            .WithMessage("{PropertyPath} must be a Kubernetes object name (got '{PropertyValue}')"));

    /// <summary>Checks a reference that may be absent (child rules skip null).</summary>
    public static void OptionalReference<T>(this IRuleBuilder<T, ResourceReference> rule) =>
        rule.ChildRules(r => r.RuleFor(x => x.Name).NotEmpty().MatchesPattern(KubernetesNames.Pattern)
            .WithMessage("{PropertyPath} must be a Kubernetes object name (got '{PropertyValue}')"));

    public static IRuleBuilderOptions<T, string?> DeletionPolicy<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().OneOf(DeletionPolicies.Retain, DeletionPolicies.Delete);

    public static void Tags<T>(this IRuleBuilder<T, IDictionary<string, string>?> rule) =>
        rule.Must(tags => tags is null || tags.Count <= 50).WithMessage("{PropertyPath} can hold at most 50 tags")
            .Must(tags => tags is null || tags.All(t => t.Key.Length is >= 1 and <= 128 && !t.Key.StartsWith("aws:", StringComparison.Ordinal)))
            .WithMessage("{PropertyPath} keys must be 1 to 128 characters and must not start with 'aws:'")
            .Must(tags => tags is null || tags.All(t => t.Value is not null && t.Value.Length <= 256))
            .WithMessage("{PropertyPath} values must be strings of at most 256 characters");

    public static void ConnectName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Characters(1, ConnectLimits.NameMaxLength);

    public static void ConnectDescription<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Characters(1, ConnectLimits.DescriptionMaxLength);

    /// <summary>
    /// Between <paramref name="min"/> and <paramref name="max"/> characters, counted as the API server counts a schema's
    /// maxLength and AWS counts its limits: Unicode code points (an emoji is one, not the two UTF-16 units .NET counts).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> Characters<T>(this IRuleBuilder<T, string?> rule, int min, int max) =>
        rule.Must((_, value, context) =>
        {
            if (value is null)
            {
                return true;
            }
            var count = value.EnumerateRunes().Count();
            context.MessageFormatter.AppendArgument("Min", min).AppendArgument("Max", max).AppendArgument("Characters", count);
            return count >= min && count <= max;
        }).WithMessage("{PropertyPath} must be {Min} to {Max} characters long (got {Characters})");
}
