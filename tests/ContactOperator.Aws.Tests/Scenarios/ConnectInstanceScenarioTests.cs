using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;

namespace ContactOperator.Aws.Tests.Scenarios;

/// <summary>The C# client through the JS SDK conformance scenarios for instances, hours of operation and queues, against the emulator.</summary>
public sealed class ConnectInstanceScenarioTests
{
    private static readonly IReadOnlyList<HoursOfOperationConfig> Week =
        new[] { "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY" }.Select(day => new HoursOfOperationConfig
        {
            Day = day,
            StartTime = new HoursOfOperationTimeSlice { Hours = 8, Minutes = 0 },
            EndTime = new HoursOfOperationTimeSlice { Hours = 17, Minutes = 30 },
        }).ToList();

    [Fact]
    public async Task Instances_are_idempotent_on_client_token_regional_and_become_active()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var east = aws.Connect("us-east-1");
        var west = aws.Connect("us-west-2");
        var token = ClientTokens.FromUid("uid-1", "create-instance");
        var create = new CreateInstanceRequest
        {
            ClientToken = token,
            IdentityManagementType = DirectoryType.Saml,
            InstanceAlias = "conf-east",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
            Tags = new Dictionary<string, string> { ["team"] = "contact" },
        };

        var created = await aws.Run(() => east.CreateInstanceAsync(create));
        Assert.StartsWith($"arn:aws:connect:us-east-1:123456789012:instance/{created.Id}", created.Arn, StringComparison.Ordinal);
        var again = await aws.Run(() => east.CreateInstanceAsync(create with { InstanceAlias = "ignored-on-retry" }));
        Assert.Equal(created.Id, again.Id);

