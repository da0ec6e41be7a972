using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;
using ContactOperator.Emulators.Aws;

namespace ContactOperator.Aws.Tests.Scenarios;

/// <summary>The main Connect errors of the JS SDK conformance run, as the C# client surfaces them (code, status, class).</summary>
public sealed class ConnectErrorScenarioTests
{
    private static void AssertError(AwsServiceException error, string code, int status, AwsErrorClass errorClass) =>
        Assert.Equal((code, status, errorClass), (error.ErrorCode, error.HttpStatusCode, error.Class));

    [Fact]
    public async Task Routing_profile_queue_and_tag_errors()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var east = aws.Connect();
        var instance = await aws.CreateActiveInstanceAsync(east, "conf-errors");
        var id = instance.Id!;
        var hoursId = (await aws.Run(() => east.ListHoursOfOperationsAsync(new ListHoursOfOperationsRequest { InstanceId = id }))).HoursOfOperationSummaryList![0].Id!;
        var queues = new List<string>();
        for (var i = 0; i < 11; i++)
        {
            var name = $"Batch-{i}";
            queues.Add((await aws.Run(() => east.CreateQueueAsync(new CreateQueueRequest { InstanceId = id, Name = name, HoursOfOperationId = hoursId }))).QueueId!);
        }

        var profileId = (await aws.Run(() => east.CreateRoutingProfileAsync(new CreateRoutingProfileRequest
        {
            InstanceId = id,
            Name = "Agents",
            Description = "d",
            DefaultOutboundQueueId = queues[0],
            MediaConcurrencies = [new MediaConcurrency { Channel = Channel.Chat, Concurrency = 2 }],
        }))).RoutingProfileId!;
        List<RoutingProfileQueueConfig> Configs(IEnumerable<string> ids) =>
            ids.Select(q => new RoutingProfileQueueConfig { QueueReference = new RoutingProfileQueueReference { QueueId = q, Channel = Channel.Chat }, Priority = 2, Delay = 5 }).ToList();

