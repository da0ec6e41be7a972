using ContactOperator.Alerting;
using ContactOperator.Kinds.ContactInstances;
using ContactOperator.Kinds.Contract;
using ContactOperator.Kinds.FailoverPlans;
using ContactOperator.Kinds.HoursOfOperations;
using ContactOperator.Kinds.Queues;
using ContactOperator.Kinds.RoutingProfiles;

namespace ContactOperator.Kinds;

/// <summary>
/// Every kind the operator serves, one line each, in dependency order (a kind only refers to kinds before it).
/// CRD generation, validation, informers, indexes, watches and controllers all derive from this list.
/// </summary>
public static class KindCatalog
{
    public static IReadOnlyList<IKindModule> All { get; } =
    [
        new ContactInstanceModule(),
        new HoursOfOperationModule(),
        new QueueModule(),
        new RoutingProfileModule(),
        new AlertPolicyModule(),
        new FailoverPlanModule(),
    ];
}
