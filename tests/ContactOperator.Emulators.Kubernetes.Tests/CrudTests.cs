using System.Net;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Tests.Support;

namespace ContactOperator.Emulators.Kubernetes.Tests;

public sealed class CrudTests
{
    private const string Widgets = Emulator.WidgetsPath;

    [Fact]
    public async Task Create_sets_server_owned_metadata_and_ignores_client_values()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var widget = TestData.Widget("w1");
        widget["metadata"]!["uid"] = "client-chosen";
        widget["metadata"]!["creationTimestamp"] = "1999-01-01T00:00:00Z";
        var created = await emulator.ExpectAsync(HttpMethod.Post, Widgets, widget, HttpStatusCode.Created);
        var metadata = created["metadata"]!;
        Assert.NotEqual("client-chosen", metadata["uid"]!.GetValue<string>());
        Assert.True(Guid.TryParse(metadata["uid"]!.GetValue<string>(), out _));
        Assert.NotEqual("1999-01-01T00:00:00Z", metadata["creationTimestamp"]!.GetValue<string>());
        Assert.Equal(1, metadata["generation"]!.GetValue<long>());
        Assert.Equal("default", metadata["namespace"]!.GetValue<string>());
        Assert.Equal("Widget", created["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resource_versions_come_from_one_cluster_wide_increasing_counter()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var a = await emulator.CreateWidgetAsync("a");
        var cm = await emulator.ExpectAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", TestData.ConfigMap("c"), HttpStatusCode.Created);
        var b = await emulator.CreateWidgetAsync("b");
        var rvs = new[] { a, cm, b }.Select(o => long.Parse(o["metadata"]!["resourceVersion"]!.GetValue<string>())).ToList();
        Assert.True(rvs[0] < rvs[1] && rvs[1] < rvs[2], string.Join(",", rvs));
        var list = await emulator.ExpectAsync(HttpMethod.Get, Widgets, null, HttpStatusCode.OK);
        Assert.Equal(rvs[2], long.Parse(list["metadata"]!["resourceVersion"]!.GetValue<string>()));
        Assert.Equal("WidgetList", list["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Duplicate_create_is_409_already_exists()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("w1");
        var response = await emulator.SendAsync(HttpMethod.Post, Widgets, TestData.Widget("w1"));
        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("AlreadyExists", response.Reason);
        Assert.Equal("widgets.test.contact-operator.io \"w1\" already exists", response.Message);
        Assert.Equal("widgets", response.Body!["details"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_404_with_the_qualified_resource_name()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var response = await emulator.SendAsync(HttpMethod.Get, Widgets + "/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("widgets.test.contact-operator.io \"nope\" not found", response.Message);
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_is_409_conflict()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var created = await emulator.CreateWidgetAsync("w1");
        var first = created.DeepClone().AsObject();
        first["spec"]!["color"] = "green";
        await emulator.ExpectAsync(HttpMethod.Put, Widgets + "/w1", first, HttpStatusCode.OK);
        var stale = created.DeepClone().AsObject();
        stale["spec"]!["color"] = "blue";
        var response = await emulator.SendAsync(HttpMethod.Put, Widgets + "/w1", stale);
        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("Conflict", response.Reason);
        Assert.Contains("the object has been modified", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_resources_and_leases_refuse_updates_without_resource_version_but_secrets_allow_them()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("w1");
        var response = await emulator.SendAsync(HttpMethod.Put, Widgets + "/w1", TestData.Widget("w1", "green"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Contains("metadata.resourceVersion: Invalid value: 0x0: must be specified for an update", response.Message, StringComparison.Ordinal);

        var secret = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "s" },
            ["type"] = "Opaque", ["data"] = new JsonObject { ["k"] = "dmFsdWU=" },
        };
        await emulator.ExpectAsync(HttpMethod.Post, "/api/v1/namespaces/default/secrets", secret, HttpStatusCode.Created);
        secret["data"]!["k"] = "b3RoZXI=";
        var updated = await emulator.ExpectAsync(HttpMethod.Put, "/api/v1/namespaces/default/secrets/s", secret, HttpStatusCode.OK);
        Assert.Equal("b3RoZXI=", updated["data"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_to_a_missing_custom_resource_is_404()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var widget = TestData.Widget("ghost");
        widget["metadata"]!["resourceVersion"] = "1";
        var response = await emulator.SendAsync(HttpMethod.Put, Widgets + "/ghost", widget);
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task Generate_name_appends_five_characters_from_the_kubernetes_alphabet()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var widget = TestData.Widget("");
        widget["metadata"] = new JsonObject { ["generateName"] = "gen-" };
        var created = await emulator.ExpectAsync(HttpMethod.Post, Widgets, widget, HttpStatusCode.Created);
        var name = created["metadata"]!["name"]!.GetValue<string>();
        Assert.Matches("^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$", name);
    }

    [Fact]
    public async Task Create_without_name_or_generate_name_is_invalid()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var widget = TestData.Widget("");
        widget["metadata"] = new JsonObject();
        var response = await emulator.SendAsync(HttpMethod.Post, Widgets, widget);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Contains("metadata.name: Required value: name or generateName is required", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_into_a_missing_namespace_are_404()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var response = await emulator.SendAsync(HttpMethod.Post, "/apis/test.contact-operator.io/v1/namespaces/nowhere/widgets", TestData.Widget("w"));
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("namespaces \"nowhere\" not found", response.Message);
    }

    [Fact]
    public async Task Generation_moves_on_spec_changes_only_and_status_writes_go_through_the_subresource()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("w1");
        var labelled = await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1",
            JsonNode.Parse("""{"metadata":{"labels":{"team":"a"}}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        Assert.Equal(1, labelled["metadata"]!["generation"]!.GetValue<long>());

        var spec = await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1",
            JsonNode.Parse("""{"spec":{"size":5}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        Assert.Equal(2, spec["metadata"]!["generation"]!.GetValue<long>());

        // status through the main endpoint is ignored
        var ignored = await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1",
            JsonNode.Parse("""{"status":{"observedGeneration":9}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        Assert.Null(ignored["status"]);
        Assert.Equal(spec["metadata"]!["resourceVersion"]!.GetValue<string>(), ignored["metadata"]!["resourceVersion"]!.GetValue<string>());

        // /status keeps only status: spec and label edits in the body are discarded
        var status = await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1/status",
            JsonNode.Parse("""{"spec":{"size":9},"metadata":{"labels":{"team":"b"}},"status":{"observedGeneration":2}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        Assert.Equal(2, status["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Equal(5, status["spec"]!["size"]!.GetValue<long>());
        Assert.Equal("a", status["metadata"]!["labels"]!["team"]!.GetValue<string>());
        Assert.Equal(2, status["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Create_drops_status_when_the_status_subresource_is_enabled()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var widget = TestData.Widget("w1");
        widget["status"] = new JsonObject { ["observedGeneration"] = 5 };
        var created = await emulator.ExpectAsync(HttpMethod.Post, Widgets, widget, HttpStatusCode.Created);
        Assert.Null(created["status"]);
    }

    [Fact]
    public async Task A_no_op_update_keeps_the_resource_version()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var created = await emulator.CreateWidgetAsync("w1");
        var again = await emulator.ExpectAsync(HttpMethod.Put, Widgets + "/w1", created, HttpStatusCode.OK);
        Assert.Equal(created["metadata"]!["resourceVersion"]!.GetValue<string>(), again["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dry_run_returns_the_would_be_object_and_persists_nothing()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var created = await emulator.ExpectAsync(HttpMethod.Post, Widgets + "?dryRun=All", TestData.Widget("w1"), HttpStatusCode.Created);
        Assert.Equal(3, created["spec"]!["size"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.SendAsync(HttpMethod.Get, Widgets + "/w1")).Status);

        await emulator.CreateWidgetAsync("w2");
        await emulator.ExpectAsync(HttpMethod.Delete, Widgets + "/w2?dryRun=All", null, HttpStatusCode.OK);
        await emulator.ExpectAsync(HttpMethod.Get, Widgets + "/w2", null, HttpStatusCode.OK);

        var bad = await emulator.SendAsync(HttpMethod.Post, Widgets + "?dryRun=Yes", TestData.Widget("w3"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }

    [Fact]
    public async Task Body_and_url_names_must_agree_on_put()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var created = await emulator.CreateWidgetAsync("w1");
        created["metadata"]!["name"] = "other";
        var response = await emulator.SendAsync(HttpMethod.Put, Widgets + "/w1", created);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Delete_without_finalizers_removes_the_object_and_returns_a_status_with_the_uid()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var created = await emulator.CreateWidgetAsync("w1");
        var status = await emulator.ExpectAsync(HttpMethod.Delete, Widgets + "/w1", null, HttpStatusCode.OK);
        Assert.Equal("Success", status["status"]!.GetValue<string>());
        Assert.Equal(created["metadata"]!["uid"]!.GetValue<string>(), status["details"]!["uid"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.SendAsync(HttpMethod.Get, Widgets + "/w1")).Status);
    }

    [Fact]
    public async Task Delete_preconditions_that_do_not_match_are_409()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("w1");
        var options = JsonNode.Parse("""{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"not-the-uid"}}""");
        var response = await emulator.SendAsync(HttpMethod.Delete, Widgets + "/w1", options);
        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Contains("Precondition failed", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_round_trip_type_and_data_byte_exact()
    {
        await using var emulator = await Emulator.StartAsync();
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "sh.helm.release.v1.r.v1", ["labels"] = new JsonObject { ["owner"] = "helm", ["name"] = "r" } },
            ["type"] = "helm.sh/release.v1",
            ["data"] = new JsonObject { ["release"] = "SDRzSUFBQUFBQUFBLzZxV1NzL1BUeTh0TGtsTUxWS3lVcXFOQlFCZWN3Tlk=" },
        };
        await emulator.ExpectAsync(HttpMethod.Post, "/api/v1/namespaces/default/secrets", secret, HttpStatusCode.Created);
        var list = await emulator.ExpectAsync(HttpMethod.Get, "/api/v1/namespaces/default/secrets?labelSelector=name%3Dr,owner%3Dhelm", null, HttpStatusCode.OK);
        var item = Assert.Single(list["items"]!.AsArray());
        Assert.Equal("helm.sh/release.v1", item!["type"]!.GetValue<string>());
        Assert.Equal(secret["data"]!["release"]!.GetValue<string>(), item["data"]!["release"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_secrets_string_data_is_merged_into_data_and_never_stored()
    {
        await using var emulator = await Emulator.StartAsync();
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "servicenow" },
            ["data"] = new JsonObject { ["user"] = "b2xk", ["url"] = "aHR0cHM6Ly9leGFtcGxl" },
            ["stringData"] = new JsonObject { ["user"] = "integration", ["password"] = "p4ss" },
        };
        var created = await emulator.ExpectAsync(HttpMethod.Post, "/api/v1/namespaces/default/secrets", secret, HttpStatusCode.Created);
        var stored = await emulator.ExpectAsync(HttpMethod.Get, "/api/v1/namespaces/default/secrets/servicenow", null, HttpStatusCode.OK);
        foreach (var answer in new[] { created, stored })
        {
            Assert.Null(answer["stringData"]);
            var data = answer["data"]!.AsObject();
            Assert.Equal(("aW50ZWdyYXRpb24=", "cDRzcw==", "aHR0cHM6Ly9leGFtcGxl"),
                (data["user"]!.GetValue<string>(), data["password"]!.GetValue<string>(), data["url"]!.GetValue<string>()));
        }
    }
}
