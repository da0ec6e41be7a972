using ContactOperator.Api;
using ContactOperator.Api.Kinds;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Controllers;

/// <summary>The REST coordinates of every kind (the runtime takes them declared, not reflected).</summary>
public static class Descriptors
{
    public static readonly ResourceDescriptor<ContactInstance> ContactInstance = new(ApiGroup.Name, ApiGroup.Version, "contactinstances", Api.Kinds.ContactInstance.KindName);
    public static readonly ResourceDescriptor<HoursOfOperation> HoursOfOperation = new(ApiGroup.Name, ApiGroup.Version, "hoursofoperations", Api.Kinds.HoursOfOperation.KindName);
    public static readonly ResourceDescriptor<Queue> Queue = new(ApiGroup.Name, ApiGroup.Version, "queues", Api.Kinds.Queue.KindName);
    public static readonly ResourceDescriptor<RoutingProfile> RoutingProfile = new(ApiGroup.Name, ApiGroup.Version, "routingprofiles", Api.Kinds.RoutingProfile.KindName);
    public static readonly ResourceDescriptor<AlertPolicy> AlertPolicy = new(ApiGroup.Name, ApiGroup.Version, "alertpolicies", Api.Kinds.AlertPolicy.KindName);
    public static readonly ResourceDescriptor<FailoverPlan> FailoverPlan = new(ApiGroup.Name, ApiGroup.Version, "failoverplans", Api.Kinds.FailoverPlan.KindName);
}
