using ContactOperator.Api.Kinds;
using FluentValidation;
using FluentValidation.Results;

namespace ContactOperator.Api.Validation;

/// <summary>Finds the validator of any ContactOperator resource.</summary>
public static class Validators
{
    private static readonly ContactInstanceValidator ContactInstance = new();
    private static readonly HoursOfOperationValidator HoursOfOperation = new();
    private static readonly QueueValidator Queue = new();
    private static readonly RoutingProfileValidator RoutingProfile = new();
    private static readonly AlertPolicyValidator AlertPolicy = new();
    private static readonly FailoverPlanValidator FailoverPlan = new();

    /// <summary>Validates a resource of any of the operator's kinds.</summary>
    public static ValidationResult Validate(object resource) => resource switch
    {
        ContactInstance r => ContactInstance.Validate(r),
        HoursOfOperation r => HoursOfOperation.Validate(r),
        Queue r => Queue.Validate(r),
        RoutingProfile r => RoutingProfile.Validate(r),
        AlertPolicy r => AlertPolicy.Validate(r),
        FailoverPlan r => FailoverPlan.Validate(r),
        _ => throw new ArgumentException($"{resource.GetType().Name} is not a ContactOperator kind", nameof(resource)),
    };
}
