using ContactOperator.Api.Kinds;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Controllers;

/// <summary>Shorthands for the REST coordinates of the kinds, read from each type's [KubernetesEntity].</summary>
public static class Descriptors
{
    public static ResourceDescriptor<ContactInstance> ContactInstance => ResourceDescriptors.For<ContactInstance>();

    public static ResourceDescriptor<HoursOfOperation> HoursOfOperation => ResourceDescriptors.For<HoursOfOperation>();

    public static ResourceDescriptor<Queue> Queue => ResourceDescriptors.For<Queue>();

    public static ResourceDescriptor<RoutingProfile> RoutingProfile => ResourceDescriptors.For<RoutingProfile>();

    public static ResourceDescriptor<AlertPolicy> AlertPolicy => ResourceDescriptors.For<AlertPolicy>();

    public static ResourceDescriptor<FailoverPlan> FailoverPlan => ResourceDescriptors.For<FailoverPlan>();
}
