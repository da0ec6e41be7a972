using System.Net;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ContactOperator.Emulators.Kubernetes.Tests;

public sealed class WatchTests
{
    private const string Widgets = Emulator.WidgetsPath;

    [Fact]
    public async Task A_watch_without_resource_version_starts_with_synthetic_added_then_streams_changes_in_order()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("a");
        await emulator.CreateWidgetAsync("b");
        await using var watch = await WatchStream.OpenAsync(emulator, Widgets + "?watch=true");
        Assert.Equal(HttpStatusCode.OK, watch.Status);
        Assert.StartsWith("application/json", watch.ContentType, StringComparison.Ordinal);
        var initial = await watch.NextAsync(2, 10);
        Assert.Equal(["ADDED:a", "ADDED:b"], initial.Select(e => $"{e.Type()}:{e.Name()}"));

        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/a", JsonNode.Parse("""{"spec":{"size":4}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        await emulator.CreateWidgetAsync("c");
        await emulator.ExpectAsync(HttpMethod.Delete, Widgets + "/b", null, HttpStatusCode.OK);
        var changes = await watch.NextAsync(3, 10);
        Assert.Equal(["MODIFIED:a", "ADDED:c", "DELETED:b"], changes.Select(e => $"{e.Type()}:{e.Name()}"));
        var rvs = changes.Select(e => e.Rv()).ToList();
        Assert.Equal(rvs.Order(), rvs);
        Assert.True(rvs[0] > initial.Max(e => e.Rv()));
        Assert.Equal(4, changes[0]["object"]!["spec"]!["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_watch_from_a_resource_version_replays_exactly_the_later_changes()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var a = await emulator.CreateWidgetAsync("a");
        var from = a["metadata"]!["resourceVersion"]!.GetValue<string>();
        await emulator.CreateWidgetAsync("b");
        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/a", JsonNode.Parse("""{"spec":{"size":4}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        await using var watch = await WatchStream.OpenAsync(emulator, Widgets + "?watch=1&resourceVersion=" + from);
        var events = await watch.NextAsync(2, 10);
        Assert.Equal(["ADDED:b", "MODIFIED:a"], events.Select(e => $"{e.Type()}:{e.Name()}"));
    }

    [Fact]
    public async Task A_watch_from_a_compacted_resource_version_gets_a_410_error_event()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync(historyCapacity: 3);
        var first = await emulator.CreateWidgetAsync("a");
        for (var i = 0; i < 5; i++)
        {
            await emulator.CreateWidgetAsync("w" + i);
        }
        await using var watch = await WatchStream.OpenAsync(emulator, Widgets + "?watch=true&resourceVersion=" + first["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, watch.Status);
        var error = await watch.NextAsync() ?? throw new InvalidOperationException("stream ended");
        Assert.Equal("ERROR", error.Type());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
        Assert.StartsWith("too old resource version: ", error["object"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task Compact_history_fault_makes_older_resource_versions_expire_and_a_relist_recovers()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var a = await emulator.CreateWidgetAsync("a");
        await emulator.CreateWidgetAsync("later");
        emulator.Server.Faults.CompactHistory();
        await using (var watch = await WatchStream.OpenAsync(emulator, Widgets + "?watch=true&resourceVersion=" + a["metadata"]!["resourceVersion"]!.GetValue<string>()))
        {
            var expired = await watch.NextAsync();
            Assert.Equal(410, expired!["object"]!["code"]!.GetValue<int>());
        }
        var list = await emulator.ExpectAsync(HttpMethod.Get, Widgets, null, HttpStatusCode.OK);
        await using var resumed = await WatchStream.OpenAsync(emulator, Widgets + "?watch=true&resourceVersion=" + list["metadata"]!["resourceVersion"]!.GetValue<string>());
        await emulator.CreateWidgetAsync("b");
        Assert.Equal("ADDED:b", await resumed.NextAsync() is { } e ? $"{e.Type()}:{e.Name()}" : "none");
    }

    [Fact]
    public async Task Bookmarks_are_sent_only_when_allowed_and_carry_just_kind_api_version_and_resource_version()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var emulator = await Emulator.StartWithWidgetsAsync(time);
        var a = await emulator.CreateWidgetAsync("a");
        await using var watch = await WatchStream.OpenAsync(emulator, Widgets + "?watch=true&allowWatchBookmarks=true&resourceVersion=" + a["metadata"]!["resourceVersion"]!.GetValue<string>());
        await emulator.CreateWidgetAsync("b");
        var added = await watch.NextAsync() ?? throw new InvalidOperationException("stream ended");
        Assert.Equal("ADDED", added.Type());
        time.Advance(TimeSpan.FromMinutes(1));
        var bookmark = await watch.NextAsync() ?? throw new InvalidOperationException("stream ended");
        Assert.Equal("BOOKMARK", bookmark.Type());
        var obj = bookmark["object"]!.AsObject();
        Assert.Equal("Widget", obj["kind"]!.GetValue<string>());
        Assert.Equal("test.contact-operator.io/v1", obj["apiVersion"]!.GetValue<string>());
        Assert.Equal(["resourceVersion"], obj["metadata"]!.AsObject().Select(p => p.Key));
        Assert.True(bookmark.Rv() >= added.Rv());
    }

    [Fact]
    public async Task Timeout_seconds_ends_the_stream_cleanly()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await Emulator.StartWithWidgetsAsync(time);
        await emulator.CreateWidgetAsync("a");
        await using var watch = await WatchStream.OpenAsync(emulator, Widgets + "?watch=true&timeoutSeconds=30");
        Assert.Equal("ADDED", (await watch.NextAsync())!.Type());
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task Objects_entering_and_leaving_a_label_selector_are_added_and_deleted()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var a = await emulator.CreateWidgetAsync("a");
        await using var watch = await WatchStream.OpenAsync(emulator,
            Widgets + "?watch=true&labelSelector=env%3Dprod&resourceVersion=" + a["metadata"]!["resourceVersion"]!.GetValue<string>());
        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/a", JsonNode.Parse("""{"metadata":{"labels":{"env":"prod"}}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/a", JsonNode.Parse("""{"spec":{"size":5}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/a", JsonNode.Parse("""{"metadata":{"labels":{"env":"dev"}}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        var events = await watch.NextAsync(3, 10);
        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], events.Select(e => e.Type()));
    }

    [Fact]
    public async Task Single_object_watches_use_a_name_field_selector()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("a");
        await emulator.CreateWidgetAsync("b");
        await using var watch = await WatchStream.OpenAsync(emulator, Widgets + "?watch=true&resourceVersion=0&fieldSelector=metadata.name%3Db");
        Assert.Equal("ADDED:b", (await watch.NextAsync()) is { } e ? $"{e.Type()}:{e.Name()}" : "");
        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/a", JsonNode.Parse("""{"spec":{"size":4}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/b", JsonNode.Parse("""{"spec":{"size":4}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        Assert.Equal("MODIFIED:b", (await watch.NextAsync()) is { } m ? $"{m.Type()}:{m.Name()}" : "");
    }

    [Fact]
    public async Task Dropping_all_watches_closes_open_streams()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("a");
        await using var watch = await WatchStream.OpenAsync(emulator, Widgets + "?watch=true");
        Assert.Equal("ADDED", (await watch.NextAsync())!.Type());
        emulator.Server.Faults.DropAllWatches();
        var ended = false;
        try
        {
            ended = await watch.NextAsync() is null;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            ended = true;
        }
        Assert.True(ended);
    }

    [Fact]
    public async Task Streaming_list_sends_the_state_then_an_annotated_bookmark()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("a");
        await using var watch = await WatchStream.OpenAsync(emulator,
            Widgets + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true");
        Assert.Equal("ADDED", (await watch.NextAsync())!.Type());
        var bookmark = await watch.NextAsync() ?? throw new InvalidOperationException("stream ended");
        Assert.Equal("BOOKMARK", bookmark.Type());
        Assert.Equal("true", bookmark["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
    }

    [Fact]
    public async Task Streaming_list_without_resource_version_match_is_rejected()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var response = await emulator.SendAsync(HttpMethod.Get, Widgets + "?watch=true&sendInitialEvents=true&allowWatchBookmarks=true");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
    }

    [Fact]
    public async Task Table_watches_send_one_row_tables_with_columns_only_in_the_first_event()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("a");
        await using var watch = await WatchStream.OpenAsync(emulator, Widgets + "?watch=true&resourceVersion=0",
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        var first = await watch.NextAsync();
        Assert.Equal("Table", first!["object"]!["kind"]!.GetValue<string>());
        Assert.Equal(4, first["object"]!["columnDefinitions"]!.AsArray().Count);
        await emulator.CreateWidgetAsync("b");
        var second = await watch.NextAsync() ?? throw new InvalidOperationException("stream ended");
        Assert.Null(second["object"]!["columnDefinitions"]);
        Assert.Equal("b", second["object"]!["rows"]![0]!["cells"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_writers_produce_one_event_each_in_strictly_increasing_resource_version_order()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var list = await emulator.ExpectAsync(HttpMethod.Get, Widgets, null, HttpStatusCode.OK);
        await using var watch = await WatchStream.OpenAsync(emulator, Widgets + "?watch=true&resourceVersion=" + list["metadata"]!["resourceVersion"]!.GetValue<string>());
        const int writers = 8;
        const int perWriter = 10;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                await emulator.CreateWidgetAsync($"w{w}-{i}");
            }
        }));
        var events = await watch.NextAsync(writers * perWriter, 20);
        var rvs = events.Select(e => e.Rv()).ToList();
        Assert.All(rvs.Zip(rvs.Skip(1)), pair => Assert.True(pair.First < pair.Second, $"{pair.First} then {pair.Second}"));
        Assert.Equal(writers * perWriter, events.Select(e => e.Name()).Distinct().Count());
    }

    [Fact]
    public async Task Dry_run_writes_emit_no_watch_events()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var a = await emulator.CreateWidgetAsync("a");
        await using var watch = await WatchStream.OpenAsync(emulator, Widgets + "?watch=true&resourceVersion=" + a["metadata"]!["resourceVersion"]!.GetValue<string>());
        await emulator.ExpectAsync(HttpMethod.Post, Widgets + "?dryRun=All", TestData.Widget("dry"), HttpStatusCode.Created);
        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/a?dryRun=All", JsonNode.Parse("""{"spec":{"size":9}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        await emulator.ExpectAsync(HttpMethod.Delete, Widgets + "/a?dryRun=All", null, HttpStatusCode.OK);
        await emulator.CreateWidgetAsync("real");
        var next = await watch.NextAsync() ?? throw new InvalidOperationException("stream ended");
        Assert.Equal("ADDED:real", $"{next.Type()}:{next.Name()}");
        var live = await emulator.ExpectAsync(HttpMethod.Get, Widgets + "/a", null, HttpStatusCode.OK);
        Assert.Equal(3, live["spec"]!["size"]!.GetValue<int>());
    }
}
