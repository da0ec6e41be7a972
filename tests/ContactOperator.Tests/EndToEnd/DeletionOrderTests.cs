using System.Text.Json.Nodes;
using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Controllers;
using ContactOperator.Reconciliation;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Tests.EndToEnd;

/// <summary>Every deletionPolicy is honoured whatever the order the objects go in.</summary>
public class DeletionOrderTests
{
    [Fact]
    public async Task A_queue_whose_instance_object_is_already_gone_is_still_deleted_in_aws()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        await h.ApplyQueueWithItsInstanceAsync("acme-order");
        var queue = await h.WaitForReadyAsync(Descriptors.Queue, "billing");
        var instance = await h.WaitForReadyAsync(Descriptors.ContactInstance, "support");

        // Someone removes the instance's finalizer by hand: the instance object is gone before the queue's.
        var instances = h.Resources(Descriptors.ContactInstance);
        var key = new ObjectKey(ContactCenterHarness.Namespace, "support");
        await instances.DeleteAsync(key);
        await instances.PatchAsync(key, JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!);
        await h.WaitGoneAsync(Descriptors.ContactInstance, "support");

        await h.Resources(Descriptors.Queue).DeleteAsync(new ObjectKey(ContactCenterHarness.Namespace, "billing"));
        await h.WaitGoneAsync(Descriptors.Queue, "billing");
        Assert.Equal(1, h.Aws.Control.RequestLog.Count(e => e.Operation == "DeleteQueue" && e.StatusCode == 200));
        Assert.Null(h.Aws.Control.GetQueue("us-east-1", instance.Status!.Id!, queue.Status!.Id!));
        Assert.NotNull(h.Aws.Control.GetInstance("us-east-1", instance.Status.Id!));
    }

    [Fact]
    public async Task A_delete_aws_refuses_because_the_queue_is_in_use_says_who_uses_it_and_goes_once_they_let_go()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        await h.ApplyQueueWithItsInstanceAsync("acme-in-use");
        await h.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: Queue
            metadata: {name: spare}
            spec: {instanceRef: {name: support}, hoursOfOperationRef: {name: office-hours}}
            ---
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: RoutingProfile
            metadata: {name: agents}
            spec:
              instanceRef: {name: support}
              description: Agents
              defaultOutboundQueueRef: {name: billing}
              mediaConcurrencies: [{channel: VOICE, concurrency: 1}]
              queueConfigs: [{queueRef: {name: billing}, channel: VOICE, priority: 1, delay: 0}]
            """);
        await h.WaitForReadyAsync(Descriptors.RoutingProfile, "agents");
        await h.WaitForReadyAsync(Descriptors.Queue, "spare");

        await h.Resources(Descriptors.Queue).DeleteAsync(new ObjectKey(ContactCenterHarness.Namespace, "billing"));
        var blocked = await h.WaitForAsync(Descriptors.Queue, "billing",
            q => Conditions.Find(q.Status?.Conditions, ConditionTypes.Ready)?.Reason == ConditionReasons.DeletionBlocked);
        var condition = Conditions.Find(blocked.Status!.Conditions, ConditionTypes.Ready)!;
        Assert.Contains("ResourceInUseException", condition.Message, StringComparison.Ordinal);
        Assert.Contains("still used by RoutingProfile agents", condition.Message, StringComparison.Ordinal);
        Assert.Equal(("False", ConditionReasons.DeletionBlocked), (Conditions.Find(blocked.Status.Conditions, ConditionTypes.Synced)!.Status, Conditions.Find(blocked.Status.Conditions, ConditionTypes.Synced)!.Reason));
        await h.WaitForEventAsync("billing", e => e.Reason == ConditionReasons.DeletionBlocked && e.Type == "Warning");

        // The profile lets go of the queue: the delete goes through at the next look, not after a long backoff.
        await h.Resources(Descriptors.RoutingProfile).PatchAsync(new ObjectKey(ContactCenterHarness.Namespace, "agents"), JsonNode.Parse("""
            {"spec": {"defaultOutboundQueueRef": {"name": "spare"}, "queueConfigs": [{"queueRef": {"name": "spare"}, "channel": "VOICE", "priority": 1, "delay": 0}]}}
            """)!);
        await h.WaitGoneAsync(Descriptors.Queue, "billing");
        Assert.Equal(1, h.Aws.Control.RequestLog.Count(e => e.Operation == "DeleteQueue" && e.StatusCode == 200));
    }
}
