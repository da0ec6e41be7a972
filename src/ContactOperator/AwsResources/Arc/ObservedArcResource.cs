using ContactOperator.AwsResources;
namespace ContactOperator.AwsResources.Arc;

/// <summary>An ARC control panel, routing control or safety rule as its Describe call reports it (the ARN is its id; ARC keeps no tags on them here).</summary>
public sealed record ObservedArcResource(string Arn, string Name, string Status) : IObservedResource
{
    public string Id => Arn;

    public IReadOnlyDictionary<string, string> Tags { get; } = new Dictionary<string, string>();

    /// <summary>DEPLOYED is usable; PENDING is being deployed; PENDING_DELETION is on its way out.</summary>
    public AwsLifecycle Lifecycle => Status switch
    {
        "DEPLOYED" => AwsLifecycle.Active,
        "PENDING_DELETION" => AwsLifecycle.Failed($"{Name} ({Arn}) is being deleted"),
        _ => AwsLifecycle.Pending($"{Name} ({Arn}) is {Status}"),
    };
}
