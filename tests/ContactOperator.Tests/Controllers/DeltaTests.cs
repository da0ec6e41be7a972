using ContactOperator.AwsResources;
using ContactOperator.AwsResources.Connect;
using ContactOperator.Kinds.ContactInstances;
using ContactOperator.Kinds.HoursOfOperations;
using ContactOperator.Kinds.Queues;
using ContactOperator.Kinds.RoutingProfiles;

namespace ContactOperator.Tests.Controllers;

public class QueueDeltaTests
{
    private static readonly Dictionary<string, string> Tags = new() { [OwnerTag.Key] = "ns/billing", ["team"] = "billing" };

    private static DesiredQueue Desired() => new("Billing", "Invoices", "hoo-1", 50, null, "ENABLED", Tags);

    private static ObservedQueue Observed() => new("q-1", "arn:q-1", "Billing", "Invoices", "hoo-1", 50, null, "ENABLED", Tags);

    [Fact]
    public void In_sync_needs_no_write() => Assert.Empty(QueueDelta.Compute(Desired(), Observed()));

    [Fact]
    public void Each_field_maps_to_its_narrowest_operation()
    {
        var writes = QueueDelta.Compute(
            Desired() with { Name = "Billing EU", MaxContacts = 80, Status = "DISABLED", HoursOfOperationId = "hoo-2" },
            Observed());
        Assert.Equal(["UpdateQueueName", "UpdateQueueHoursOfOperation", "UpdateQueueMaxContacts", "UpdateQueueStatus"], writes.Select(w => w.Operation));
        Assert.Equal("changed max contacts 50 → 80", writes[2].Summary);
    }

    [Fact]
    public void Unset_description_is_not_managed_but_a_set_one_is()
    {
        Assert.Empty(QueueDelta.Compute(Desired() with { Description = null }, Observed() with { Description = "set in console" }));
        var write = Assert.IsType<UpdateQueueNameWrite>(Assert.Single(QueueDelta.Compute(Desired(), Observed() with { Description = "set in console" })));
        Assert.Equal("Invoices", write.Description);
    }

    [Fact]
    public void Removing_max_contacts_clears_the_limit()
    {
        var write = Assert.IsType<UpdateQueueMaxContactsWrite>(Assert.Single(QueueDelta.Compute(Desired() with { MaxContacts = null }, Observed())));
        Assert.Null(write.MaxContacts);
        Assert.Equal("changed max contacts 50 → unlimited", write.Summary);
    }

    [Fact]
    public void Tags_added_in_the_console_are_removed_but_aws_tags_are_left_alone()
    {
        var observed = Observed() with { Tags = new Dictionary<string, string>(Tags) { ["cost-center"] = "42", ["aws:cloudformation:stack-name"] = "x", ["team"] = "other" } };
        var writes = QueueDelta.Compute(Desired(), observed);
        Assert.Equal(["TagResource", "UntagResource"], writes.Select(w => w.Operation));
        Assert.Equal(new Dictionary<string, string> { ["team"] = "billing" }, ((TagResourceWrite<InstancePlacement, ObservedQueue>)writes[0]).Tags);
        Assert.Equal(["cost-center"], ((UntagResourceWrite<InstancePlacement, ObservedQueue>)writes[1]).Keys);
    }
}

public class HoursDeltaTests
{
    private static readonly Dictionary<string, string> Tags = new() { [OwnerTag.Key] = "ns/hours" };
    private static readonly HoursSlot Monday = new("MONDAY", 8, 0, 18, 0);
    private static readonly HoursSlot Tuesday = new("TUESDAY", 8, 0, 18, 0);

    [Fact]
    public void Schedule_order_does_not_matter()
    {
        var desired = new DesiredHours("Office", null, "America/New_York", [Monday, Tuesday], Tags);
        var observed = new ObservedHours("h-1", "arn", "Office", "d", "America/New_York", [Tuesday, Monday], Tags);
        Assert.Empty(HoursDelta.Compute(desired, observed));
    }

