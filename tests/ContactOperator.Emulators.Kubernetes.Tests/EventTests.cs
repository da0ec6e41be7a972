using System.Net;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Tests.Support;

namespace ContactOperator.Emulators.Kubernetes.Tests;

public sealed class EventTests
{
    private const string CoreEvents = "/api/v1/namespaces/default/events";
    private const string EventsApi = "/apis/events.k8s.io/v1/namespaces/default/events";

    [Fact]
    public async Task Core_events_are_visible_through_events_k8s_io_with_renamed_fields_and_back()
    {
        await using var emulator = await Emulator.StartAsync();
        await emulator.ExpectAsync(HttpMethod.Post, CoreEvents, JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"w1.17f0a","namespace":"default"},
             "involvedObject":{"kind":"Widget","namespace":"default","name":"w1","uid":"u1","apiVersion":"test.contact-operator.io/v1"},
             "reason":"Created","message":"created the thing","type":"Normal","source":{"component":"contact-operator"},
             "firstTimestamp":"2025-01-01T00:00:00Z","lastTimestamp":"2025-01-01T00:00:00Z","count":1,"reportingComponent":"contact-operator","reportingInstance":"pod-1"}
            """), HttpStatusCode.Created);
        var viewed = await emulator.ExpectAsync(HttpMethod.Get, EventsApi + "/w1.17f0a", null, HttpStatusCode.OK);
        Assert.Equal("events.k8s.io/v1", viewed["apiVersion"]!.GetValue<string>());
        Assert.Equal("w1", viewed["regarding"]!["name"]!.GetValue<string>());
        Assert.Equal("created the thing", viewed["note"]!.GetValue<string>());
        Assert.Equal("contact-operator", viewed["reportingController"]!.GetValue<string>());
        Assert.Equal(1, viewed["deprecatedCount"]!.GetValue<int>());

        await emulator.ExpectAsync(HttpMethod.Post, EventsApi, JsonNode.Parse("""
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"w1.17f0b"},"eventTime":"2025-01-01T00:00:01.000000Z",
             "regarding":{"kind":"Widget","namespace":"default","name":"w1"},"reason":"Synced","note":"in sync","type":"Normal",
             "action":"Reconcile","reportingController":"contact-operator","reportingInstance":"pod-1"}
            """), HttpStatusCode.Created);
        var core = await emulator.ExpectAsync(HttpMethod.Get, CoreEvents + "?fieldSelector=involvedObject.name%3Dw1,reason%3DSynced", null, HttpStatusCode.OK);
        var item = Assert.Single(core["items"]!.AsArray());
        Assert.Equal("in sync", item!["message"]!.GetValue<string>());
        Assert.Equal("v1", item["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Events_k8s_io_creates_carry_no_deprecated_fields_and_the_core_view_shows_their_times_as_null()
    {
        await using var emulator = await Emulator.StartAsync();
        var refused = await emulator.SendAsync(HttpMethod.Post, EventsApi, JsonNode.Parse("""
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"w1.old"},"regarding":{"kind":"Widget","namespace":"default","name":"w1"},
             "reason":"Synced","note":"in sync","type":"Normal","action":"Reconcile","reportingController":"c","reportingInstance":"i",
             "deprecatedLastTimestamp":"2025-01-01T00:00:00Z","deprecatedCount":3}
            """));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(["eventTime", "lastTimestamp", "count"], refused.Body!["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()));
        Assert.Contains("lastTimestamp: Invalid value: \"\": needs to be unset", refused.Message, StringComparison.Ordinal);

        await emulator.ExpectAsync(HttpMethod.Post, EventsApi, JsonNode.Parse("""
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"w1.new"},"eventTime":"2025-01-01T00:00:01.000000Z",
             "regarding":{"kind":"Widget","namespace":"default","name":"w1"},"reason":"Synced","note":"in sync","type":"Normal",
             "action":"Reconcile","reportingController":"c","reportingInstance":"i"}
            """), HttpStatusCode.Created);
        var core = (await emulator.ExpectAsync(HttpMethod.Get, CoreEvents + "/w1.new", null, HttpStatusCode.OK)).AsObject();
        Assert.True(core.ContainsKey("firstTimestamp") && core["firstTimestamp"] is null && core.ContainsKey("lastTimestamp") && core["lastTimestamp"] is null);
        Assert.False(core.ContainsKey("count"));
        Assert.Equal("{}", core["source"]!.ToJsonString());
        var events = (await emulator.ExpectAsync(HttpMethod.Get, EventsApi + "/w1.new", null, HttpStatusCode.OK)).AsObject();
        Assert.True(events.ContainsKey("deprecatedLastTimestamp") && events["deprecatedLastTimestamp"] is null);
    }

    [Fact]
    public async Task An_event_about_an_object_in_another_namespace_is_invalid()
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.SendAsync(HttpMethod.Post, CoreEvents, JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"x.1"},"involvedObject":{"kind":"Widget","namespace":"kube-system","name":"w"},"reason":"R","message":"m","type":"Normal"}
            """));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal("involvedObject.namespace", response.Body!["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }
}
