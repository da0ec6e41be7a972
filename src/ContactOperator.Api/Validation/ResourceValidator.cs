using ContactOperator.Api.Common;
using FluentValidation;
using FluentValidation.Results;

namespace ContactOperator.Api.Validation;

/// <summary>Validates a whole resource: metadata rules that touch AWS, then the spec under the <c>spec.</c> path.</summary>
public abstract class ResourceValidator<TResource, TSpec, TStatus> : AbstractValidator<TResource>
    where TResource : CustomResource<TSpec, TStatus>
    where TSpec : class
    where TStatus : ResourceStatus
{
    protected ResourceValidator(IValidator<TSpec> specValidator)
    {
        ValidationMessages.EnsureApplied();
        RuleFor(r => r.Spec).NotNull().SetValidator(specValidator);
    }

    protected override bool PreValidate(ValidationContext<TResource> context, ValidationResult result)
    {
        ValidationMessages.EnsureApplied();
        return base.PreValidate(context, result);
    }
}

/// <summary>Base of spec validators: applies the path-first message format.</summary>
public abstract class SpecValidator<TSpec> : AbstractValidator<TSpec>
{
    protected SpecValidator() => ValidationMessages.EnsureApplied();
}