    [Fact]
    public void A_changed_slot_and_time_zone_are_one_update_that_says_what_changed()
    {
        var desired = new DesiredHours("Office", null, "Europe/Paris", [Monday with { EndHours = 17 }, Tuesday], Tags);
        var observed = new ObservedHours("h-1", "arn", "Office", null, "America/New_York", [Monday, Tuesday], Tags);
        var write = Assert.IsType<UpdateHoursWrite>(Assert.Single(HoursDelta.Compute(desired, observed)));
        Assert.Contains("time zone America/New_York → Europe/Paris", write.Summary);
        Assert.Contains("MONDAY 08:00-17:00", write.Summary);
    }
}

public class RoutingProfileDeltaTests
{
    private static readonly Dictionary<string, string> Tags = new() { [OwnerTag.Key] = "ns/rp" };
    private static readonly ChannelConcurrency[] Concurrency = [new("VOICE", 1, "ROUTE_CURRENT_CHANNEL_ONLY"), new("CHAT", 3, "ROUTE_CURRENT_CHANNEL_ONLY")];

    private static DesiredRoutingProfile Desired(params QueueConfig[] configs) =>
        new("Agents", "Desc", "q-1", Concurrency, configs, null, Tags);

    private static ObservedRoutingProfile Observed(params QueueConfig[] configs) =>
        new("rp-1", "arn", "Agents", "Desc", "q-1", Concurrency, configs, "TIME_SINCE_LAST_ACTIVITY", Tags);

    [Fact]
    public void In_sync_needs_no_write()
    {
        Assert.Empty(RoutingProfileDelta.Compute(Desired(new QueueConfig("q-1", "VOICE", 1, 0)), Observed(new QueueConfig("q-1", "VOICE", 1, 0))));
    }

    [Fact]
    public void Changing_one_priority_is_exactly_one_update_of_that_queue()
    {
        var writes = RoutingProfileDelta.Compute(
            Desired(new QueueConfig("q-1", "VOICE", 2, 0), new QueueConfig("q-2", "CHAT", 1, 5)),
            Observed(new QueueConfig("q-1", "VOICE", 1, 0), new QueueConfig("q-2", "CHAT", 1, 5)));
        var update = Assert.IsType<UpdateQueuesWrite>(Assert.Single(writes));
        Assert.Equal([new QueueConfig("q-1", "VOICE", 2, 0)], update.Configs);
    }

    [Fact]
    public void Events_name_the_kubernetes_objects_that_own_the_ids()
    {
        var write = Assert.Single(RoutingProfileDelta.QueueWrites([new QueueConfig("q-1", "VOICE", 5, 30)], [new QueueConfig("q-1", "VOICE", 1, 0)]));
        var labels = new IdLabels(id => id == "q-1" ? "Queue billing (q-1)" : null);
        Assert.Equal("changed Queue billing (q-1)/VOICE to priority 5, delay 30", write.Summarize(labels));
        Assert.Equal("changed q-1/VOICE to priority 5, delay 30", write.Summary);
    }

    [Fact]
    public void Queue_configs_are_removed_added_and_updated_in_batches_of_ten()
    {
        var observed = Enumerable.Range(0, 12).Select(i => new QueueConfig($"old-{i:00}", "VOICE", 1, 0)).ToArray();
        var desired = Enumerable.Range(0, 25).Select(i => new QueueConfig($"new-{i:00}", "VOICE", 1, 0)).ToArray();
        var writes = RoutingProfileDelta.QueueWrites(desired, observed).ToList();
        Assert.Equal(["DisassociateRoutingProfileQueues", "DisassociateRoutingProfileQueues",
            "AssociateRoutingProfileQueues", "AssociateRoutingProfileQueues", "AssociateRoutingProfileQueues"], writes.Select(w => w.Operation));
        Assert.Equal([10, 2], writes.OfType<DisassociateQueuesWrite>().Select(w => w.References.Count));
        Assert.Equal([10, 10, 5], writes.OfType<AssociateQueuesWrite>().Select(w => w.Configs.Count));
    }

