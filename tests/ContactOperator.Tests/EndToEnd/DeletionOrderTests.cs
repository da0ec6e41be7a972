using System.Text.Json.Nodes;
using ContactOperator.Api.Kinds;
using ContactOperator.Controllers;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Tests.EndToEnd;

/// <summary>Every deletionPolicy is honoured whatever the order the objects go in.</summary>
public class DeletionOrderTests
{
    [Fact]
    public async Task A_queue_whose_instance_object_is_already_gone_is_still_deleted_in_aws()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        await h.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: ContactInstance
            metadata: {name: support}
            spec: {region: us-east-1, identityManagementType: CONNECT_MANAGED, instanceAlias: acme-order}
            ---
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: HoursOfOperation
            metadata: {name: office-hours}
            spec:
              instanceRef: {name: support}
              timeZone: America/New_York
              config: [{day: MONDAY, startTime: "08:00", endTime: "18:00"}]
            ---
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: Queue
            metadata: {name: billing}
            spec: {instanceRef: {name: support}, hoursOfOperationRef: {name: office-hours}}
            """);
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
}
