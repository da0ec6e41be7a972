using ContactOperator.Aws.Connect;

namespace ContactOperator.Controllers.Sync;

/// <summary>Where an AWS resource lives: the regional Connect client and whatever scopes the resource.</summary>
public interface IConnectPlacement
{
    IConnectClient Client { get; }

    string Region { get; }

    /// <summary>Names are unique within this scope (an instance for its queues, a region for instance aliases).</summary>
    string NameScope { get; }
}

/// <summary>A resource inside an Amazon Connect instance (queues, hours, routing profiles…).</summary>
public sealed record InstancePlacement(IConnectClient Client, string Region, string InstanceId) : IConnectPlacement
{
    public string NameScope => $"{Region}/{InstanceId}";
}

/// <summary>A resource that lives directly in a region (the instance itself).</summary>
public sealed record RegionPlacement(IConnectClient Client, string Region) : IConnectPlacement
{
    public string NameScope => Region;
}

/// <summary>What every observed Connect resource carries.</summary>
public interface IObservedResource
{
    string Id { get; }

    string Arn { get; }

    string Name { get; }

    IReadOnlyDictionary<string, string> Tags { get; }
}
