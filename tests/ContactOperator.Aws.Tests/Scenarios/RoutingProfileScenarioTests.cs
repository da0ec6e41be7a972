using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;

namespace ContactOperator.Aws.Tests.Scenarios;

/// <summary>Routing profiles and their queue configs, against the emulator.</summary>
public sealed class RoutingProfileScenarioTests
{
    [Fact]
    public async Task Routing_profile_lifecycle_with_queue_configs_and_main_errors()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var connect = aws.Connect();
        var instanceId = (await aws.CreateActiveInstanceAsync(connect, "conf-rp")).Id!;
        var hoursId = (await aws.Run(() => connect.ListHoursOfOperationsAsync(new ListHoursOfOperationsRequest { InstanceId = instanceId }))).HoursOfOperationSummaryList![0].Id!;
        var sales = (await aws.Run(() => connect.CreateQueueAsync(new CreateQueueRequest { InstanceId = instanceId, Name = "Sales", HoursOfOperationId = hoursId }))).QueueId!;
        var support = (await aws.Run(() => connect.CreateQueueAsync(new CreateQueueRequest { InstanceId = instanceId, Name = "Support", HoursOfOperationId = hoursId }))).QueueId!;

        var created = await aws.Run(() => connect.CreateRoutingProfileAsync(new CreateRoutingProfileRequest
        {
            InstanceId = instanceId,
            Name = "Agents",
            Description = "front line",
            DefaultOutboundQueueId = sales,
            MediaConcurrencies =
            [
                new MediaConcurrency { Channel = Channel.Voice, Concurrency = 1 },
                new MediaConcurrency { Channel = Channel.Chat, Concurrency = 2, CrossChannelBehavior = new CrossChannelBehavior { BehaviorType = BehaviorType.RouteAnyChannel } },
            ],
            QueueConfigs =
            [
                new RoutingProfileQueueConfig { QueueReference = new RoutingProfileQueueReference { QueueId = sales, Channel = Channel.Voice }, Priority = 1, Delay = 0 },
            ],
            Tags = new Dictionary<string, string> { ["team"] = "front" },
        }));
        var profileId = created.RoutingProfileId!;
        var profile = (await aws.Run(() => connect.DescribeRoutingProfileAsync(new DescribeRoutingProfileRequest { InstanceId = instanceId, RoutingProfileId = profileId }))).RoutingProfile!;
        Assert.Equal(("Agents", "front line", sales, instanceId), (profile.Name, profile.Description, profile.DefaultOutboundQueueId, profile.InstanceId));
        Assert.Equal(2, profile.MediaConcurrencies!.Count);
        Assert.Equal(BehaviorType.RouteAnyChannel, profile.MediaConcurrencies.Single(m => m.Channel == Channel.Chat).CrossChannelBehavior?.BehaviorType);
        Assert.Equal(1, profile.NumberOfAssociatedQueues);

        var listed = await aws.Run(() => connect.ListRoutingProfilesAllAsync(new ListRoutingProfilesRequest { InstanceId = instanceId }).ToListAsync().AsTask());
        Assert.Contains(listed, p => p.Id == profileId && p.Name == "Agents");
        Assert.Contains(listed, p => p.Name == "Basic Routing Profile");

        await aws.Run(() => connect.UpdateRoutingProfileNameAsync(new UpdateRoutingProfileNameRequest { InstanceId = instanceId, RoutingProfileId = profileId, Name = "Agents EU" }));
        await aws.Run(() => connect.UpdateRoutingProfileConcurrencyAsync(new UpdateRoutingProfileConcurrencyRequest
        {
            InstanceId = instanceId,
            RoutingProfileId = profileId,
            MediaConcurrencies = [new MediaConcurrency { Channel = Channel.Voice, Concurrency = 1 }, new MediaConcurrency { Channel = Channel.Chat, Concurrency = 5 }],
        }));
        await aws.Run(() => connect.UpdateRoutingProfileDefaultOutboundQueueAsync(new UpdateRoutingProfileDefaultOutboundQueueRequest { InstanceId = instanceId, RoutingProfileId = profileId, DefaultOutboundQueueId = support }));
        await aws.Run(() => connect.UpdateRoutingProfileAgentAvailabilityTimerAsync(new UpdateRoutingProfileAgentAvailabilityTimerRequest { InstanceId = instanceId, RoutingProfileId = profileId, AgentAvailabilityTimer = AgentAvailabilityTimer.TimeSinceLastInbound }));
        profile = (await aws.Run(() => connect.DescribeRoutingProfileAsync(new DescribeRoutingProfileRequest { InstanceId = instanceId, RoutingProfileId = profileId }))).RoutingProfile!;
        Assert.Equal(("Agents EU", support, AgentAvailabilityTimer.TimeSinceLastInbound), (profile.Name, profile.DefaultOutboundQueueId, profile.AgentAvailabilityTimer));
        Assert.Equal(5, profile.MediaConcurrencies!.Single(m => m.Channel == Channel.Chat).Concurrency);

