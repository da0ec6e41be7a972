using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;
using ContactOperator.Emulators.Aws.Faults;

namespace ContactOperator.Aws.Tests.Scenarios;

/// <summary>Client-side rate limits and retries against the emulator's documented quotas and injected faults.</summary>
public sealed class ThrottlingScenarioTests
{
    [Fact]
    public async Task Rate_limiter_keeps_a_200_request_burst_under_the_quota_with_zero_429s()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var instance = await aws.CreateActiveInstanceAsync(aws.Connect(), "burst");
        var queues = await aws.Run(() => aws.Connect().ListQueuesAsync(new ListQueuesRequest { InstanceId = instance.Id! }));
        var queueId = queues.QueueSummaryList![0].Id!;
        aws.Emulator.Control.ClearRequestLog();

        // 200 reconciles at once, spread over four client instances as separate controllers would be.
        var clients = Enumerable.Range(0, 4).Select(_ => aws.Connect()).ToList();
        var started = aws.Clock.GetUtcNow();
        await aws.Run(() => Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            clients[i % 4].DescribeQueueAsync(new DescribeQueueRequest { InstanceId = instance.Id!, QueueId = queueId }))));
        var elapsed = aws.Clock.GetUtcNow() - started;

        var log = aws.Emulator.Control.RequestLog.Where(e => e.Operation == "DescribeQueue").ToList();
        Assert.Equal(200, log.Count);
        Assert.All(log, e => Assert.Null(e.ErrorCode));
        Assert.InRange(elapsed, TimeSpan.FromSeconds(19), TimeSpan.FromSeconds(60)); // DescribeQueue: 10 rps, so at least 19.5 s
    }

    [Fact]
    public async Task Without_the_client_side_limits_the_same_burst_is_throttled()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var instance = await aws.CreateActiveInstanceAsync(aws.Connect(), "burst-unlimited");
        var queues = await aws.Run(() => aws.Connect().ListQueuesAsync(new ListQueuesRequest { InstanceId = instance.Id! }));
        var queueId = queues.QueueSummaryList![0].Id!;
        using var unlimited = new ConnectClient(aws.Options() with { EnableRateLimits = false, MaxAttempts = 1 });
        aws.Emulator.Control.ClearRequestLog();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            try
            {
                await unlimited.DescribeQueueAsync(new DescribeQueueRequest { InstanceId = instance.Id!, QueueId = queueId });
                return null;
            }
            catch (AwsServiceException e)
            {
                return e;
            }
        }));

        var throttled = results.Where(e => e is not null).ToList();
        Assert.NotEmpty(throttled);
        Assert.All(throttled, e => Assert.Equal(AwsErrorClass.Throttling, e!.Class));
        Assert.Equal(429, throttled[0]!.HttpStatusCode);
    }

    [Fact]
    public async Task Injected_5xx_on_a_read_is_retried_and_on_a_create_is_not()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var connect = aws.Connect();
        var instance = await aws.CreateActiveInstanceAsync(connect, "faults");
        var hours = await aws.Run(() => connect.ListHoursOfOperationsAsync(new ListHoursOfOperationsRequest { InstanceId = instance.Id! }));
        aws.Emulator.Control.InjectFault(new FaultRule { Service = "connect", Operation = "ListQueues", ErrorCode = "InternalServiceException", Count = 2 });
        aws.Emulator.Control.InjectFault(new FaultRule { Service = "connect", Operation = "CreateQueue", ErrorCode = "InternalServiceException", Count = 1 });

        var listed = await aws.Run(() => connect.ListQueuesAsync(new ListQueuesRequest { InstanceId = instance.Id! }));
        Assert.NotEmpty(listed.QueueSummaryList!);
        Assert.Equal(3, aws.Emulator.Control.CountOf("ListQueues"));

        var error = await aws.Fails(() => connect.CreateQueueAsync(new CreateQueueRequest { InstanceId = instance.Id!, Name = "Q", HoursOfOperationId = hours.HoursOfOperationSummaryList![0].Id! }));
        Assert.Equal(("InternalServiceException", 500, AwsErrorClass.Transient), (error.ErrorCode, error.HttpStatusCode, error.Class));
        Assert.Equal(1, aws.Emulator.Control.CountOf("CreateQueue"));
    }

    [Fact]
    public async Task Injected_throttling_on_a_create_is_retried_until_it_succeeds()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var connect = aws.Connect();
        var instance = await aws.CreateActiveInstanceAsync(connect, "throttled-create");
        var hours = await aws.Run(() => connect.ListHoursOfOperationsAsync(new ListHoursOfOperationsRequest { InstanceId = instance.Id! }));
        aws.Emulator.Control.InjectFault(new FaultRule { Service = "connect", Operation = "CreateQueue", ErrorCode = "ThrottlingException", Count = 2 });

        var created = await aws.Run(() => connect.CreateQueueAsync(new CreateQueueRequest { InstanceId = instance.Id!, Name = "Q", HoursOfOperationId = hours.HoursOfOperationSummaryList![0].Id! }));

        Assert.NotNull(created.QueueId);
        Assert.Equal(3, aws.Emulator.Control.CountOf("CreateQueue"));
        Assert.Equal(2, aws.Emulator.Control.CountOf("CreateQueue", "ThrottlingException"));
    }
}
