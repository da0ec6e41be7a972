using System.Reflection;
using FluentValidation;
using FluentValidation.Resources;

namespace ContactOperator.Api.Validation;

/// <summary>
/// Makes every validation message start with the field's path as users write it in YAML
/// (<c>spec.queueConfigs[2].priority must be between 1 and 99</c>). Applied once, before the first validator runs.
/// </summary>
internal static class ValidationMessages
{
    private static readonly Lazy<bool> Applied = new(() =>
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonName(member);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonName(member);
        ValidatorOptions.Global.LanguageManager = new PathLanguageManager();
        // One message per field: the first failed check of a rule says what is wrong.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        return true;
    });

    public static void EnsureApplied() => _ = Applied.Value;

    private static string JsonName(MemberInfo member) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);

    private sealed class PathLanguageManager : LanguageManager
    {
        public PathLanguageManager()
        {
            // FluentValidation falls back to "en" for the invariant culture this project runs in.
            const string culture = "en";
            {
                AddTranslation(culture, "NotNullValidator", "{PropertyPath} is required");
                AddTranslation(culture, "NotEmptyValidator", "{PropertyPath} is required");
                AddTranslation(culture, "InclusiveBetweenValidator", "{PropertyPath} must be between {From} and {To} (got {PropertyValue})");
                AddTranslation(culture, "LengthValidator", "{PropertyPath} must be {MinLength} to {MaxLength} characters long (got {TotalLength})");
                AddTranslation(culture, "MaximumLengthValidator", "{PropertyPath} must be at most {MaxLength} characters long (got {TotalLength})");
                AddTranslation(culture, "RegularExpressionValidator", "{PropertyPath} has an invalid format: '{PropertyValue}' does not match {RegularExpression}");
                AddTranslation(culture, "GreaterThanOrEqualValidator", "{PropertyPath} must be at least {ComparisonValue} (got {PropertyValue})");
                AddTranslation(culture, "PredicateValidator", "{PropertyPath} is invalid");
            }
        }
    }
}