        AssertError(await aws.Fails(() => east.AssociateRoutingProfileQueuesAsync(new AssociateRoutingProfileQueuesRequest { InstanceId = id, RoutingProfileId = profileId, QueueConfigs = Configs(queues) })),
            "InvalidParameterException", 400, AwsErrorClass.InvalidInput);
        await aws.Run(() => east.AssociateRoutingProfileQueuesAsync(new AssociateRoutingProfileQueuesRequest { InstanceId = id, RoutingProfileId = profileId, QueueConfigs = Configs(queues.Take(10)) }));
        AssertError(await aws.Fails(() => east.UpdateRoutingProfileQueuesAsync(new UpdateRoutingProfileQueuesRequest { InstanceId = id, RoutingProfileId = profileId, QueueConfigs = Configs(queues.Skip(10)) })),
            "InvalidRequestException", 400, AwsErrorClass.InvalidInput);
        AssertError(await aws.Fails(() => east.AssociateRoutingProfileQueuesAsync(new AssociateRoutingProfileQueuesRequest { InstanceId = id, RoutingProfileId = profileId, QueueConfigs = Configs(queues.Take(1)) })),
            "InvalidRequestException", 400, AwsErrorClass.InvalidInput);
        AssertError(await aws.Fails(() => east.UpdateRoutingProfileNameAsync(new UpdateRoutingProfileNameRequest { InstanceId = id, RoutingProfileId = profileId, Name = "Basic Routing Profile" })),
            "DuplicateResourceException", 409, AwsErrorClass.Conflict);
        AssertError(await aws.Fails(() => east.DeleteQueueAsync(new DeleteQueueRequest { InstanceId = id, QueueId = queues[1] })),
            "ResourceInUseException", 409, AwsErrorClass.Conflict);
        var basic = (await aws.Run(() => east.ListRoutingProfilesAllAsync(new ListRoutingProfilesRequest { InstanceId = id }).ToListAsync().AsTask())).Single(p => p.Name == "Basic Routing Profile");
        AssertError(await aws.Fails(() => east.DeleteRoutingProfileAsync(new DeleteRoutingProfileRequest { InstanceId = id, RoutingProfileId = basic.Id! })),
            "ResourceInUseException", 409, AwsErrorClass.Conflict);
        AssertError(await aws.Fails(() => east.TagResourceAsync(new TagResourceRequest { ResourceArn = $"{instance.Arn}/queue/00000000-0000-0000-0000-000000000000", Tags = new Dictionary<string, string> { ["k"] = "v" } })),
            "ResourceNotFoundException", 404, AwsErrorClass.NotFound);
        AssertError(await aws.Fails(() => east.UpdateInstanceAttributeAsync(new UpdateInstanceAttributeRequest { InstanceId = id, AttributeType = "NOPE", Value = "true" })),
            "InvalidParameterException", 400, AwsErrorClass.InvalidInput);
        AssertError(await aws.Fails(() => east.AssociateInstanceStorageConfigAsync(new AssociateInstanceStorageConfigRequest
        {
            InstanceId = id,
            ResourceType = InstanceStorageResourceType.ChatTranscripts,
            StorageConfig = new InstanceStorageConfig { StorageType = StorageType.S3 },
        })), "InvalidParameterException", 400, AwsErrorClass.InvalidInput);
        const string function = "arn:aws:lambda:us-east-1:123456789012:function:f";
        AssertError(await aws.Fails(() => east.DisassociateLambdaFunctionAsync(new DisassociateLambdaFunctionRequest { InstanceId = id, FunctionArn = function })),
            "ResourceNotFoundException", 404, AwsErrorClass.NotFound);
        await aws.Run(() => east.AssociateLambdaFunctionAsync(new AssociateLambdaFunctionRequest { InstanceId = id, FunctionArn = function }));
        var twice = await aws.Fails(() => east.AssociateLambdaFunctionAsync(new AssociateLambdaFunctionRequest { InstanceId = id, FunctionArn = function }));
        Assert.Equal(AwsErrorClass.Conflict, twice.Class);
    }

    [Fact]
    public async Task Global_resiliency_metric_and_quota_errors()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var east = aws.Connect("us-east-1");
        var west = aws.Connect("us-west-2");
        var instance = await aws.CreateActiveInstanceAsync(east, "conf-gr-errors", DirectoryType.Saml);
        var id = instance.Id!;

        AssertError(await aws.Fails(() => east.ReplicateInstanceAsync(new ReplicateInstanceRequest { InstanceId = id, ReplicaRegion = "eu-west-1", ReplicaAlias = "r-eu" })),
            "InvalidRequestException", 400, AwsErrorClass.InvalidInput);
        var replica = await aws.Run(() => east.ReplicateInstanceAsync(new ReplicateInstanceRequest { InstanceId = id, ReplicaRegion = "us-west-2", ReplicaAlias = "r-west" }));
        await aws.WaitForAsync(async () => (await west.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = replica.Id! })).Instance!.InstanceStatus == InstanceStatus.Active, "replica ACTIVE");
        var tdg = await aws.Run(() => east.CreateTrafficDistributionGroupAsync(new CreateTrafficDistributionGroupRequest { Name = "dr-group", InstanceId = id }));
        await aws.WaitForAsync(async () => (await east.DescribeTrafficDistributionGroupAsync(new DescribeTrafficDistributionGroupRequest { TrafficDistributionGroupId = tdg.Id! })).TrafficDistributionGroup!.Status == TrafficDistributionGroupStatus.Active, "TDG ACTIVE");
        TelephonyConfig Split(int east, int? west) => new()
        {
            Distributions = west is null
                ? [new Distribution { Region = "us-east-1", Percentage = east }]
                : [new Distribution { Region = "us-east-1", Percentage = east }, new Distribution { Region = "us-west-2", Percentage = west.Value }],
        };

        AssertError(await aws.Fails(() => east.UpdateTrafficDistributionAsync(new UpdateTrafficDistributionRequest { Id = tdg.Id!, TelephonyConfig = Split(50, 40) })), "InvalidRequestException", 400, AwsErrorClass.InvalidInput);
        AssertError(await aws.Fails(() => east.UpdateTrafficDistributionAsync(new UpdateTrafficDistributionRequest { Id = tdg.Id!, TelephonyConfig = Split(100, null) })), "InvalidRequestException", 400, AwsErrorClass.InvalidInput);
        AssertError(await aws.Fails(() => east.UpdateTrafficDistributionAsync(new UpdateTrafficDistributionRequest
        {
            Id = tdg.Id!,
            SignInConfig = new SignInConfig { Distributions = [new SignInDistribution { Region = "us-east-1", Enabled = true }, new SignInDistribution { Region = "us-west-2", Enabled = true }] },
        })), "InvalidRequestException", 400, AwsErrorClass.InvalidInput);
        AssertError(await aws.Fails(() => west.GetTrafficDistributionAsync(new GetTrafficDistributionRequest { Id = tdg.Id! })), "ResourceNotFoundException", 404, AwsErrorClass.NotFound);
        AssertError(await aws.Fails(() => east.CreateTrafficDistributionGroupAsync(new CreateTrafficDistributionGroupRequest { Name = "dr-group", InstanceId = id })), "ResourceConflictException", 409, AwsErrorClass.Conflict);
        AssertError(await aws.Fails(() => east.DeleteInstanceAsync(new DeleteInstanceRequest { InstanceId = id })), "InvalidRequestException", 400, AwsErrorClass.InvalidInput);

        // metrics
        var queueId = (await aws.Run(() => east.ListQueuesAsync(new ListQueuesRequest { InstanceId = id, QueueTypes = [QueueType.Standard] }))).QueueSummaryList![0].Id!;
        aws.Emulator.Control.SetQueueLoad("us-east-1", id, queueId, new QueueLoad { OldestContactAge = TimeSpan.FromSeconds(42) });
        var ungrouped = await aws.Run(() => east.GetCurrentMetricDataAsync(new GetCurrentMetricDataRequest
        {
            InstanceId = id,
            Filters = new Filters { Queues = [queueId] },
            CurrentMetrics = [new CurrentMetric { Name = CurrentMetricName.OldestContactAge, Unit = Unit.Seconds }],
        }));
        Assert.Equal(42000, ungrouped.MetricResults![0].Collections![0].Value); // AWS's quirk: milliseconds without grouping
        AssertError(await aws.Fails(() => east.GetCurrentMetricDataAsync(new GetCurrentMetricDataRequest
        {
            InstanceId = id,
            Filters = new Filters { Queues = [queueId] },
            CurrentMetrics = [new CurrentMetric { Name = CurrentMetricName.ContactsInQueue, Unit = Unit.Seconds }],
        })), "InvalidParameterException", 400, AwsErrorClass.InvalidInput);
        var now = aws.Clock.GetUtcNow();
        AssertError(await aws.Fails(() => east.GetMetricDataV2Async(new GetMetricDataV2Request
        {
            ResourceArn = instance.Arn!,
            StartTime = now.AddMinutes(-1),
            EndTime = now.AddHours(-1),
            Filters = [new FilterV2 { FilterKey = "QUEUE", FilterValues = [queueId] }],
            Metrics = [new MetricV2 { Name = "CONTACTS_HANDLED" }],
        })), "InvalidParameterException", 400, AwsErrorClass.InvalidInput);

        // quota: two instances per Region (one is the replica's primary here, add one more then one too many)
        await aws.Run(() => east.CreateInstanceAsync(new CreateInstanceRequest { IdentityManagementType = DirectoryType.ConnectManaged, InstanceAlias = "conf-second", InboundCallsEnabled = true, OutboundCallsEnabled = true }));
        var quota = await aws.Fails(() => east.CreateInstanceAsync(new CreateInstanceRequest { IdentityManagementType = DirectoryType.ConnectManaged, InstanceAlias = "conf-third", InboundCallsEnabled = true, OutboundCallsEnabled = true }));
        AssertError(quota, "ServiceQuotaExceededException", 402, AwsErrorClass.QuotaExceeded);
        Assert.True(quota.IsTerminal);
        Assert.Equal(1, quota.Attempts);
    }
}
