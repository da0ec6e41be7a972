using System.Text.Json.Nodes;
using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.AwsResources;
using ContactOperator.Controllers;
using ContactOperator.Emulators.Aws;
using ContactOperator.Emulators.Aws.Faults;
using ContactOperator.Reconciliation;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using k8s;

namespace ContactOperator.Tests.EndToEnd;

public class ContactCenterBehaviourTests
{
    private const string Region = "us-east-1";

    private static async Task<(string InstanceId, string BillingId)> ConvergeAsync(ContactCenterHarness h)
    {
        await h.ApplyFileAsync("samples", "contact-center.yaml");
        var instance = await h.WaitForReadyAsync(Descriptors.ContactInstance, "support");
        foreach (var queue in new[] { "billing", "technical", "callbacks" })
        {
            await h.WaitForReadyAsync(Descriptors.Queue, queue);
        }
        await h.WaitForReadyAsync(Descriptors.RoutingProfile, "generalists");
        await h.WaitForReadyAsync(Descriptors.RoutingProfile, "billing-agents");
        // The sample's FailoverPlan sets up Global Resiliency (traffic distribution group, replica) on its own schedule:
        // wait for it too, so the AWS calls a test counts afterwards are only the ones it caused.
        await h.WaitForReadyAsync(Descriptors.FailoverPlan, "support-dr");
        var billing = await h.WaitForReadyAsync(Descriptors.Queue, "billing");
        return (instance.Status!.Id!, billing.Status!.Id!);
    }

    [Fact]
    public async Task Editing_one_priority_in_a_routing_profile_is_exactly_one_update_call()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        var (_, billingId) = await ConvergeAsync(h);
        var before = await h.WaitForReadyAsync(Descriptors.RoutingProfile, "generalists");
        h.Aws.Control.ClearRequestLog();

        await h.Resources(Descriptors.RoutingProfile).PatchAsync(new ObjectKey(ContactCenterHarness.Namespace, "generalists"), JsonNode.Parse("""
            {"spec": {"queueConfigs": [
              {"queueRef": {"name": "technical"}, "channel": "VOICE", "priority": 1, "delay": 0},
              {"queueRef": {"name": "technical"}, "channel": "CHAT", "priority": 1, "delay": 0},
              {"queueRef": {"name": "billing"}, "channel": "VOICE", "priority": 5, "delay": 30},
              {"queueRef": {"name": "callbacks"}, "channel": "TASK", "priority": 3, "delay": 0}
            ]}}
            """)!);
        var after = await h.WaitForAsync(Descriptors.RoutingProfile, "generalists",
            r => r.Status?.ObservedGeneration == r.Metadata.Generation && r.Metadata.Generation > before.Metadata.Generation
                && Conditions.IsTrue(r.Status?.Conditions, ConditionTypes.Ready));

