namespace ContactOperator.AwsResources;

/// <summary>What every observed AWS resource carries (tags are empty where the service keeps none on it).</summary>
public interface IObservedResource
{
    string Id { get; }

    string Arn { get; }

    string Name { get; }

    IReadOnlyDictionary<string, string> Tags { get; }
}
