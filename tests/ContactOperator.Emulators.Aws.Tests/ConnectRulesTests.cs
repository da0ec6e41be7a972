using System.Net;
using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Aws.Tests;

public sealed class ConnectRulesTests
{
    [Fact]
    public async Task Instance_is_creating_until_the_delay_passes_on_the_clock()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var id = (await f.Wire.Connect(HttpMethod.Put, "instance", new JsonObject
        {
            ["IdentityManagementType"] = "CONNECT_MANAGED",
            ["InstanceAlias"] = "lifecycle",
            ["InboundCallsEnabled"] = true,
            ["OutboundCallsEnabled"] = false,
        })).EnsureOk().Body["Id"]!.GetValue<string>();

        Assert.Equal("CREATION_IN_PROGRESS", await StatusAsync());
        (await f.Wire.Connect(HttpMethod.Get, $"queues-summary/{id}")).EnsureError("ResourceNotFoundException", HttpStatusCode.NotFound);
        f.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("CREATION_IN_PROGRESS", await StatusAsync());
        f.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("ACTIVE", await StatusAsync());

        var queues = (await f.Wire.Connect(HttpMethod.Get, $"queues-summary/{id}")).EnsureOk().Body["QueueSummaryList"]!.AsArray();
        Assert.Contains(queues, q => q!["Name"]!.GetValue<string>() == "BasicQueue");

