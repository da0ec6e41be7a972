using System.Net;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Tests.Support;

namespace ContactOperator.Emulators.Kubernetes.Tests;

public sealed class LifecycleTests
{
    private const string Widgets = Emulator.WidgetsPath;
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task Delete_with_finalizers_marks_the_object_and_the_last_finalizer_removal_deletes_it()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var widget = TestData.Widget("w1");
        widget["metadata"]!["finalizers"] = new JsonArray("test.io/hold");
        await emulator.ExpectAsync(HttpMethod.Post, Widgets, widget, HttpStatusCode.Created);

        var marked = await emulator.ExpectAsync(HttpMethod.Delete, Widgets + "/w1", null, HttpStatusCode.OK);
        Assert.NotNull(marked["metadata"]!["deletionTimestamp"]);
        Assert.Equal(0, marked["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>());
        Assert.Equal(2, marked["metadata"]!["generation"]!.GetValue<long>());
        await emulator.ExpectAsync(HttpMethod.Get, Widgets + "/w1", null, HttpStatusCode.OK);

        var add = await emulator.SendAsync(HttpMethod.Patch, Widgets + "/w1",
            JsonNode.Parse("""{"metadata":{"finalizers":["test.io/hold","test.io/other"]}}"""), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, add.Status);
        Assert.Equal("FieldValueForbidden", add.Body!["details"]!["causes"]![0]!["reason"]!.GetValue<string>());

        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1", JsonNode.Parse("""{"metadata":{"finalizers":null}}"""),
            HttpStatusCode.OK, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.SendAsync(HttpMethod.Get, Widgets + "/w1")).Status);
    }

    [Fact]
    public async Task Dependents_of_a_deleted_owner_are_garbage_collected()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var owner = await emulator.CreateWidgetAsync("owner");
        var dependent = TestData.ConfigMap("child");
        dependent["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "test.contact-operator.io/v1", ["kind"] = "Widget", ["name"] = "owner",
            ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(), ["controller"] = true, ["blockOwnerDeletion"] = true,
        });
        await emulator.ExpectAsync(HttpMethod.Post, ConfigMaps, dependent, HttpStatusCode.Created);
        await emulator.ExpectAsync(HttpMethod.Post, ConfigMaps, TestData.ConfigMap("unrelated"), HttpStatusCode.Created);

        await emulator.ExpectAsync(HttpMethod.Delete, Widgets + "/owner", null, HttpStatusCode.OK);
        await Eventually.TrueAsync(async () => (await emulator.SendAsync(HttpMethod.Get, ConfigMaps + "/child")).Status == HttpStatusCode.NotFound, "the garbage collector to delete the child");
        await emulator.ExpectAsync(HttpMethod.Get, ConfigMaps + "/unrelated", null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Foreground_deletion_removes_dependents_before_the_owner()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var owner = await emulator.CreateWidgetAsync("owner");
        var dependent = TestData.ConfigMap("child");
        dependent["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "test.contact-operator.io/v1", ["kind"] = "Widget", ["name"] = "owner", ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
        });
        await emulator.ExpectAsync(HttpMethod.Post, ConfigMaps, dependent, HttpStatusCode.Created);
        var marked = await emulator.ExpectAsync(HttpMethod.Delete, Widgets + "/owner",
            JsonNode.Parse("""{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Foreground"}"""), HttpStatusCode.OK);
        Assert.Contains("foregroundDeletion", marked["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        await Eventually.TrueAsync(async () => (await emulator.SendAsync(HttpMethod.Get, Widgets + "/owner")).Status == HttpStatusCode.NotFound, "the owner to be deleted");
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.SendAsync(HttpMethod.Get, ConfigMaps + "/child")).Status);
    }

