using System.Net;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Faults;

namespace ContactOperator.Emulators.Aws.Tests;

public sealed class QuotaAndFaultTests
{
    [Fact]
    public async Task Connect_calls_past_the_burst_get_429_until_tokens_refill()
    {
        await using var f = await EmulatorFixture.StartAsync(enforceQuotas: true);

        for (var i = 0; i < 5; i++)
        {
            (await f.Wire.Connect(HttpMethod.Get, "instance")).EnsureOk();
        }

        (await f.Wire.Connect(HttpMethod.Get, "instance")).EnsureError("ThrottlingException", HttpStatusCode.TooManyRequests);
        (await f.Wire.Connect(HttpMethod.Get, "instance", region: "us-west-2")).EnsureOk();
        f.Time.Advance(TimeSpan.FromMilliseconds(500));
        (await f.Wire.Connect(HttpMethod.Get, "instance")).EnsureOk();
        (await f.Wire.Connect(HttpMethod.Get, "instance")).EnsureError("ThrottlingException", HttpStatusCode.TooManyRequests);

        f.Control.EnforceQuotas = false;
        (await f.Wire.Connect(HttpMethod.Get, "instance")).EnsureOk();
        Assert.Equal(2, f.Control.CountOf("ListInstances", "ThrottlingException"));
    }

    [Fact]
    public async Task A_rate_limit_can_be_overridden_per_operation()
    {
        await using var f = await EmulatorFixture.StartAsync(enforceQuotas: true);
        f.Control.OverrideRateLimit("connect", "ListInstances", new RateLimit(1, 1));

        (await f.Wire.Connect(HttpMethod.Get, "instance")).EnsureOk();
        (await f.Wire.Connect(HttpMethod.Get, "instance")).EnsureError("ThrottlingException", HttpStatusCode.TooManyRequests);
        f.Control.OverrideRateLimit("connect", "ListInstances", null);
        f.Control.ResetRateLimits();
        for (var i = 0; i < 5; i++)
        {
            (await f.Wire.Connect(HttpMethod.Get, "instance")).EnsureOk();
        }
    }

    [Fact]
    public async Task The_limit_of_an_operation_can_be_read_as_enforced_including_overrides()
    {
        await using var f = await EmulatorFixture.StartAsync(enforceQuotas: true);

        Assert.Equal(new RateLimit(2, 5), f.Control.RateLimitOf("connect", "CreateRoutingProfile"));
        Assert.Equal(new RateLimit(10, 10), f.Control.RateLimitOf("connect", "ListRoutingProfiles"));
        Assert.Equal(new RateLimit(0.1, 5), f.Control.RateLimitOf("connect", "CreateInstance"));
        Assert.Null(f.Control.RateLimitOf("route53-recovery-control-config", "CreateCluster"));
        Assert.Null(f.Control.RateLimitOf("connect", "NotAnOperation"));

        f.Control.OverrideRateLimit("connect", "ListInstances", new RateLimit(1, 1));
        Assert.Equal(new RateLimit(1, 1), f.Control.RateLimitOf("connect", "ListInstances"));
        (await f.Wire.Connect(HttpMethod.Get, "instance")).EnsureOk();
        (await f.Wire.Connect(HttpMethod.Get, "instance")).EnsureError("ThrottlingException", HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Describe_queue_has_its_own_higher_limit()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var (id, _) = await f.ActiveInstanceAsync();
        var queue = await f.QueueAsync(id, await f.HoursAsync(id), "q");
        f.Control.EnforceQuotas = true;

        for (var i = 0; i < 10; i++)
        {
            (await f.Wire.Connect(HttpMethod.Get, $"queues/{id}/{queue}")).EnsureOk();
        }

        (await f.Wire.Connect(HttpMethod.Get, $"queues/{id}/{queue}")).EnsureError("ThrottlingException", HttpStatusCode.TooManyRequests);
        f.Time.Advance(TimeSpan.FromMilliseconds(100));
        (await f.Wire.Connect(HttpMethod.Get, $"queues/{id}/{queue}")).EnsureOk();
    }

    [Fact]
    public async Task Arc_mutations_are_limited_to_three_per_second_per_endpoint()
    {
        await using var f = await EmulatorFixture.StartAsync(enforceQuotas: true);
        var arc = await ArcSetup.CreateAsync(f, "a");

        for (var i = 0; i < 3; i++)
        {
            (await arc.SetAsync(f, 0, (arc.Controls[0], "On"))).EnsureOk();
        }

        var throttled = await arc.SetAsync(f, 0, (arc.Controls[0], "On"));
        throttled.EnsureError("ThrottlingException", HttpStatusCode.TooManyRequests);
        (await arc.SetAsync(f, 1, (arc.Controls[0], "On"))).EnsureOk();
        (await f.Wire.ArcCluster(arc.Endpoints[0], "GetRoutingControlState", new JsonObject { ["RoutingControlArn"] = arc.Controls[0] })).EnsureOk();
        f.Time.Advance(TimeSpan.FromSeconds(1));
        (await arc.SetAsync(f, 0, (arc.Controls[0], "Off"))).EnsureOk();
    }

    [Fact]
    public async Task Injected_error_fires_for_matching_calls_only_and_runs_out()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var id = f.Control.InjectFault(new FaultRule { Service = "connect", Operation = "ListInstances", Region = "us-east-1", ErrorCode = "InternalServiceException", Count = 2 });

        (await f.Wire.Connect(HttpMethod.Get, "instance", region: "us-west-2")).EnsureOk();
        (await f.Wire.Connect(HttpMethod.Get, "instance")).EnsureError("InternalServiceException", HttpStatusCode.InternalServerError);
        (await f.Wire.Connect(HttpMethod.Get, "instance")).EnsureError("InternalServiceException", HttpStatusCode.InternalServerError);
        (await f.Wire.Connect(HttpMethod.Get, "instance")).EnsureOk();
        Assert.True(f.Control.RemoveFault(id));
    }

