using ContactOperator.Api.Kinds;

namespace ContactOperator.Admission;

/// <summary>
/// The rules that need more than one object. Each kind's own rules (its validator, <see cref="IContactResource.Validate"/>)
/// run for every kind in the catalog before these; these run only on objects that pass them.
/// </summary>
public static class AdmissionRules
{
    public static IReadOnlyList<IAdmissionRule> All { get; } =
    [
        new InstanceReferenceRule<HoursOfOperation>(h => h.Spec.InstanceRef.Name),
        new InstanceReferenceRule<Queue>(q => q.Spec.InstanceRef.Name),
        new QueueReferenceRule(),
        new InstanceReferenceRule<RoutingProfile>(r => r.Spec.InstanceRef.Name),
        new RoutingProfileReferenceRule(),
        new AlertPolicyReferenceRule(),
        new FailoverPlanRegionRule(),
        new FailoverPlanMoveRule(),
    ];
}
