using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;

namespace ContactOperator.Aws.Tests.Scenarios;

/// <summary>ReplicateInstance, traffic distribution groups and UpdateTrafficDistribution's validation, against the emulator.</summary>
public sealed class GlobalResiliencyScenarioTests
{
    [Fact]
    public async Task Replicate_then_shift_telephony_between_regions()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var east = aws.Connect("us-east-1");
        var west = aws.Connect("us-west-2");
        var source = await aws.CreateActiveInstanceAsync(east, "conf-gr", DirectoryType.Saml);
        var replicate = new ReplicateInstanceRequest
        {
            InstanceId = source.Id!,
            ReplicaRegion = "us-west-2",
            ReplicaAlias = "conf-gr-west",
            ClientToken = ClientTokens.FromUid("uid-gr", "replicate:us-west-2"),
        };

        var replica = await aws.Run(() => east.ReplicateInstanceAsync(replicate));
        Assert.StartsWith("arn:aws:connect:us-west-2:", replica.Arn, StringComparison.Ordinal);
        Assert.Equal(replica.Id, (await aws.Run(() => east.ReplicateInstanceAsync(replicate))).Id);
        await aws.WaitForAsync(async () => (await west.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = replica.Id! })).Instance!.InstanceStatus == InstanceStatus.Active, "replica ACTIVE");
        var replication = (await aws.Run(() => east.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = source.Id! }))).ReplicationConfiguration;
        Assert.NotNull(replication);
        Assert.Contains(replication.ReplicationStatusSummaryList ?? [], s => s.Region == "us-west-2");

        var groups = await aws.Run(() => east.ListTrafficDistributionGroupsAllAsync(new ListTrafficDistributionGroupsRequest { InstanceId = source.Id! }).ToListAsync().AsTask());
        var defaultGroup = Assert.Single(groups, g => g.IsDefault == true);

        var createGroup = new CreateTrafficDistributionGroupRequest
        {
            Name = "failover",
            InstanceId = source.Id!,
            ClientToken = ClientTokens.FromUid("uid-gr", "tdg:failover"),
            Tags = new Dictionary<string, string> { ["plan"] = "dr" },
        };
        var created = await aws.Run(() => east.CreateTrafficDistributionGroupAsync(createGroup));
        var groupId = created.Id!;
        // A retried create (same ClientToken, e.g. after a timeout or a restart) returns the same group instead of a second one.
        Assert.Equal(groupId, (await aws.Run(() => east.CreateTrafficDistributionGroupAsync(createGroup))).Id);
        var named = await aws.Run(() => east.ListTrafficDistributionGroupsAllAsync(new ListTrafficDistributionGroupsRequest { InstanceId = source.Id! }).ToListAsync().AsTask());
        Assert.Single(named, g => g.Name == "failover");
        await aws.WaitForAsync(async () => (await east.DescribeTrafficDistributionGroupAsync(new DescribeTrafficDistributionGroupRequest { TrafficDistributionGroupId = groupId })).TrafficDistributionGroup!.Status == TrafficDistributionGroupStatus.Active, "TDG ACTIVE");
        var group = (await aws.Run(() => east.DescribeTrafficDistributionGroupAsync(new DescribeTrafficDistributionGroupRequest { TrafficDistributionGroupId = groupId }))).TrafficDistributionGroup!;
        Assert.Equal(("failover", source.Arn, false), (group.Name, group.InstanceArn, group.IsDefault));

        await aws.Run(() => east.UpdateTrafficDistributionAsync(new UpdateTrafficDistributionRequest
        {
            Id = groupId,
            TelephonyConfig = new TelephonyConfig { Distributions = [new Distribution { Region = "us-east-1", Percentage = 0 }, new Distribution { Region = "us-west-2", Percentage = 100 }] },
            AgentConfig = new AgentConfig { Distributions = [new Distribution { Region = "us-east-1", Percentage = 0 }, new Distribution { Region = "us-west-2", Percentage = 100 }] },
        }));
        var distribution = await aws.Run(() => east.GetTrafficDistributionAsync(new GetTrafficDistributionRequest { Id = groupId }));
        Assert.Equal(100, distribution.TelephonyConfig!.Distributions.Single(d => d.Region == "us-west-2").Percentage);
        Assert.Equal(0, distribution.AgentConfig!.Distributions.Single(d => d.Region == "us-east-1").Percentage);

        var notTenPercentSteps = await aws.Fails(() => east.UpdateTrafficDistributionAsync(new UpdateTrafficDistributionRequest
        {
            Id = groupId,
            TelephonyConfig = new TelephonyConfig { Distributions = [new Distribution { Region = "us-east-1", Percentage = 55 }, new Distribution { Region = "us-west-2", Percentage = 45 }] },
        }));
        Assert.Equal(("InvalidRequestException", 400, AwsErrorClass.InvalidInput), (notTenPercentSteps.ErrorCode, notTenPercentSteps.HttpStatusCode, notTenPercentSteps.Class));
        var defaultNotDeletable = await aws.Fails(() => east.DeleteTrafficDistributionGroupAsync(new DeleteTrafficDistributionGroupRequest { TrafficDistributionGroupId = defaultGroup.Id! }));
        Assert.Equal(AwsErrorClass.InvalidInput, defaultNotDeletable.Class);
        var alreadyReplicated = await aws.Fails(() => east.ReplicateInstanceAsync(replicate with { ClientToken = ClientTokens.FromUid("uid-gr", "replicate-again") }));
        Assert.Equal(("ResourceConflictException", AwsErrorClass.Conflict), (alreadyReplicated.ErrorCode, alreadyReplicated.Class));

        await aws.Run(() => east.DeleteTrafficDistributionGroupAsync(new DeleteTrafficDistributionGroupRequest { TrafficDistributionGroupId = groupId }));
    }

    [Fact]
    public async Task Replicating_a_connect_managed_instance_is_refused_as_invalid_input()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var east = aws.Connect();
        var source = await aws.CreateActiveInstanceAsync(east, "conf-gr-managed");

        var error = await aws.Fails(() => east.ReplicateInstanceAsync(new ReplicateInstanceRequest { InstanceId = source.Id!, ReplicaRegion = "us-west-2", ReplicaAlias = "x-west" }));

        Assert.Equal(("InvalidRequestException", AwsErrorClass.InvalidInput), (error.ErrorCode, error.Class));
    }
}