        Assert.Equal(["UpdateRoutingProfileQueues"], h.ConnectWrites());
        var stored = h.Aws.Control.RequestLog.Single(e => e.Operation == "UpdateRoutingProfileQueues");
        Assert.Equal(200, stored.StatusCode);
        await h.WaitForEventAsync("generalists", e => e.Note == $"UpdateRoutingProfileQueues: changed Queue billing ({billingId})/VOICE to priority 5, delay 30");
        Assert.Equal(after.Metadata.Generation, after.Status!.ObservedGeneration);
    }

    [Fact]
    public async Task Editing_a_queue_does_not_make_the_routing_profiles_that_use_it_read_aws_again()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        await ConvergeAsync(h);
        h.Aws.Control.ClearRequestLog();

        // billing's status is rewritten (new generation, new message) but its id and readiness stay: the two profiles
        // that use it have nothing new to read.
        await h.Resources(Descriptors.Queue).PatchAsync(new ObjectKey(ContactCenterHarness.Namespace, "billing"), JsonNode.Parse("""{"spec": {"maxContacts": 80}}""")!);
        await h.WaitForAsync(Descriptors.Queue, "billing", q => q.Status?.ObservedGeneration == q.Metadata.Generation && q.Metadata.Generation > 1);
        await h.Resources(Descriptors.RoutingProfile).PatchAsync(new ObjectKey(ContactCenterHarness.Namespace, "generalists"), JsonNode.Parse("""{"spec": {"description": "Everyone else"}}""")!);
        await h.WaitForAsync(Descriptors.RoutingProfile, "generalists", r => r.Status?.ObservedGeneration == r.Metadata.Generation && r.Metadata.Generation > 1);

        Assert.Equal(["UpdateQueueMaxContacts", "UpdateRoutingProfileName"], h.ConnectWrites());
        Assert.Equal(1, h.Aws.Control.CountOf("DescribeRoutingProfile"));
    }

    [Fact]
    public async Task A_change_made_directly_in_aws_is_reverted_at_the_next_resync()
    {
        await using var h = await ContactCenterHarness.StartAsync(new SyncOptions { WaitPoll = TimeSpan.FromMilliseconds(200), ResyncPeriod = TimeSpan.FromSeconds(1) });
        var (instanceId, billingId) = await ConvergeAsync(h);

        h.Aws.Control.InvokeOutOfBand("connect", Region, "UpdateQueueMaxContacts",
            new JsonObject { ["InstanceId"] = instanceId, ["QueueId"] = billingId, ["MaxContacts"] = 7 });
        Assert.Equal(7, (int?)h.Aws.Control.GetQueue(Region, instanceId, billingId)!["MaxContacts"]);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((int?)h.Aws.Control.GetQueue(Region, instanceId, billingId)!["MaxContacts"] != 50 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(50, (int?)h.Aws.Control.GetQueue(Region, instanceId, billingId)!["MaxContacts"]);
        await h.WaitForEventAsync("billing", e => e.Note == "UpdateQueueMaxContacts: changed max contacts 7 → 50");
    }

    [Fact]
    public async Task In_steady_state_a_resync_of_the_whole_sample_only_reads()
    {
        await using var h = await ContactCenterHarness.StartAsync(new SyncOptions { WaitPoll = TimeSpan.FromMilliseconds(200), ResyncPeriod = TimeSpan.FromSeconds(1) });
        var (instanceId, billingId) = await ConvergeAsync(h);
        await h.WaitForReadyAsync(Descriptors.HoursOfOperation, "office-hours");
        await h.WaitForReadyAsync(Descriptors.FailoverPlan, "support-dr");
        h.Aws.Control.ClearRequestLog();

        // Wait until every object has been observed again at least twice (each resync describes it).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (h.Aws.Control.CountOf("DescribeQueue") < 6 || h.Aws.Control.CountOf("DescribeRoutingProfile") < 4
            || h.Aws.Control.CountOf("DescribeInstance") < 2 || h.Aws.Control.CountOf("DescribeHoursOfOperation") < 2))
        {
            await Task.Delay(100);
        }
        Assert.True(h.Aws.Control.CountOf("DescribeQueue") >= 6, "the queues were not observed again");
        Assert.Empty(h.ConnectWrites());
        _ = (instanceId, billingId);
    }

    [Fact]
    public async Task Deleting_honours_the_deletion_policy()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        var (instanceId, billingId) = await ConvergeAsync(h);
        var hours = await h.WaitForReadyAsync(Descriptors.HoursOfOperation, "office-hours");
        var callbacks = await h.WaitForReadyAsync(Descriptors.Queue, "callbacks");

        // Queues default to Delete: the AWS queue goes with the object.
        await h.Resources(Descriptors.RoutingProfile).DeleteAsync(new ObjectKey(ContactCenterHarness.Namespace, "generalists"));
        await h.Resources(Descriptors.Queue).DeleteAsync(new ObjectKey(ContactCenterHarness.Namespace, "callbacks"));
        await h.WaitGoneAsync(Descriptors.Queue, "callbacks");
        Assert.Null(h.Aws.Control.GetQueue(Region, instanceId, callbacks.Status!.Id!));

        // An instance being deleted waits for the objects in it, which go by their own policies; then its own applies.
        await h.Resources(Descriptors.ContactInstance).DeleteAsync(new ObjectKey(ContactCenterHarness.Namespace, "support"));
        var waiting = await h.WaitForAsync(Descriptors.ContactInstance, "support",
            i => Conditions.Find(i.Status?.Conditions, ConditionTypes.Ready)?.Reason == ConditionReasons.DeletionWaiting);
        Assert.Contains("Queue billing", Conditions.Find(waiting.Status!.Conditions, ConditionTypes.Ready)!.Message, StringComparison.Ordinal);
        await h.WaitForEventAsync("support", e => e.Reason == ConditionReasons.DeletionWaiting);
        Assert.NotNull(h.Aws.Control.GetQueue(Region, instanceId, billingId));
        foreach (var wave in new[] { new[] { ("failoverplans", "support-dr"), ("alertpolicies", "support-alerts"), ("routingprofiles", "billing-agents") },
            [("queues", "billing"), ("queues", "technical")], [("hoursofoperations", "office-hours")] })
        {
            foreach (var (plural, name) in wave)
            {
                var deleted = await h.KubectlAsync("kubectl-1.35", ["delete", plural, name, "--ignore-not-found", "--timeout=60s"]);
                Assert.True(deleted.ExitCode == 0, deleted.Output);
            }
        }
        await h.WaitGoneAsync(Descriptors.ContactInstance, "support");
        // Instances default to Retain: the AWS instance stays; what was in it went by its own policy (Delete).
        Assert.NotNull(h.Aws.Control.GetInstance(Region, instanceId));
        Assert.Null(h.Aws.Control.GetQueue(Region, instanceId, billingId));
        Assert.Null(h.Aws.Control.GetHoursOfOperation(Region, instanceId, hours.Status!.Id!));
    }

    [Fact]
    public async Task Deletion_policy_retain_on_a_queue_leaves_it_in_aws()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        var (instanceId, _) = await ConvergeAsync(h);
        await h.Resources(Descriptors.Queue).PatchAsync(new ObjectKey(ContactCenterHarness.Namespace, "callbacks"), JsonNode.Parse("""{"spec":{"deletionPolicy":"Retain"}}""")!);
        var callbacks = await h.WaitForAsync(Descriptors.Queue, "callbacks", q => q.Status?.ObservedGeneration == q.Metadata.Generation && q.Spec.DeletionPolicy == "Retain");
        await h.Resources(Descriptors.Queue).DeleteAsync(new ObjectKey(ContactCenterHarness.Namespace, "callbacks"));
        await h.WaitGoneAsync(Descriptors.Queue, "callbacks");
        Assert.NotNull(h.Aws.Control.GetQueue(Region, instanceId, callbacks.Status!.Id!));
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_creating_makes_no_duplicates()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        await h.ApplyFileAsync("samples", "contact-center.yaml");
        // Stop the operator as soon as the first queue create has been sent, before everything is recorded in status.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (h.Aws.Control.CountOf("CreateQueue") == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        await h.StopOperatorAsync();
        await h.StartOperatorAsync();
        var (instanceId, _) = await ConvergeAsync(h);

        var listed = h.Aws.Control.InvokeOutOfBand("connect", Region, "ListQueues", new JsonObject { ["InstanceId"] = instanceId, ["QueueTypes"] = new JsonArray("STANDARD") });
        var queueNames = listed["QueueSummaryList"]!.AsArray().Select(q => (string)q!["Name"]!).ToList();
        Assert.Equal(queueNames.Distinct().Count(), queueNames.Count);
        Assert.Equal(1, h.Aws.Control.CountOf("CreateInstance"));
        Assert.Equal(3, h.Aws.Control.CountOf("CreateQueue"));
    }

    [Fact]
    public async Task A_queue_created_but_never_recorded_is_adopted_not_duplicated()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        var (instanceId, _) = await ConvergeAsync(h);
        // As if a create had succeeded in AWS and the operator crashed before writing the id into status.
        h.Aws.Control.InvokeOutOfBand("connect", Region, "CreateQueue", new JsonObject
        {
            ["InstanceId"] = instanceId,
            ["Name"] = "Escalations",
            ["HoursOfOperationId"] = (await h.WaitForReadyAsync(Descriptors.HoursOfOperation, "office-hours")).Status!.Id,
            ["Tags"] = new JsonObject { [OwnerTag.Key] = "default/escalations" },
        });
        h.Aws.Control.ClearRequestLog();
        await h.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: Queue
            metadata: {name: escalations}
            spec:
              instanceRef: {name: support}
              name: Escalations
              hoursOfOperationRef: {name: office-hours}
            """);
        await h.WaitForReadyAsync(Descriptors.Queue, "escalations");
        Assert.Equal(0, h.Aws.Control.CountOf("CreateQueue"));
        await h.WaitForEventAsync("escalations", e => e.Reason == "Adopted");
    }

    [Fact]
    public async Task A_name_owned_by_another_object_is_a_clear_condition()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        await ConvergeAsync(h);
        await h.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: Queue
            metadata: {name: billing-copy}
            spec:
              instanceRef: {name: support}
              name: Billing
              hoursOfOperationRef: {name: office-hours}
            """);
        var copy = await h.WaitForAsync(Descriptors.Queue, "billing-copy", q => Conditions.Find(q.Status?.Conditions, ConditionTypes.Ready)?.Reason == ConditionReasons.NameConflict);
        Assert.Contains("belongs to default/billing", Conditions.Find(copy.Status!.Conditions, ConditionTypes.Ready)!.Message);
    }

    [Fact]
    public async Task An_input_aws_refuses_shows_as_a_condition_and_is_not_retried()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        await ConvergeAsync(h);
        h.Aws.Control.InjectFault(new FaultRule
        {
            Service = "connect",
            Operation = "CreateQueue",
            ErrorCode = "InvalidParameterException",
            Message = "OutboundCallerIdNumberId is not a phone number claimed by this instance.",
        });
        await h.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: Queue
            metadata: {name: outbound}
            spec:
              instanceRef: {name: support}
              hoursOfOperationRef: {name: office-hours}
              outboundCallerConfig: {callerIdName: Acme, callerIdNumberId: not-claimed}
            """);
        var queue = await h.WaitForAsync(Descriptors.Queue, "outbound", q => Conditions.Find(q.Status?.Conditions, ConditionTypes.Ready)?.Reason == ConditionReasons.AwsInvalidRequest);
        var ready = Conditions.Find(queue.Status!.Conditions, ConditionTypes.Ready)!;
        Assert.Equal("False", ready.Status);
        Assert.Contains("OutboundCallerIdNumberId is not a phone number claimed by this instance.", ready.Message);
        Assert.Equal("False", Conditions.Find(queue.Status.Conditions, ConditionTypes.Synced)!.Status);

        // Terminal: the next attempt waits for a new generation, so the count stays at one while other work goes on.
        await h.Resources(Descriptors.Queue).PatchAsync(new ObjectKey(ContactCenterHarness.Namespace, "billing"), JsonNode.Parse("""{"spec":{"maxContacts":60}}""")!);
        await h.WaitForAsync(Descriptors.Queue, "billing", q => q.Status?.ObservedGeneration == q.Metadata.Generation && Conditions.IsTrue(q.Status?.Conditions, ConditionTypes.Ready, q.Metadata.Generation));
        Assert.Equal(1, h.Aws.Control.CountOf("CreateQueue", "InvalidParameterException"));
    }
}
