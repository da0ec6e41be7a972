using System.Net;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Tests.Support;

namespace ContactOperator.Emulators.Kubernetes.Tests;

public sealed class PatchTests
{
    private const string Widgets = Emulator.WidgetsPath;
    private const string Apply = "application/apply-patch+yaml";

    [Fact]
    public async Task Json_patch_applies_operations_and_failing_tests_are_422()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("w1");
        var patched = await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1",
            JsonNode.Parse("""[{"op":"test","path":"/spec/color","value":"red"},{"op":"replace","path":"/spec/color","value":"green"},{"op":"add","path":"/spec/tags","value":["x"]}]"""),
            HttpStatusCode.OK, "application/json-patch+json");
        Assert.Equal("green", patched["spec"]!["color"]!.GetValue<string>());
        Assert.Equal("x", patched["spec"]!["tags"]![0]!.GetValue<string>());

        var failing = await emulator.SendAsync(HttpMethod.Patch, Widgets + "/w1",
            JsonNode.Parse("""[{"op":"test","path":"/spec/color","value":"red"}]"""), "application/json-patch+json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, failing.Status);
        var malformed = await emulator.SendAsync(HttpMethod.Patch, Widgets + "/w1", JsonNode.Parse("""{"op":"add"}"""), "application/json-patch+json");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
    }

    [Fact]
    public async Task Strategic_merge_patch_is_415_for_custom_resources_and_merges_named_lists_for_built_ins()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("w1");
        var refused = await emulator.SendAsync(HttpMethod.Patch, Widgets + "/w1", JsonNode.Parse("""{"spec":{"size":4}}"""), "application/strategic-merge-patch+json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.Status);
        Assert.StartsWith("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            refused.Message, StringComparison.Ordinal);

        const string deployments = "/apis/apps/v1/namespaces/default/deployments";
        await emulator.ExpectAsync(HttpMethod.Post, deployments, JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"d"}},
             "template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]}}}}
            """), HttpStatusCode.Created);
        var patched = await emulator.ExpectAsync(HttpMethod.Patch, deployments + "/d",
            JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"b:2"}]}}}}"""), HttpStatusCode.OK, "application/strategic-merge-patch+json");
        var containers = patched["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("b:2", containers[1]!["image"]!.GetValue<string>());
        Assert.Equal(2, patched["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Merge_patch_carrying_a_stale_resource_version_is_a_409_precondition_failure()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("w1");
        var response = await emulator.SendAsync(HttpMethod.Patch, Widgets + "/w1",
            JsonNode.Parse("""{"metadata":{"resourceVersion":"1"},"spec":{"size":4}}"""), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.Conflict, response.Status);
    }

    [Fact]
    public async Task Patching_a_missing_object_is_404_and_unknown_patch_types_are_415()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        Assert.Equal(HttpStatusCode.NotFound,
            (await emulator.SendAsync(HttpMethod.Patch, Widgets + "/nope", JsonNode.Parse("{}"), "application/merge-patch+json")).Status);
        await emulator.CreateWidgetAsync("w1");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType,
            (await emulator.SendAsync(HttpMethod.Patch, Widgets + "/w1", JsonNode.Parse("{}"), "application/json")).Status);
    }

    [Fact]
    public async Task Server_side_apply_upserts_and_records_managed_fields()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var created = await emulator.SendAsync(HttpMethod.Patch, Widgets + "/w1?fieldManager=kubectl&force=false", TestData.Widget("w1"), Apply);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var managed = created.Body!["metadata"]!["managedFields"]!.AsArray();
        var entry = Assert.Single(managed);
        Assert.Equal("kubectl", entry!["manager"]!.GetValue<string>());
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        Assert.NotNull(entry["fieldsV1"]!["f:spec"]!["f:color"]);

        var again = await emulator.SendAsync(HttpMethod.Patch, Widgets + "/w1?fieldManager=kubectl", TestData.Widget("w1", "green"), Apply);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("green", again.Body!["spec"]!["color"]!.GetValue<string>());
    }

    [Fact]
    public async Task Server_side_apply_requires_a_field_manager()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var response = await emulator.SendAsync(HttpMethod.Patch, Widgets + "/w1", TestData.Widget("w1"), Apply);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Contains("fieldManager: Required value: is required for apply patch", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_side_apply_conflicts_with_another_manager_unless_forced()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1?fieldManager=first", TestData.Widget("w1", "red"), HttpStatusCode.Created, Apply);
        var conflict = await emulator.SendAsync(HttpMethod.Patch, Widgets + "/w1?fieldManager=second", TestData.Widget("w1", "blue"), Apply);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"first\" using test.contact-operator.io/v1: .spec.color", conflict.Message);
        Assert.Equal("FieldManagerConflict", conflict.Body!["details"]!["causes"]![0]!["reason"]!.GetValue<string>());

        var forced = await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1?fieldManager=second&force=true", TestData.Widget("w1", "blue"), HttpStatusCode.OK, Apply);
        Assert.Equal("blue", forced["spec"]!["color"]!.GetValue<string>());
        var first = forced["metadata"]!["managedFields"]!.AsArray().Single(m => m!["manager"]!.GetValue<string>() == "first");
        Assert.Null(first!["fieldsV1"]!["f:spec"]!["f:color"]);
    }

    [Fact]
    public async Task Server_side_apply_removes_fields_the_manager_stopped_applying()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var withTags = TestData.Widget("w1");
        withTags["spec"]!["tags"] = new JsonArray("a");
        withTags["metadata"]!["labels"] = new JsonObject { ["keep"] = "no" };
        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1?fieldManager=helm", withTags, HttpStatusCode.Created, Apply);
        var without = await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1?fieldManager=helm", TestData.Widget("w1"), HttpStatusCode.OK, Apply);
        Assert.Null(without["spec"]!["tags"]);
        Assert.Null(without["metadata"]!["labels"]?["keep"]);
        Assert.False(without["metadata"]!.AsObject().ContainsKey("labels"), "the labels map the manager no longer applies is removed with its last label, not left as {}");
    }

    [Fact]
    public async Task Apply_and_update_managers_share_an_object_without_conflict_when_values_agree()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1?fieldManager=applier", TestData.Widget("w1"), HttpStatusCode.Created, Apply);
        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1?fieldManager=editor", JsonNode.Parse("""{"spec":{"size":7}}"""),
            HttpStatusCode.OK, "application/merge-patch+json");
        var reapplied = await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1?fieldManager=applier", TestData.Widget("w1"), HttpStatusCode.OK, Apply);
        Assert.Equal(7, reapplied["spec"]!["size"]!.GetValue<long>());
        var managers = reapplied["metadata"]!["managedFields"]!.AsArray().Select(m => m!["manager"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(["applier", "editor"], managers);
    }

    [Fact]
    public async Task Kubectl_server_side_apply_takes_over_client_side_applied_fields_that_still_match_the_annotation()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var manifest = TestData.Widget("w1");
        manifest["metadata"]!["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = TestData.Widget("w1").ToJsonString() };
        await emulator.ExpectAsync(HttpMethod.Post, Widgets + "?fieldManager=kubectl-client-side-apply", manifest, HttpStatusCode.Created);

        var other = await emulator.SendAsync(HttpMethod.Patch, Widgets + "/w1?fieldManager=someone-else", TestData.Widget("w1", "blue"), Apply);
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        var kubectl = await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1?fieldManager=kubectl", TestData.Widget("w1", "blue"), HttpStatusCode.OK, Apply);
        Assert.Equal("blue", kubectl["spec"]!["color"]!.GetValue<string>());
    }
}