        // queue configs
        var supportChat = new RoutingProfileQueueReference { QueueId = support, Channel = Channel.Chat };
        await aws.Run(() => connect.AssociateRoutingProfileQueuesAsync(new AssociateRoutingProfileQueuesRequest
        {
            InstanceId = instanceId,
            RoutingProfileId = profileId,
            QueueConfigs = [new RoutingProfileQueueConfig { QueueReference = supportChat, Priority = 2, Delay = 10 }],
        }));
        await aws.Run(() => connect.UpdateRoutingProfileQueuesAsync(new UpdateRoutingProfileQueuesRequest
        {
            InstanceId = instanceId,
            RoutingProfileId = profileId,
            QueueConfigs = [new RoutingProfileQueueConfig { QueueReference = supportChat, Priority = 3, Delay = 20 }],
        }));
        var queueConfigs = await aws.Run(() => connect.ListRoutingProfileQueuesAllAsync(new ListRoutingProfileQueuesRequest { InstanceId = instanceId, RoutingProfileId = profileId }).ToListAsync().AsTask());
        Assert.Equal(2, queueConfigs.Count);
        var chat = Assert.Single(queueConfigs, c => c.QueueId == support);
        Assert.Equal((Channel.Chat, 3, 20, "Support"), (chat.Channel, chat.Priority, chat.Delay, chat.QueueName));
        await aws.Run(() => connect.DisassociateRoutingProfileQueuesAsync(new DisassociateRoutingProfileQueuesRequest { InstanceId = instanceId, RoutingProfileId = profileId, QueueReferences = [supportChat] }));
        queueConfigs = await aws.Run(() => connect.ListRoutingProfileQueuesAllAsync(new ListRoutingProfileQueuesRequest { InstanceId = instanceId, RoutingProfileId = profileId }).ToListAsync().AsTask());
        Assert.Equal(sales, Assert.Single(queueConfigs).QueueId);

        // main errors
        var duplicate = await aws.Fails(() => connect.CreateRoutingProfileAsync(new CreateRoutingProfileRequest
        {
            InstanceId = instanceId,
            Name = "Agents EU",
            Description = "again",
            DefaultOutboundQueueId = sales,
            MediaConcurrencies = [new MediaConcurrency { Channel = Channel.Voice, Concurrency = 1 }],
        }));
        Assert.Equal(("DuplicateResourceException", AwsErrorClass.Conflict), (duplicate.ErrorCode, duplicate.Class));
        var tooMany = await aws.Fails(() => connect.UpdateRoutingProfileQueuesAsync(new UpdateRoutingProfileQueuesRequest
        {
            InstanceId = instanceId,
            RoutingProfileId = profileId,
            QueueConfigs = Enumerable.Range(0, 11).Select(i => new RoutingProfileQueueConfig { QueueReference = new RoutingProfileQueueReference { QueueId = sales, Channel = Channel.Voice }, Priority = i + 1, Delay = 0 }).ToList(),
        }));
        Assert.Equal(AwsErrorClass.InvalidInput, tooMany.Class);
        var queueInUse = await aws.Fails(() => connect.DeleteQueueAsync(new DeleteQueueRequest { InstanceId = instanceId, QueueId = sales }));
        Assert.Contains(queueInUse.Class, new[] { AwsErrorClass.Conflict, AwsErrorClass.InvalidInput });

        await aws.Run(() => connect.DeleteRoutingProfileAsync(new DeleteRoutingProfileRequest { InstanceId = instanceId, RoutingProfileId = profileId }));
        var gone = await aws.Fails(() => connect.DescribeRoutingProfileAsync(new DescribeRoutingProfileRequest { InstanceId = instanceId, RoutingProfileId = profileId }));
        Assert.Equal(AwsErrorClass.NotFound, gone.Class);
    }
}