    [Fact]
    public void Unmanaged_queue_configs_and_timer_are_left_alone()
    {
        var desired = Desired() with { QueueConfigs = null, AgentAvailabilityTimer = null };
        Assert.Empty(RoutingProfileDelta.Compute(desired, Observed(new QueueConfig("q-9", "VOICE", 1, 0))));
    }

    [Fact]
    public void Channel_with_zero_concurrency_counts_as_absent()
    {
        var observed = Observed() with { MediaConcurrencies = [.. Concurrency, new("TASK", 0, "ROUTE_CURRENT_CHANNEL_ONLY")], QueueConfigs = [] };
        Assert.Empty(RoutingProfileDelta.Compute(Desired(), observed));
        var changed = RoutingProfileDelta.Compute(Desired() with { MediaConcurrencies = [Concurrency[0], Concurrency[1] with { Concurrency = 5 }] }, observed);
        Assert.Equal("set concurrency VOICE=1, CHAT=5", Assert.IsType<UpdateConcurrencyWrite>(Assert.Single(changed)).Summary);
    }
}

public class InstanceDeltaTests
{
    private static readonly Dictionary<string, string> Tags = new() { [OwnerTag.Key] = "ns/i" };
    private static readonly S3Storage Calls = new("bucket", "calls", null);

    private static ObservedInstanceSettings Observed() => new(
        new Dictionary<string, bool> { ["INBOUND_CALLS"] = true, ["OUTBOUND_CALLS"] = true, ["CONTACT_LENS"] = false },
        new Dictionary<string, (string, S3Storage)> { ["CALL_RECORDINGS"] = ("assoc-1", Calls) },
        ["arn:lambda:a"], [], Tags);

    [Fact]
    public void Attributes_storage_lambdas_and_bots_converge_with_precise_writes()
    {
        var desired = new DesiredInstanceSettings(
            new Dictionary<string, bool> { ["INBOUND_CALLS"] = true, ["OUTBOUND_CALLS"] = true, ["CONTACT_LENS"] = true },
            new Dictionary<string, S3Storage> { ["CALL_RECORDINGS"] = Calls with { BucketPrefix = "recordings" }, ["CHAT_TRANSCRIPTS"] = new("bucket", "chats", "kms") },
            ["arn:lambda:b"], ["arn:lex:bot"], Tags);
        var writes = InstanceDelta.Compute(desired, Observed());
        Assert.Equal(["UpdateInstanceAttribute", "UpdateInstanceStorageConfig", "AssociateInstanceStorageConfig",
            "DisassociateLambdaFunction", "AssociateLambdaFunction", "AssociateBot"], writes.Select(w => w.Operation));
        Assert.Equal("set CONTACT_LENS false → true", writes[0].Summary);
        Assert.Equal("assoc-1", ((UpdateStorageWrite)writes[1]).AssociationId);
    }

    [Fact]
    public void Unmanaged_collections_are_left_alone()
    {
        var desired = new DesiredInstanceSettings(new Dictionary<string, bool> { ["INBOUND_CALLS"] = true }, null, null, null, Tags);
        Assert.Empty(InstanceDelta.Compute(desired, Observed()));
    }

    [Fact]
    public void An_empty_list_removes_everything_of_that_kind()
    {
        var desired = new DesiredInstanceSettings(new Dictionary<string, bool>(), new Dictionary<string, S3Storage>(), [], null, Tags);
        Assert.Equal(["DisassociateInstanceStorageConfig", "DisassociateLambdaFunction"], InstanceDelta.Compute(desired, Observed()).Select(w => w.Operation));
    }
}