    [Fact]
    public async Task Error_rate_fails_roughly_that_share_of_calls_repeatably()
    {
        await using var f = await EmulatorFixture.StartAsync();
        f.Control.InjectFault(new FaultRule { Operation = "ListInstances", ErrorCode = "ThrottlingException", Probability = 0.5 });

        var failures = 0;
        for (var i = 0; i < 60; i++)
        {
            if ((await f.Wire.Connect(HttpMethod.Get, "instance")).Status == HttpStatusCode.TooManyRequests)
            {
                failures++;
            }
        }

        Assert.InRange(failures, 15, 45);
        f.Control.ClearFaults();
        (await f.Wire.Connect(HttpMethod.Get, "instance")).EnsureOk();
    }

    [Fact]
    public async Task Injected_latency_is_measured_on_the_emulator_clock()
    {
        await using var f = await EmulatorFixture.StartAsync();
        f.Control.InjectFault(new FaultRule { Operation = "ListInstances", Latency = TimeSpan.FromSeconds(5) });

        var call = f.Wire.Connect(HttpMethod.Get, "instance");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        // Poll (with a deadline) for the answer while moving the fake clock; the latency itself is fake time.
        while (await Task.WhenAny(call, Task.Delay(20)) != call)
        {
            Assert.True(DateTime.UtcNow < deadline, "the delayed call never completed");
            f.Time.Advance(TimeSpan.FromMilliseconds(500));
        }

        (await call).EnsureOk();
        var entry = Assert.Single(f.Control.RequestLog);
        Assert.True(entry.Duration >= TimeSpan.FromSeconds(5), $"answered after {entry.Duration} on the emulator clock");
    }

    [Fact]
    public async Task Arc_endpoint_outage_answers_503_and_restores()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var arc = await ArcSetup.CreateAsync(f, "a");
        f.Control.TakeArcEndpointDown(arc.ClusterArn, 2);

        (await f.Wire.ArcCluster(arc.Endpoints[2], "GetRoutingControlState", new JsonObject { ["RoutingControlArn"] = arc.Controls[0] }))
            .EnsureError("EndpointTemporarilyUnavailableException", HttpStatusCode.ServiceUnavailable);
        (await f.Wire.ArcCluster(arc.Endpoints[1], "GetRoutingControlState", new JsonObject { ["RoutingControlArn"] = arc.Controls[0] })).EnsureOk();
        f.Control.RestoreArcEndpoint(arc.ClusterArn, 2);
        (await f.Wire.ArcCluster(arc.Endpoints[2], "GetRoutingControlState", new JsonObject { ["RoutingControlArn"] = arc.Controls[0] })).EnsureOk();
    }

    [Fact]
    public async Task Connection_reset_outage_drops_the_connection()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var arc = await ArcSetup.CreateAsync(f, "a");
        f.Control.TakeArcEndpointDown(arc.ClusterArn, 0, ArcEndpointOutageMode.ConnectionReset);

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            f.Wire.ArcCluster(arc.Endpoints[0], "GetRoutingControlState", new JsonObject { ["RoutingControlArn"] = arc.Controls[0] }));
        var endpoint = new ArcEndpointAddress(arc.ClusterArn.Split('/')[^1], 0);
        await Eventually.TrueAsync(() => f.Control.RequestLog.Any(e => e.ArcEndpoint == endpoint && e.StatusCode == 0), "the dropped call in the request log");
    }
}
