using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.AwsResources.Connect;

namespace ContactOperator.Tests.Controllers;

/// <summary>The operator makes one Connect client per Region, on first use, and shares it (its rate limits are the Region's).</summary>
public sealed class ConnectClientsTests
{
    [Fact]
    public void Clients_are_created_per_region_and_reused()
    {
        using var clients = ConnectClients.FromOptions(new AwsClientOptions { Region = "us-east-1" });

        var east = clients.For("us-east-1");
        Assert.Same(east, clients.For("us-east-1"));
        Assert.NotSame(east, clients.For("us-west-2"));
        Assert.Equal("us-west-2", ((ConnectClient)clients.For("us-west-2")).Endpoint.SigningRegion);
    }
}
