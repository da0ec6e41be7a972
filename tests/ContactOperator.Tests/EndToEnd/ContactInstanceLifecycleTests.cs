using System.Text.Json.Nodes;
using ContactOperator.Api.Common;
using ContactOperator.AwsResources;
using ContactOperator.Controllers;
using ContactOperator.Kinds.Contract;
using ContactOperator.Reconciliation;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Tests.EndToEnd;

/// <summary>The ContactInstance life cycle beyond the sample: adopt by id, ObserveOnly, and deletionPolicy Delete.</summary>
public class ContactInstanceLifecycleTests
{
    private const string Region = "us-east-1";

    /// <summary>An instance made outside Kubernetes (console, Terraform), ACTIVE, with Contact Lens off.</summary>
    private static async Task<string> CreateInstanceOutOfBandAsync(ContactCenterHarness h, string alias)
    {
        var id = (string)h.Aws.Control.InvokeOutOfBand("connect", Region, "CreateInstance", new JsonObject
        {
            ["IdentityManagementType"] = "CONNECT_MANAGED",
            ["InstanceAlias"] = alias,
            ["InboundCallsEnabled"] = true,
            ["OutboundCallsEnabled"] = true,
        })["Id"]!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((string?)h.Aws.Control.GetInstance(Region, id)?["InstanceStatus"] != "ACTIVE")
        {
            Assert.True(DateTime.UtcNow < deadline, $"instance {id} did not become ACTIVE");
            await Task.Delay(50);
        }
        h.Aws.Control.InvokeOutOfBand("connect", Region, "UpdateInstanceAttribute",
            new JsonObject { ["InstanceId"] = id, ["AttributeType"] = "CONTACT_LENS", ["Value"] = "false" });
        return id;
    }

    private static string? Attribute(ContactCenterHarness h, string instanceId, string type) =>
        (string?)h.Aws.Control.InvokeOutOfBand("connect", Region, "DescribeInstanceAttribute",
            new JsonObject { ["InstanceId"] = instanceId, ["AttributeType"] = type })["Attribute"]?["Value"];

    /// <summary>A CONNECT_MANAGED ContactInstance in us-east-1 with the given extra spec lines.</summary>
    private static string InstanceManifest(string name, string alias, params string[] spec) =>
        string.Join('\n', [
            "apiVersion: connect.contact-operator.io/v1alpha1",
            "kind: ContactInstance",
            $"metadata: {{name: {name}}}",
            "spec:",
            "  region: us-east-1",
            "  identityManagementType: CONNECT_MANAGED",
            $"  instanceAlias: {alias}",
            .. spec.Select(line => "  " + line),
        ]);

    [Fact]
    public async Task Adopt_id_takes_over_an_existing_instance_without_creating_one()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        var id = await CreateInstanceOutOfBandAsync(h, "legacy-support");

        await h.ApplyAsync(InstanceManifest("legacy", "legacy-support", $"adopt: {{id: {id}}}", "attributes: {contactLens: true}", "tags: {team: support}"));
        var adopted = await h.WaitForReadyAsync(Descriptors.ContactInstance, "legacy");

        Assert.Equal(id, adopted.Status!.Id);
        Assert.Equal("ACTIVE", adopted.Status.InstanceStatus);
        Assert.Equal(0, h.Aws.Control.CountOf("CreateInstance"));
        Assert.Equal("true", Attribute(h, id, "CONTACT_LENS"));
        var tags = h.Aws.Control.GetInstance(Region, id)!["Tags"]!.AsObject();
        Assert.Equal(("support", "default/legacy"), ((string?)tags["team"], (string?)tags[OwnerTag.Key]));
        Assert.Contains(AwsFinalizer.Name, adopted.Metadata.Finalizers ?? []);
        await h.WaitForEventAsync("legacy", e => e.Reason == "Adopted" && e.Note!.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Adopt_id_that_does_not_exist_is_a_clear_condition_and_creates_nothing()
    {
        await using var h = await ContactCenterHarness.StartAsync();

        await h.ApplyAsync(InstanceManifest("ghost", "ghost", "adopt: {id: 00000000-0000-0000-0000-000000000000}"));
        var ghost = await h.WaitForAsync(Descriptors.ContactInstance, "ghost",
            i => Conditions.Find(i.Status?.Conditions, ConditionTypes.Ready)?.Reason == "AdoptTargetNotFound");

        Assert.Contains("spec.adopt.id 00000000-0000-0000-0000-000000000000 does not exist in us-east-1", Conditions.Find(ghost.Status!.Conditions, ConditionTypes.Ready)!.Message);
        Assert.Equal(0, h.Aws.Control.CountOf("CreateInstance"));
    }

    [Fact]
    public async Task ObserveOnly_reports_drift_writes_nothing_and_deleting_leaves_aws_alone()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        var id = await CreateInstanceOutOfBandAsync(h, "observed-support");

        await h.ApplyAsync(InstanceManifest("observed", "observed-support", "managementPolicy: ObserveOnly", $"adopt: {{id: {id}}}", "attributes: {contactLens: true}"));
        var observed = await h.WaitForReadyAsync(Descriptors.ContactInstance, "observed");

        var ready = Conditions.Find(observed.Status!.Conditions, ConditionTypes.Ready)!;
        Assert.Equal(ConditionReasons.Observing, ready.Reason);
        Assert.Contains("differs from the spec", ready.Message, StringComparison.Ordinal);
        Assert.Contains("ObserveOnly: nothing written", ready.Message, StringComparison.Ordinal);
        Assert.Equal(id, observed.Status.Id);
        Assert.Empty(h.ConnectWrites());
        Assert.Equal("false", Attribute(h, id, "CONTACT_LENS"));
        Assert.DoesNotContain(AwsFinalizer.Name, observed.Metadata.Finalizers ?? []);

        await h.Resources(Descriptors.ContactInstance).DeleteAsync(new ObjectKey(ContactCenterHarness.Namespace, "observed"));
        await h.WaitGoneAsync(Descriptors.ContactInstance, "observed");
        Assert.Empty(h.ConnectWrites());
        Assert.NotNull(h.Aws.Control.GetInstance(Region, id));
    }

    [Fact]
    public async Task Deletion_policy_delete_removes_the_instance_from_aws()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        await h.ApplyAsync(InstanceManifest("scratch", "scratch-support", "deletionPolicy: Delete"));
        var id = (await h.WaitForReadyAsync(Descriptors.ContactInstance, "scratch")).Status!.Id!;
        Assert.NotNull(h.Aws.Control.GetInstance(Region, id));

        await h.Resources(Descriptors.ContactInstance).DeleteAsync(new ObjectKey(ContactCenterHarness.Namespace, "scratch"));
        await h.WaitGoneAsync(Descriptors.ContactInstance, "scratch");

        Assert.Null(h.Aws.Control.GetInstance(Region, id));
        Assert.Equal(1, h.Aws.Control.CountOf("DeleteInstance"));
        await h.WaitForEventAsync("scratch", e => e.Reason == "Deleted" && e.Note == $"deleted instance {id}");
    }
}
