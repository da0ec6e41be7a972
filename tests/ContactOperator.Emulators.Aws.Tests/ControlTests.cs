using System.Net;
using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Aws.Tests;

public sealed class ControlTests
{
    [Fact]
    public async Task Out_of_band_change_simulates_console_drift_without_touching_the_log()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var (id, _) = await f.ActiveInstanceAsync();
        var queue = await f.QueueAsync(id, await f.HoursAsync(id), "Drift");
        var logged = f.Control.RequestLog.Count;

        f.Control.InvokeOutOfBand("connect", "us-east-1", "UpdateQueueMaxContacts", new JsonObject { ["InstanceId"] = id, ["QueueId"] = queue, ["MaxContacts"] = 77 });

        Assert.Equal(logged, f.Control.RequestLog.Count);
        var described = (await f.Wire.Connect(HttpMethod.Get, $"queues/{id}/{queue}")).EnsureOk().Body["Queue"]!;
        Assert.Equal(77, described["MaxContacts"]!.GetValue<int>());
        var error = Assert.Throws<AwsEmulatorCallException>(() =>
            f.Control.InvokeOutOfBand("connect", "us-east-1", "DescribeQueue", new JsonObject { ["InstanceId"] = id, ["QueueId"] = "missing" }));
        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Null(f.Control.GetQueue("us-east-1", id, "missing"));
    }

    [Fact]
    public async Task Request_log_records_service_region_operation_status_and_error()
    {
        await using var f = await EmulatorFixture.StartAsync();
        await f.Wire.Connect(HttpMethod.Get, "instance/nope", region: "eu-central-1");

        var entry = Assert.Single(f.Control.RequestLog);
        Assert.Equal(("connect", "eu-central-1", "DescribeInstance", 404, "ResourceNotFoundException", "AKIDTEST"),
            (entry.Service, entry.Region, entry.Operation, entry.StatusCode, entry.ErrorCode, entry.AccessKeyId));
        Assert.Equal(f.Time.GetUtcNow(), entry.Time);
        Assert.Equal(1, f.Control.CountsByOperation()["connect/DescribeInstance"]);
        f.Control.ClearRequestLog();
        Assert.Empty(f.Control.RequestLog);
    }

    [Fact]
    public async Task Admin_http_api_drives_the_same_controls()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var arc = await ArcSetup.CreateAsync(f, "a");

        await f.Wire.Admin(HttpMethod.Put, $"arc/outages/{Uri.EscapeDataString(arc.ClusterArn)}/1", new JsonObject { ["mode"] = "Unavailable" });
        (await f.Wire.ArcCluster(arc.Endpoints[1], "GetRoutingControlState", new JsonObject { ["RoutingControlArn"] = arc.Controls[0] }))
            .EnsureError("EndpointTemporarilyUnavailableException", HttpStatusCode.ServiceUnavailable);
        await f.Wire.Admin(HttpMethod.Delete, "arc/outages");
        (await f.Wire.ArcCluster(arc.Endpoints[1], "GetRoutingControlState", new JsonObject { ["RoutingControlArn"] = arc.Controls[0] })).EnsureOk();

        await f.Wire.Admin(HttpMethod.Put, "quotas", new JsonObject { ["enforce"] = true });
        Assert.True(f.Control.EnforceQuotas);
        var fault = await f.Wire.Admin(HttpMethod.Post, "faults", new JsonObject { ["operation"] = "ListClusters", ["errorCode"] = "InternalServerException" });
        (await f.Wire.ArcConfig(HttpMethod.Get, "cluster")).EnsureError("InternalServerException", HttpStatusCode.InternalServerError);
        await f.Wire.Admin(HttpMethod.Delete, $"faults/{fault!["id"]!.GetValue<string>()}");
        (await f.Wire.ArcConfig(HttpMethod.Get, "cluster")).EnsureOk();

        var output = await f.Wire.Admin(HttpMethod.Post, "invoke", new JsonObject
        {
            ["service"] = "route53-recovery-cluster",
            ["region"] = "us-east-1",
            ["operation"] = "GetRoutingControlState",
            ["input"] = new JsonObject { ["RoutingControlArn"] = arc.Controls[0] },
        });
        Assert.Equal("Off", output!["RoutingControlState"]!.GetValue<string>());
        var dump = (await f.Wire.Admin(HttpMethod.Get, "state"))!;
        Assert.Equal("Off", dump["arc"]![0]!["controlPanels"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "p1")!["routingControls"]!["a"]!.GetValue<string>());
        var log = (await f.Wire.Admin(HttpMethod.Get, "requests"))!.AsArray();
        Assert.Contains(log, e => e!["operation"]!.GetValue<string>() == "ListClusters" && e["errorCode"]?.GetValue<string>() == "InternalServerException");
    }

    [Fact]
    public async Task Eventual_consistency_window_hides_new_resources_from_describe_for_a_while()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var (id, _) = await f.ActiveInstanceAsync();
        var hours = await f.HoursAsync(id);
        f.Time.Advance(TimeSpan.FromSeconds(10));
        f.Control.EventualConsistencyWindow = TimeSpan.FromSeconds(5);
        var queue = await f.QueueAsync(id, hours, "Fresh");

        (await f.Wire.Connect(HttpMethod.Get, $"queues/{id}/{queue}")).EnsureError("ResourceNotFoundException", HttpStatusCode.NotFound);
        (await f.Wire.Connect(HttpMethod.Get, $"hours-of-operations/{id}/{hours}")).EnsureOk();
        f.Time.Advance(TimeSpan.FromSeconds(5));
        (await f.Wire.Connect(HttpMethod.Get, $"queues/{id}/{queue}")).EnsureOk();
    }

    [Fact]
    public async Task Request_log_is_bounded_but_counters_keep_counting()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var emulator = await AwsEmulator.StartAsync(new AwsEmulatorOptions { TimeProvider = time, RequestLogCapacity = 3, EnforceQuotas = false });
        using var wire = new AwsWire(emulator.Endpoint);

        for (var i = 0; i < 5; i++)
        {
            (await wire.Connect(HttpMethod.Get, "instance")).EnsureOk();
        }

        Assert.Equal(3, emulator.Control.RequestLog.Count);
        Assert.Equal(5, emulator.Control.CountOf("ListInstances"));
    }
}
