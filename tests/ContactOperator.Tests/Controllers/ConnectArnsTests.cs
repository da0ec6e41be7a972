using ContactOperator.AwsResources.Connect;

namespace ContactOperator.Tests.Controllers;

/// <summary>A child whose ContactInstance object went first still finds its instance in its own ARN.</summary>
public sealed class ConnectArnsTests
{
    [Theory]
    [InlineData("arn:aws:connect:us-east-1:123456789012:instance/4b4d-11/queue/9f2a", "4b4d-11")]
    [InlineData("arn:aws:connect:eu-west-2:123456789012:instance/abc", "abc")]
    [InlineData("arn:aws-us-gov:connect:us-gov-west-1:123456789012:instance/gov-1/routing-profile/rp", "gov-1")]
    [InlineData("arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/tdg-1", null)]
    [InlineData("arn:aws:route53-recovery-control::123456789012:controlpanel/cp", null)]
    [InlineData("not an arn", null)]
    public void The_instance_id_comes_from_the_arn(string arn, string? instanceId) => Assert.Equal(instanceId, ConnectArns.InstanceIdOf(arn));
}
