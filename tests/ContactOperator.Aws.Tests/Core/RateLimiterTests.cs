using System.Net;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;

namespace ContactOperator.Aws.Tests.Core;

public sealed class RateLimiterTests
{
    [Fact]
    public async Task Bucket_serves_the_burst_at_once_then_one_request_per_interval_in_arrival_order()
    {
        var clock = TestClients.NewClock();
        var limiter = new TokenBucketLimiter(new AwsRateLimit(2, 5), clock);
        var waits = Enumerable.Range(0, 8).Select(_ => limiter.WaitAsync(CancellationToken.None).AsTask()).ToList();

        await Polling.SettleAsync();
        Assert.Equal(5, waits.Count(w => w.IsCompleted));
        clock.Advance(TimeSpan.FromMilliseconds(499));
        await Polling.SettleAsync();
        Assert.Equal(5, waits.Count(w => w.IsCompleted));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => waits[5].IsCompleted, "6th request after 0.5 s");
        Assert.False(waits[6].IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => waits.All(w => w.IsCompleted), "all requests");
        Assert.Equal(TimeSpan.FromSeconds(1.5), await waits[7]);
    }

    [Fact]
    public async Task Cancelled_waiter_gives_its_reservation_back()
    {
        var clock = TestClients.NewClock();
        var limiter = new TokenBucketLimiter(new AwsRateLimit(1, 1), clock);
        await limiter.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = limiter.WaitAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        var next = limiter.WaitAsync(CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), await next);
    }

    [Fact]
    public void A_table_gives_an_operation_its_own_limit_else_its_service_default()
    {
        var table = new AwsRateLimitTable(
            new Dictionary<string, AwsRateLimit> { ["connect:CreateInstance"] = new(0.1, 1), ["connect:GetCurrentMetricData"] = new(5, 8) },
            new Dictionary<string, AwsRateLimit> { ["connect"] = new(2, 5) });
        Assert.Equal(new AwsRateLimit(2, 5), table.Lookup("connect", "CreateQueue"));
        Assert.Equal(new AwsRateLimit(0.1, 1), table.Lookup("connect", "CreateInstance"));
        Assert.Equal(new AwsRateLimit(5, 8), table.Lookup("connect", "GetCurrentMetricData"));
        Assert.Null(table.Lookup("route53-recovery-cluster", "GetRoutingControlState"));
        Assert.Equal(new AwsRateLimit(50, 50), table.With(new Dictionary<string, AwsRateLimit> { ["connect:CreateQueue"] = new(50, 50) }).Lookup("connect", "CreateQueue"));
        Assert.Throws<ArgumentException>(() => table.With(new Dictionary<string, AwsRateLimit> { ["connect:CreateQueue"] = new(0, 5) }));
    }

    [Fact]
    public async Task Clients_with_the_same_registry_account_and_region_share_one_bucket()
    {
        var clock = TestClients.NewClock();
        var handler = StubHttpHandler.Always(HttpStatusCode.OK, """{"QueueId":"q"}""");
        var options = TestClients.Options(clock, handler: handler);
        using var first = new ConnectClient(options);
        using var second = new ConnectClient(options with { RetryBudget = new RetryBudget() });
        using var otherRegion = new ConnectClient(options with { Region = "us-west-2" });
        var create = new CreateQueueRequest { InstanceId = "i", Name = "n", HoursOfOperationId = "h" };

        var calls = Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? first : second).CreateQueueAsync(create)).ToList();
        var west = otherRegion.CreateQueueAsync(create);
        await Eventually.TrueAsync(() => handler.Requests.Count == 5, "burst of 4 (the quota's 5 less one token of slack) plus the other Region");
        await Polling.SettleAsync();

        Assert.Equal(5, handler.Requests.Count); // 4 from the shared us-east-1 bucket, 1 from us-west-2's own
        Assert.True(west.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.TrueAsync(() => handler.Requests.Count == 6, "one more after 0.5 s");
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await Task.WhenAll(calls);
        Assert.Equal(7, handler.Requests.Count);
    }
}