        async Task<string> StatusAsync() =>
            (await f.Wire.Connect(HttpMethod.Get, $"instance/{id}")).EnsureOk().Body["Instance"]!["InstanceStatus"]!.GetValue<string>();
    }

    [Fact]
    public async Task Injected_creation_failure_ends_in_CREATION_FAILED_with_a_reason()
    {
        await using var f = await EmulatorFixture.StartAsync();
        f.Control.FailInstanceCreations(1, "capacity");
        var failed = (await f.Wire.Connect(HttpMethod.Put, "instance", new JsonObject
        {
            ["IdentityManagementType"] = "CONNECT_MANAGED",
            ["InstanceAlias"] = "doomed",
            ["InboundCallsEnabled"] = true,
            ["OutboundCallsEnabled"] = true,
        })).EnsureOk().Body["Id"]!.GetValue<string>();
        var (healthy, _) = await f.ActiveInstanceAsync(region: "us-west-2");

        var instance = (await f.Wire.Connect(HttpMethod.Get, $"instance/{failed}")).EnsureOk().Body["Instance"]!;

        Assert.Equal("CREATION_FAILED", instance["InstanceStatus"]!.GetValue<string>());
        Assert.Equal("capacity", instance["StatusReason"]!["Message"]!.GetValue<string>());
        Assert.Equal("ACTIVE", f.Control.GetInstance("us-west-2", healthy)!["InstanceStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Client_token_makes_CreateInstance_idempotent_and_the_quota_is_two_per_region()
    {
        await using var f = await EmulatorFixture.StartAsync();
        JsonObject Body(string alias, string token) => new()
        {
            ["ClientToken"] = token,
            ["IdentityManagementType"] = "CONNECT_MANAGED",
            ["InstanceAlias"] = alias,
            ["InboundCallsEnabled"] = true,
            ["OutboundCallsEnabled"] = true,
        };

        var first = (await f.Wire.Connect(HttpMethod.Put, "instance", Body("one", "t1"))).EnsureOk().Body["Id"]!.GetValue<string>();
        var retry = (await f.Wire.Connect(HttpMethod.Put, "instance", Body("one", "t1"))).EnsureOk().Body["Id"]!.GetValue<string>();
        Assert.Equal(first, retry);
        (await f.Wire.Connect(HttpMethod.Put, "instance", Body("two", "t2"))).EnsureOk();
        (await f.Wire.Connect(HttpMethod.Put, "instance", Body("three", "t3"))).EnsureError("ServiceQuotaExceededException", HttpStatusCode.PaymentRequired);
        (await f.Wire.Connect(HttpMethod.Put, "instance", Body("three", "t3"), "us-west-2")).EnsureOk();
    }

    [Fact]
    public async Task Names_are_unique_per_instance()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var (a, _) = await f.ActiveInstanceAsync();
        var (b, _) = await f.ActiveInstanceAsync();
        var hoursA = await f.HoursAsync(a);
        var hoursB = await f.HoursAsync(b);
        var queueId = await f.QueueAsync(a, hoursA, "Support");

        (await f.Wire.Connect(HttpMethod.Put, $"queues/{a}", new JsonObject { ["Name"] = "Support", ["HoursOfOperationId"] = hoursA }))
            .EnsureError("DuplicateResourceException", HttpStatusCode.Conflict);
        await f.QueueAsync(b, hoursB, "Support");
        (await f.Wire.Connect(HttpMethod.Post, $"queues/{a}/{queueId}/name", new JsonObject { ["Name"] = "BasicQueue" }))
            .EnsureError("DuplicateResourceException", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Routing_profile_queue_batches_are_limited_to_ten()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var (id, _) = await f.ActiveInstanceAsync();
        var hours = await f.HoursAsync(id);
        var queues = new List<string>();
        for (var i = 0; i < 11; i++)
        {
            queues.Add(await f.QueueAsync(id, hours, $"q{i}"));
        }

        var profile = (await f.Wire.Connect(HttpMethod.Put, $"routing-profiles/{id}", new JsonObject
        {
            ["Name"] = "RP",
            ["Description"] = "d",
            ["DefaultOutboundQueueId"] = queues[0],
            ["MediaConcurrencies"] = new JsonArray(new JsonObject { ["Channel"] = "VOICE", ["Concurrency"] = 1 }),
        })).EnsureOk().Body["RoutingProfileId"]!.GetValue<string>();
        JsonObject Configs(IEnumerable<string> ids) => new()
        {
            ["QueueConfigs"] = new JsonArray([.. ids.Select(q => (JsonNode)new JsonObject
            {
                ["QueueReference"] = new JsonObject { ["QueueId"] = q, ["Channel"] = "VOICE" },
                ["Priority"] = 1,
                ["Delay"] = 0,
            })]),
        };

        var tooMany = await f.Wire.Connect(HttpMethod.Post, $"routing-profiles/{id}/{profile}/associate-queues", Configs(queues));
        tooMany.EnsureError("InvalidParameterException", HttpStatusCode.BadRequest);
        Assert.Contains("10", tooMany.Message, StringComparison.Ordinal);
        (await f.Wire.Connect(HttpMethod.Post, $"routing-profiles/{id}/{profile}/associate-queues", Configs(queues.Take(10)))).EnsureOk();
        (await f.Wire.Connect(HttpMethod.Post, $"routing-profiles/{id}/{profile}/associate-queues", Configs(queues.Skip(10)))).EnsureOk();

        var described = f.Control.GetRoutingProfile("us-east-1", id, profile)!;
        Assert.Equal(11, described["NumberOfAssociatedQueues"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(30, 70, true)]
    [InlineData(100, 0, true)]
    [InlineData(25, 75, false)]
    [InlineData(50, 40, false)]
    [InlineData(110, -10, false)]
    public async Task Traffic_distribution_needs_ten_percent_steps_summing_to_100(int primary, int replica, bool accepted)
    {
        await using var f = await EmulatorFixture.StartAsync();
        var (tdg, _) = await ActiveTrafficDistributionGroupAsync(f);

        var answer = await f.Wire.Connect(HttpMethod.Put, $"traffic-distribution/{tdg}", Telephony(primary, replica));

        if (accepted)
        {
            answer.EnsureOk();
            var got = (await f.Wire.Connect(HttpMethod.Get, $"traffic-distribution/{tdg}")).EnsureOk().Body;
            Assert.Equal(primary, got["TelephonyConfig"]!["Distributions"]![0]!["Percentage"]!.GetValue<int>());
        }
        else
        {
            answer.EnsureError("InvalidRequestException", HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Traffic_distribution_group_must_be_active_and_name_both_regions()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var (instanceId, _) = await f.ActiveInstanceAsync();
        (await f.Wire.Connect(HttpMethod.Post, $"instance/{instanceId}/replicate", new JsonObject { ["ReplicaRegion"] = "us-west-2", ["ReplicaAlias"] = "replica1" })).EnsureOk();
        var tdg = (await f.Wire.Connect(HttpMethod.Put, "traffic-distribution-group", new JsonObject { ["Name"] = "g", ["InstanceId"] = instanceId })).EnsureOk().Body;
        var id = tdg["Id"]!.GetValue<string>();

        (await f.Wire.Connect(HttpMethod.Put, $"traffic-distribution/{id}", Telephony(50, 50))).EnsureError("InvalidRequestException", HttpStatusCode.BadRequest);
        f.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("ACTIVE", (await f.Wire.Connect(HttpMethod.Get, $"traffic-distribution-group/{id}")).EnsureOk().Body["TrafficDistributionGroup"]!["Status"]!.GetValue<string>());
        var oneRegion = new JsonObject { ["TelephonyConfig"] = new JsonObject { ["Distributions"] = new JsonArray(new JsonObject { ["Region"] = "us-east-1", ["Percentage"] = 100 }) } };
        (await f.Wire.Connect(HttpMethod.Put, $"traffic-distribution/{id}", oneRegion)).EnsureError("InvalidRequestException", HttpStatusCode.BadRequest);
        (await f.Wire.Connect(HttpMethod.Put, $"traffic-distribution/{id}", Telephony(50, 50))).EnsureOk();
        // From the replica Region the group is reachable only by ARN.
        (await f.Wire.Connect(HttpMethod.Get, $"traffic-distribution/{id}", region: "us-west-2")).EnsureError("ResourceNotFoundException", HttpStatusCode.NotFound);
        (await f.Wire.Connect(HttpMethod.Get, $"traffic-distribution/{Uri.EscapeDataString(tdg["Arn"]!.GetValue<string>())}", region: "us-west-2")).EnsureOk();
    }

    [Fact]
    public async Task Replica_shares_configuration_and_records_where_it_changed()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var (primary, _) = await f.ActiveInstanceAsync();
        var hours = await f.HoursAsync(primary);
        var queue = await f.QueueAsync(primary, hours, "Shared");
        var replica = (await f.Wire.Connect(HttpMethod.Post, $"instance/{primary}/replicate", new JsonObject { ["ReplicaRegion"] = "us-west-2", ["ReplicaAlias"] = "replica2" }))
            .EnsureOk().Body["Id"]!.GetValue<string>();
        f.Time.Advance(TimeSpan.FromSeconds(60));

        (await f.Wire.Connect(HttpMethod.Post, $"queues/{replica}/{queue}/max-contacts", new JsonObject { ["MaxContacts"] = 9 }, "us-west-2")).EnsureOk();

        var seenFromPrimary = f.Control.GetQueue("us-east-1", primary, queue)!;
        Assert.Equal(9, seenFromPrimary["MaxContacts"]!.GetValue<int>());
        Assert.Equal("us-west-2", seenFromPrimary["LastModifiedRegion"]!.GetValue<string>());
        (await f.Wire.Connect(HttpMethod.Post, $"instance/{primary}/replicate", new JsonObject { ["ReplicaRegion"] = "us-west-2", ["ReplicaAlias"] = "replica3" }))
            .EnsureError("ResourceConflictException", HttpStatusCode.Conflict);
        var dump = f.Control.DumpState()["connect"]!;
        Assert.Equal(queue, dump["us-west-2"]![0]!["queues"]!["Shared"]!.GetValue<string>());
        Assert.Equal("us-east-1", dump["us-west-2"]![0]!["sourceRegion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metrics_follow_a_scripted_load_on_the_clock()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var (id, _) = await f.ActiveInstanceAsync();
        var queue = await f.QueueAsync(id, await f.HoursAsync(id), "Busy");
        var since = f.Time.GetUtcNow();
        f.Control.SetQueueLoad("us-east-1", id, queue, now => new QueueLoad { ContactsInQueue = 3, OldestContactAge = now - since, AgentsOnline = 4 });
        var request = new JsonObject
        {
            ["Filters"] = new JsonObject { ["Queues"] = new JsonArray(queue) },
            ["Groupings"] = new JsonArray("QUEUE"),
            ["CurrentMetrics"] = new JsonArray(new JsonObject { ["Name"] = "OLDEST_CONTACT_AGE", ["Unit"] = "SECONDS" }, new JsonObject { ["Name"] = "CONTACTS_IN_QUEUE", ["Unit"] = "COUNT" }),
        };

        f.Time.Advance(TimeSpan.FromSeconds(90));
        var collections = (await f.Wire.Connect(HttpMethod.Post, $"metrics/current/{id}", request)).EnsureOk().Body["MetricResults"]![0]!["Collections"]!.AsArray();

        Assert.Equal(90, collections[0]!["Value"]!.GetValue<double>());
        Assert.Equal(3, collections[1]!["Value"]!.GetValue<double>());
    }

    [Fact]
    public async Task Current_metrics_group_by_routing_profile_and_channel()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var (id, _) = await f.ActiveInstanceAsync();
        var hours = await f.HoursAsync(id);
        var sales = await f.QueueAsync(id, hours, "Sales");
        var support = await f.QueueAsync(id, hours, "Support");
        f.Control.SetQueueLoad("us-east-1", id, sales, new QueueLoad { ContactsInQueue = 2 });
        f.Control.SetQueueLoad("us-east-1", id, support, new QueueLoad { ContactsInQueue = 5 });
        var profile = (await f.Wire.Connect(HttpMethod.Put, $"routing-profiles/{id}", new JsonObject
        {
            ["Name"] = "Both",
            ["Description"] = "d",
            ["DefaultOutboundQueueId"] = sales,
            ["MediaConcurrencies"] = new JsonArray(new JsonObject { ["Channel"] = "VOICE", ["Concurrency"] = 1 }),
            ["QueueConfigs"] = new JsonArray(
                new JsonObject { ["QueueReference"] = new JsonObject { ["QueueId"] = sales, ["Channel"] = "VOICE" }, ["Priority"] = 1, ["Delay"] = 0 },
                new JsonObject { ["QueueReference"] = new JsonObject { ["QueueId"] = support, ["Channel"] = "VOICE" }, ["Priority"] = 1, ["Delay"] = 0 }),
        })).EnsureOk().Body["RoutingProfileId"]!.GetValue<string>();

        var results = (await f.Wire.Connect(HttpMethod.Post, $"metrics/current/{id}", new JsonObject
        {
            ["Filters"] = new JsonObject { ["RoutingProfiles"] = new JsonArray(profile), ["Channels"] = new JsonArray("VOICE", "CHAT") },
            ["Groupings"] = new JsonArray("ROUTING_PROFILE", "CHANNEL"),
            ["CurrentMetrics"] = new JsonArray(new JsonObject { ["Name"] = "CONTACTS_IN_QUEUE", ["Unit"] = "COUNT" }),
        })).EnsureOk().Body["MetricResults"]!.AsArray();

        var byChannel = results.ToDictionary(r => r!["Dimensions"]!["Channel"]!.GetValue<string>(), r => r!["Collections"]![0]!["Value"]!.GetValue<double>());
        Assert.Equal(7, byChannel["VOICE"]);
        Assert.Equal(0, byChannel["CHAT"]);
        Assert.All(results, r => Assert.Equal(profile, r!["Dimensions"]!["RoutingProfile"]!["Id"]!.GetValue<string>()));
    }

    private static JsonObject Telephony(int primary, int replica) => new()
    {
        ["TelephonyConfig"] = new JsonObject
        {
            ["Distributions"] = new JsonArray(
                new JsonObject { ["Region"] = "us-east-1", ["Percentage"] = primary },
                new JsonObject { ["Region"] = "us-west-2", ["Percentage"] = replica }),
        },
    };

    private static async Task<(string Id, string Arn)> ActiveTrafficDistributionGroupAsync(EmulatorFixture f)
    {
        var (instanceId, _) = await f.ActiveInstanceAsync();
        (await f.Wire.Connect(HttpMethod.Post, $"instance/{instanceId}/replicate", new JsonObject { ["ReplicaRegion"] = "us-west-2", ["ReplicaAlias"] = $"r{Guid.NewGuid():N}"[..20] })).EnsureOk();
        var tdg = (await f.Wire.Connect(HttpMethod.Put, "traffic-distribution-group", new JsonObject { ["Name"] = "g", ["InstanceId"] = instanceId })).EnsureOk().Body;
        f.Time.Advance(TimeSpan.FromSeconds(30));
        return (tdg["Id"]!.GetValue<string>(), tdg["Arn"]!.GetValue<string>());
    }
}
