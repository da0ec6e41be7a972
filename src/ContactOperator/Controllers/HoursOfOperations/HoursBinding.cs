using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Api.Validation;
using ContactOperator.Controllers.Sync;
using FluentValidation.Results;

namespace ContactOperator.Controllers.HoursOfOperations;

public sealed class HoursBinding : IChildKindBinding<HoursOfOperation, DesiredHours>
{
    private static readonly HoursOfOperationValidator Validator = new();

    public string Kind => HoursOfOperation.KindName;

    public ResourceReference InstanceRef(HoursOfOperation resource) => resource.Spec.InstanceRef;

    public string DeletionPolicy(HoursOfOperation resource) => resource.Spec.DeletionPolicy;

    public ResourceStatus? Status(HoursOfOperation resource) => resource.Status;

    public ValidationResult Validate(HoursOfOperation resource) => Validator.Validate(resource);

    public Resolution<DesiredHours> Resolve(HoursOfOperation resource, DependencyLookup lookup, string owner) =>
        Resolution.Ready(DesiredState.Hours(resource.Spec, resource.Metadata.Name, owner));
}
