using ContactOperator.Api.Kinds;
using FluentValidation;

namespace ContactOperator.Api.Validation;

public sealed class QueueValidator() : ResourceValidator<Queue, QueueSpec, Common.ResourceStatus>(new QueueSpecValidator());

public sealed class QueueSpecValidator : SpecValidator<QueueSpec>
{
    public QueueSpecValidator()
    {
        RuleFor(s => s.InstanceRef).Reference();
        RuleFor(s => s.HoursOfOperationRef).Reference();
        RuleFor(s => s.Name).ConnectName();
        RuleFor(s => s.Description).ConnectDescription();
        RuleFor(s => s.MaxContacts).InclusiveBetween(0, 10000);
        RuleFor(s => s.Status).NotEmpty().OneOf(QueueStatuses.Enabled, QueueStatuses.Disabled);
        RuleFor(s => s.OutboundCallerConfig!).ChildRules(c =>
        {
            c.RuleFor(x => x.CallerIdName).Characters(1, 255);
            c.RuleFor(x => x.CallerIdNumberId).Length(1, 100);
            c.RuleFor(x => x.OutboundFlowId).Length(1, 500);
        });
        RuleFor(s => s.Tags).Tags();
        RuleFor(s => s.DeletionPolicy).DeletionPolicy();
    }
}
