namespace ContactOperator.Api.Kinds;

/// <summary>Every kind the operator serves, in dependency order (a kind only refers to kinds before it).</summary>
public static class AllKinds
{
    public static readonly IReadOnlyList<Type> Types =
    [
        typeof(ContactInstance),
        typeof(HoursOfOperation),
        typeof(Queue),
        typeof(RoutingProfile),
        typeof(AlertPolicy),
        typeof(FailoverPlan),
    ];
}
