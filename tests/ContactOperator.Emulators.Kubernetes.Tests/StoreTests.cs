using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Storage;
using ContactOperator.Emulators.Kubernetes.Watch;

namespace ContactOperator.Emulators.Kubernetes.Tests;

/// <summary>The in-memory store underneath the HTTP layer.</summary>
public sealed class StoreTests
{
    private static JsonObject Object(string name) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["uid"] = Guid.NewGuid().ToString() },
    };

    [Fact]
    public void A_watcher_that_stops_reading_is_dropped_instead_of_buffering_forever()
    {
        var store = new ObjectStore(historyCapacity: 10);
        using var subscription = store.Subscribe("/configmaps", null, store.CurrentResourceVersion);
        var key = new ObjectKey("/configmaps", "default", "hot");
        var stored = store.Create(key, Object("hot"))!;
        for (var i = 0; i < WatchSubscription.MaxQueuedEvents + 1; i++)
        {
            stored = store.Update(key, Object("hot"), stored.ResourceVersion)!;
        }
        Assert.True(subscription.Dropped);
    }

    [Fact]
    public void History_keeps_the_newest_events_and_expires_older_resume_points()
    {
        var store = new ObjectStore(historyCapacity: 3);
        var key = new ObjectKey("/configmaps", "default", "a");
        var first = store.Create(key, Object("a"))!;
        var current = first;
        for (var i = 0; i < 5; i++)
        {
            current = store.Update(key, Object("a"), current.ResourceVersion)!;
        }
        Assert.Throws<WatchExpiredException>(() => store.Subscribe("/configmaps", null, first.ResourceVersion));
        using var recent = store.Subscribe("/configmaps", null, current.ResourceVersion - 2);
        Assert.Equal(2, recent.Reader.Count);
    }
}
