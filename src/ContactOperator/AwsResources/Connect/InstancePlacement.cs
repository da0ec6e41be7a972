using ContactOperator.Aws.Connect;

namespace ContactOperator.AwsResources.Connect;

/// <summary>A resource inside an Amazon Connect instance (queues, hours, routing profiles, traffic distribution groups…).</summary>
public sealed record InstancePlacement(IConnectClient Client, string Region, string InstanceId) : IConnectPlacement
{
    public string NameScope => $"{Region}/{InstanceId}";
}