    [Fact]
    public async Task Orphan_deletion_keeps_dependents_and_strips_their_owner_reference()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var owner = await emulator.CreateWidgetAsync("owner");
        var dependent = TestData.ConfigMap("child");
        dependent["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "test.contact-operator.io/v1", ["kind"] = "Widget", ["name"] = "owner", ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
        });
        await emulator.ExpectAsync(HttpMethod.Post, ConfigMaps, dependent, HttpStatusCode.Created);
        await emulator.ExpectAsync(HttpMethod.Delete, Widgets + "/owner?propagationPolicy=Orphan", null, HttpStatusCode.OK);
        await Eventually.TrueAsync(async () => (await emulator.SendAsync(HttpMethod.Get, Widgets + "/owner")).Status == HttpStatusCode.NotFound, "the owner to be deleted");
        var child = await emulator.ExpectAsync(HttpMethod.Get, ConfigMaps + "/child", null, HttpStatusCode.OK);
        Assert.Null(child["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public async Task Deleting_a_namespace_terminates_it_deletes_its_contents_then_removes_it()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.ExpectAsync(HttpMethod.Post, "/api/v1/namespaces",
            JsonNode.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team"}}"""), HttpStatusCode.Created);
        await emulator.ExpectAsync(HttpMethod.Post, "/api/v1/namespaces/team/configmaps", TestData.ConfigMap("c", "team"), HttpStatusCode.Created);
        var widget = TestData.Widget("w");
        await emulator.ExpectAsync(HttpMethod.Post, "/apis/test.contact-operator.io/v1/namespaces/team/widgets", widget, HttpStatusCode.Created);

        var terminating = await emulator.ExpectAsync(HttpMethod.Delete, "/api/v1/namespaces/team", null, HttpStatusCode.OK);
        Assert.Equal("Terminating", terminating["status"]!["phase"]!.GetValue<string>());
        await Eventually.TrueAsync(async () => (await emulator.SendAsync(HttpMethod.Get, "/api/v1/namespaces/team")).Status == HttpStatusCode.NotFound, "the namespace to be deleted");
        var leftovers = await emulator.ExpectAsync(HttpMethod.Get, "/api/v1/configmaps", null, HttpStatusCode.OK);
        Assert.DoesNotContain(leftovers["items"]!.AsArray(), i => i!["metadata"]!["namespace"]!.GetValue<string>() == "team");
    }

    [Fact]
    public async Task Deleting_a_crd_deletes_its_instances_and_stops_serving_it()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("w1");
        await emulator.ExpectAsync(HttpMethod.Delete, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.test.contact-operator.io", null, HttpStatusCode.OK);
        await Eventually.TrueAsync(async () =>
            (await emulator.SendAsync(HttpMethod.Get, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.test.contact-operator.io")).Status == HttpStatusCode.NotFound,
            "the CRD to be gone");
        // As in a real API server, the resource stops being served just after the CRD is gone, not atomically with it.
        await Eventually.TrueAsync(async () => (await emulator.SendAsync(HttpMethod.Get, Widgets)).Status == HttpStatusCode.NotFound, "widgets to stop being served");
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.SendAsync(HttpMethod.Get, "/apis/test.contact-operator.io/v1")).Status);
    }

    [Fact]
    public async Task Leases_support_leader_election_style_get_create_replace_with_conflicts()
    {
        await using var emulator = await Emulator.StartAsync();
        const string leases = "/apis/coordination.k8s.io/v1/namespaces/default/leases";
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.SendAsync(HttpMethod.Get, leases + "/leader")).Status);
        var lease = await emulator.ExpectAsync(HttpMethod.Post, leases, JsonNode.Parse("""
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"leader"},
             "spec":{"holderIdentity":"a","leaseDurationSeconds":15,"acquireTime":"2025-01-01T00:00:00.000000Z","renewTime":"2025-01-01T00:00:00.000000Z","leaseTransitions":0}}
            """), HttpStatusCode.Created);
        var renewedByA = lease.DeepClone().AsObject();
        renewedByA["spec"]!["renewTime"] = "2025-01-01T00:00:05.000000Z";
        await emulator.ExpectAsync(HttpMethod.Put, leases + "/leader", renewedByA, HttpStatusCode.OK);
        var takeoverByB = lease.DeepClone().AsObject();
        takeoverByB["spec"]!["holderIdentity"] = "b";
        Assert.Equal(HttpStatusCode.Conflict, (await emulator.SendAsync(HttpMethod.Put, leases + "/leader", takeoverByB)).Status);
    }
}

public sealed class NamespaceAndCollectionTests
{
    [Fact]
    public async Task Creating_in_a_terminating_namespace_is_forbidden()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.ExpectAsync(HttpMethod.Post, "/api/v1/namespaces", JsonNode.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team"}}"""), HttpStatusCode.Created);
        var held = TestData.Widget("held");
        held["metadata"]!["finalizers"] = new JsonArray("test.io/hold");
        await emulator.ExpectAsync(HttpMethod.Post, "/apis/test.contact-operator.io/v1/namespaces/team/widgets", held, HttpStatusCode.Created);
        await emulator.ExpectAsync(HttpMethod.Delete, "/api/v1/namespaces/team", null, HttpStatusCode.OK);
        var refused = await emulator.SendAsync(HttpMethod.Post, "/api/v1/namespaces/team/configmaps", TestData.ConfigMap("c", "team"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("because it is being terminated", refused.Message, StringComparison.Ordinal);
        // the namespace waits for the finalizer of its content
        await Eventually.TrueAsync(async () =>
            (await emulator.SendAsync(HttpMethod.Get, "/apis/test.contact-operator.io/v1/namespaces/team/widgets/held")).Body?["metadata"]?["deletionTimestamp"] is not null,
            "the namespace's widget to be marked for deletion");
        await emulator.ExpectAsync(HttpMethod.Get, "/api/v1/namespaces/team", null, HttpStatusCode.OK);
        await emulator.ExpectAsync(HttpMethod.Patch, "/apis/test.contact-operator.io/v1/namespaces/team/widgets/held",
            JsonNode.Parse("""{"metadata":{"finalizers":null}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        await Eventually.TrueAsync(async () => (await emulator.SendAsync(HttpMethod.Get, "/api/v1/namespaces/team")).Status == HttpStatusCode.NotFound, "the namespace to be deleted");
    }

    [Fact]
    public async Task Delete_collection_removes_the_selected_objects()
    {
        await using var emulator = await Emulator.StartAsync();
        await emulator.ExpectAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", TestData.ConfigMap("a", labels: new JsonObject { ["x"] = "1" }), HttpStatusCode.Created);
        await emulator.ExpectAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", TestData.ConfigMap("b", labels: new JsonObject { ["x"] = "2" }), HttpStatusCode.Created);
        var deleted = await emulator.ExpectAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps?labelSelector=x%3D1", null, HttpStatusCode.OK);
        Assert.Equal("a", Assert.Single(deleted["items"]!.AsArray())!["metadata"]!["name"]!.GetValue<string>());
        var left = await emulator.ExpectAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps", null, HttpStatusCode.OK);
        Assert.Equal("b", Assert.Single(left["items"]!.AsArray())!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Yaml_request_bodies_are_accepted()
    {
        await using var emulator = await Emulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/namespaces/default/configmaps")
        {
            Content = new StringContent("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\ndata:\n  port: \"8080\"\n", System.Text.Encoding.UTF8, "application/yaml"),
        };
        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await emulator.ExpectAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/y", null, HttpStatusCode.OK);
        Assert.Equal("8080", stored["data"]!["port"]!.GetValue<string>());
    }
}