        var first = (await aws.Run(() => east.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = created.Id! }))).Instance!;
        Assert.Contains(first.InstanceStatus, new[] { InstanceStatus.CreationInProgress, InstanceStatus.Active });
        Assert.NotNull(first.CreatedTime);
        Assert.Equal("contact", first.Tags!["team"]);
        Assert.True(first.InboundCallsEnabled);
        await aws.WaitForAsync(async () => (await east.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = created.Id! })).Instance!.InstanceStatus == InstanceStatus.Active, "ACTIVE");

        var listed = await aws.Run(() => east.ListInstancesAllAsync(new ListInstancesRequest()).ToListAsync().AsTask());
        Assert.Contains(listed, i => i.Id == created.Id && i.InstanceAlias == "conf-east");
        var elsewhere = await aws.Run(() => west.ListInstancesAsync(new ListInstancesRequest()));
        Assert.DoesNotContain(elsewhere.InstanceSummaryList ?? [], i => i.Id == created.Id);

        var unknown = await aws.Fails(() => east.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = "00000000-0000-0000-0000-000000000000" }));
        Assert.Equal(("ResourceNotFoundException", 404, AwsErrorClass.NotFound), (unknown.ErrorCode, unknown.HttpStatusCode, unknown.Class));
        var wrongRegion = await aws.Fails(() => west.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = created.Id! }));
        Assert.Equal(AwsErrorClass.NotFound, wrongRegion.Class);

        await aws.Run(() => east.DeleteInstanceAsync(new DeleteInstanceRequest { InstanceId = created.Id! }));
        var deleted = await aws.Fails(() => east.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = created.Id! }));
        Assert.Equal(AwsErrorClass.NotFound, deleted.Class);
    }

    [Fact]
    public async Task Hours_of_operation_and_queues_lifecycle_with_main_errors()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var east = aws.Connect();
        var instance = await aws.CreateActiveInstanceAsync(east, "conf-hours");
        var instanceId = instance.Id!;

        // hours of operation
        var hours = await aws.Run(() => east.CreateHoursOfOperationAsync(new CreateHoursOfOperationRequest
        {
            InstanceId = instanceId,
            Name = "Office",
            TimeZone = "UTC",
            Config = Week,
            Tags = new Dictionary<string, string> { ["a"] = "b" },
        }));
        Assert.Equal($"{instance.Arn}/operating-hours/{hours.HoursOfOperationId}", hours.HoursOfOperationArn);
        var hoursId = hours.HoursOfOperationId!;
        var described = (await aws.Run(() => east.DescribeHoursOfOperationAsync(new DescribeHoursOfOperationRequest { InstanceId = instanceId, HoursOfOperationId = hoursId }))).HoursOfOperation!;
        Assert.Equal("Office", described.Name);
        Assert.Equal(5, described.Config!.Count);
        Assert.Equal(new HoursOfOperationTimeSlice { Hours = 17, Minutes = 30 }, described.Config[0].EndTime);
        Assert.NotNull(described.LastModifiedTime);
        await aws.Run(() => east.UpdateHoursOfOperationAsync(new UpdateHoursOfOperationRequest { InstanceId = instanceId, HoursOfOperationId = hoursId, Description = "weekdays" }));
        Assert.Equal("weekdays", (await aws.Run(() => east.DescribeHoursOfOperationAsync(new DescribeHoursOfOperationRequest { InstanceId = instanceId, HoursOfOperationId = hoursId }))).HoursOfOperation!.Description);
        var allHours = await aws.Run(() => east.ListHoursOfOperationsAllAsync(new ListHoursOfOperationsRequest { InstanceId = instanceId }).ToListAsync().AsTask());
        Assert.Contains(allHours, h => h.Name == "Office");
        Assert.Contains(allHours, h => h.Name == "Basic Hours");
        var duplicate = await aws.Fails(() => east.CreateHoursOfOperationAsync(new CreateHoursOfOperationRequest { InstanceId = instanceId, Name = "Office", TimeZone = "UTC", Config = Week }));
        Assert.Equal(("DuplicateResourceException", 409, AwsErrorClass.Conflict), (duplicate.ErrorCode, duplicate.HttpStatusCode, duplicate.Class));

        // queues
        var queue = await aws.Run(() => east.CreateQueueAsync(new CreateQueueRequest
        {
            InstanceId = instanceId,
            Name = "Sales",
            Description = "sales",
            HoursOfOperationId = hoursId,
            MaxContacts = 10,
            Tags = new Dictionary<string, string> { ["q"] = "1" },
        }));
        Assert.Equal($"{instance.Arn}/queue/{queue.QueueId}", queue.QueueArn);
        var queueId = queue.QueueId!;
        var q = (await aws.Run(() => east.DescribeQueueAsync(new DescribeQueueRequest { InstanceId = instanceId, QueueId = queueId }))).Queue!;
        Assert.Equal(("Sales", 10, QueueStatus.Enabled, hoursId, "us-east-1"), (q.Name, q.MaxContacts, q.Status, q.HoursOfOperationId, q.LastModifiedRegion));

        await aws.Run(() => east.UpdateQueueNameAsync(new UpdateQueueNameRequest { InstanceId = instanceId, QueueId = queueId, Name = "Sales EU", Description = "renamed" }));
        await aws.Run(() => east.UpdateQueueHoursOfOperationAsync(new UpdateQueueHoursOfOperationRequest { InstanceId = instanceId, QueueId = queueId, HoursOfOperationId = hoursId }));
        await aws.Run(() => east.UpdateQueueMaxContactsAsync(new UpdateQueueMaxContactsRequest { InstanceId = instanceId, QueueId = queueId, MaxContacts = 25 }));
        await aws.Run(() => east.UpdateQueueOutboundCallerConfigAsync(new UpdateQueueOutboundCallerConfigRequest { InstanceId = instanceId, QueueId = queueId, OutboundCallerConfig = new OutboundCallerConfig { OutboundCallerIdName = "ACME" } }));
        await aws.Run(() => east.UpdateQueueStatusAsync(new UpdateQueueStatusRequest { InstanceId = instanceId, QueueId = queueId, Status = QueueStatus.Disabled }));
        q = (await aws.Run(() => east.DescribeQueueAsync(new DescribeQueueRequest { InstanceId = instanceId, QueueId = queue.QueueArn! }))).Queue!;
        Assert.Equal(("Sales EU", "renamed", 25, QueueStatus.Disabled, "ACME"), (q.Name, q.Description, q.MaxContacts, q.Status, q.OutboundCallerConfig!.OutboundCallerIdName));

        var standard = await aws.Run(() => east.ListQueuesAsync(new ListQueuesRequest { InstanceId = instanceId, QueueTypes = [QueueType.Standard] }));
        Assert.Contains(standard.QueueSummaryList!, s => s.Name == "Sales EU");
        Assert.Contains(standard.QueueSummaryList!, s => s.Name == "BasicQueue");
        var firstPage = await aws.Run(() => east.ListQueuesAsync(new ListQueuesRequest { InstanceId = instanceId, MaxResults = 1 }));
        Assert.Single(firstPage.QueueSummaryList!);
        Assert.NotNull(firstPage.NextToken);
        var everyQueue = await aws.Run(() => east.ListQueuesAllAsync(new ListQueuesRequest { InstanceId = instanceId, MaxResults = 1 }).ToListAsync().AsTask());
        Assert.Equal(everyQueue.Count, everyQueue.Select(s => s.Id).Distinct().Count());
        Assert.Contains(everyQueue, s => s.Id == queueId);

        var dupQueue = await aws.Fails(() => east.CreateQueueAsync(new CreateQueueRequest { InstanceId = instanceId, Name = "Sales EU", HoursOfOperationId = hoursId }));
        Assert.Equal(("DuplicateResourceException", AwsErrorClass.Conflict), (dupQueue.ErrorCode, dupQueue.Class));
        var unknownHours = await aws.Fails(() => east.CreateQueueAsync(new CreateQueueRequest { InstanceId = instanceId, Name = "X", HoursOfOperationId = "11111111-1111-1111-1111-111111111111" }));
        Assert.Equal(("ResourceNotFoundException", AwsErrorClass.NotFound), (unknownHours.ErrorCode, unknownHours.Class));
        var badEnum = await aws.Fails(() => east.UpdateQueueStatusAsync(new UpdateQueueStatusRequest { InstanceId = instanceId, QueueId = queueId, Status = "PAUSED" }));
        Assert.Equal(("InvalidParameterException", 400, AwsErrorClass.InvalidInput), (badEnum.ErrorCode, badEnum.HttpStatusCode, badEnum.Class));
        Assert.True(badEnum.IsTerminal);
        var inUse = await aws.Fails(() => east.DeleteHoursOfOperationAsync(new DeleteHoursOfOperationRequest { InstanceId = instanceId, HoursOfOperationId = hoursId }));
        Assert.Equal(("InvalidRequestException", AwsErrorClass.InvalidInput), (inUse.ErrorCode, inUse.Class));

        await aws.Run(() => east.DeleteQueueAsync(new DeleteQueueRequest { InstanceId = instanceId, QueueId = queueId }));
        await aws.Run(() => east.DeleteHoursOfOperationAsync(new DeleteHoursOfOperationRequest { InstanceId = instanceId, HoursOfOperationId = hoursId }));
        var gone = await aws.Fails(() => east.DescribeQueueAsync(new DescribeQueueRequest { InstanceId = instanceId, QueueId = queueId }));
        Assert.Equal(AwsErrorClass.NotFound, gone.Class);

        // none of this was throttled: the client-side limits kept every call inside the emulator's quotas
        Assert.Equal(0, aws.Emulator.Control.RequestLog.Count(e => e.ErrorCode is "TooManyRequestsException" or "ThrottlingException"));
    }
}
