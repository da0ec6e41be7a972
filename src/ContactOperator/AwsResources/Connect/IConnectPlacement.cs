using ContactOperator.Aws.Connect;
using ContactOperator.AwsResources;

namespace ContactOperator.AwsResources.Connect;

/// <summary>Where an Amazon Connect resource lives: the regional Connect client and whatever scopes the resource.</summary>
public interface IConnectPlacement : IAwsPlacement
{
    IConnectClient Client { get; }
}
