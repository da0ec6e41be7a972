using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;
using ContactOperator.Emulators.Aws;

namespace ContactOperator.Aws.Tests.Scenarios;

/// <summary>GetCurrentMetricData and GetMetricDataV2 over the emulator's scripted queue load.</summary>
public sealed class MetricsScenarioTests
{
    [Fact]
    public async Task Current_and_historical_queue_metrics()
    {
        await using var aws = await EmulatorHarness.StartAsync();
        var connect = aws.Connect();
        var instance = await aws.CreateActiveInstanceAsync(connect, "conf-metrics");
        var queue = (await aws.Run(() => connect.ListQueuesAsync(new ListQueuesRequest { InstanceId = instance.Id!, QueueTypes = [QueueType.Standard] }))).QueueSummaryList![0];
        aws.Emulator.Control.SetQueueLoad("us-east-1", instance.Id!, queue.Id!, new QueueLoad
        {
            ContactsInQueue = 7,
            AgentsOnline = 12,
            AgentsAvailable = 3,
            OldestContactAge = TimeSpan.FromSeconds(95),
            Historical = new Dictionary<string, double> { ["ABANDONMENT_RATE"] = 4.5, ["CONTACTS_HANDLED"] = 120 },
        });

        var current = await aws.Run(() => connect.GetCurrentMetricDataAsync(new GetCurrentMetricDataRequest
        {
            InstanceId = instance.Id!,
            Filters = new Filters { Queues = [queue.Id!], Channels = [Channel.Voice] },
            Groupings = [Grouping.Queue],
            CurrentMetrics =
            [
                new CurrentMetric { Name = CurrentMetricName.ContactsInQueue, Unit = Unit.Count },
                new CurrentMetric { Name = CurrentMetricName.AgentsOnline, Unit = Unit.Count },
                new CurrentMetric { Name = CurrentMetricName.OldestContactAge, Unit = Unit.Seconds },
            ],
        }));
        var result = Assert.Single(current.MetricResults!);
        Assert.Equal(queue.Id, result.Dimensions!.Queue!.Id);
        var values = result.Collections!.ToDictionary(c => c.Metric!.Name!, c => c.Value);
        Assert.Equal(7, values[CurrentMetricName.ContactsInQueue]);
        Assert.Equal(12, values[CurrentMetricName.AgentsOnline]);
        Assert.Equal(95, values[CurrentMetricName.OldestContactAge]);
        Assert.NotNull(current.DataSnapshotTime);

        var now = aws.Clock.GetUtcNow();
        var history = await aws.Run(() => connect.GetMetricDataV2Async(new GetMetricDataV2Request
        {
            ResourceArn = instance.Arn!,
            StartTime = now.AddHours(-1),
            EndTime = now,
            Interval = new IntervalDetails { IntervalPeriod = IntervalPeriod.Hour, TimeZone = "UTC" },
            Filters = [new FilterV2 { FilterKey = "QUEUE", FilterValues = [queue.Id!] }],
            Groupings = ["QUEUE"],
            Metrics = [new MetricV2 { Name = "ABANDONMENT_RATE" }, new MetricV2 { Name = "CONTACTS_HANDLED" }],
        }));
        var row = Assert.Single(history.MetricResults!);
        Assert.Equal(queue.Id, row.Dimensions!["QUEUE"]);
        var historical = row.Collections!.ToDictionary(c => c.Metric!.Name!, c => c.Value);
        Assert.Equal(4.5, historical["ABANDONMENT_RATE"]);
        Assert.Equal(120, historical["CONTACTS_HANDLED"]);
        Assert.Equal(IntervalPeriod.Hour, row.MetricInterval!.Interval);

        var noQueues = await aws.Fails(() => connect.GetMetricDataV2Async(new GetMetricDataV2Request
        {
            ResourceArn = instance.Arn!,
            StartTime = now.AddHours(-1),
            EndTime = now,
            Filters = [],
            Metrics = [new MetricV2 { Name = "ABANDONMENT_RATE" }],
        }));
        Assert.Equal(AwsErrorClass.InvalidInput, noQueues.Class);
    }
}
