using ContactOperator.Aws.Connect;

namespace ContactOperator.AwsResources.Connect;

/// <summary>A resource that lives directly in a Region (an instance).</summary>
public sealed record RegionPlacement(IConnectClient Client, string Region) : IConnectPlacement
{
    public string NameScope => Region;
}
