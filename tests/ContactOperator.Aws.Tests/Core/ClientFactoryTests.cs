using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Tests.Support;

namespace ContactOperator.Aws.Tests.Core;

public sealed class ClientFactoryTests
{
    [Fact]
    public void Clients_are_created_per_region_and_reused()
    {
        using var factory = new AwsClientFactory(TestClients.Options(TestClients.NewClock()));

        var east = factory.Connect("us-east-1");
        Assert.Same(east, factory.Connect("us-east-1"));
        Assert.NotSame(east, factory.Connect("us-west-2"));
        Assert.Equal("us-west-2", ((ConnectClient)factory.Connect("us-west-2")).Endpoint.SigningRegion);
        Assert.Same(factory.ArcControlConfig(), factory.ArcControlConfig());
        ClusterEndpoint[] endpoints = [new() { Endpoint = "https://a.example/v1", Region = "us-east-1" }];
        Assert.Same(factory.ArcCluster(endpoints), factory.ArcCluster([new ClusterEndpoint { Endpoint = "https://a.example/v1", Region = "us-east-1" }]));
    }
}
