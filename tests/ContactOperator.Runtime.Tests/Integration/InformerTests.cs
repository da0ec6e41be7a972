using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ContactOperator.Runtime.Caching;
using ContactOperator.Runtime.Resources;
using ContactOperator.Runtime.Tests.Support;

namespace ContactOperator.Runtime.Tests.Integration;

public class InformerTests
{
    [Fact]
    public async Task The_cache_follows_creates_updates_and_deletes_and_notifies_each_once()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Widgets.CreateAsync(Widget.New("default", "before"));
        var (informer, log, run, stop) = Start(cluster);
        await informer.WaitForSyncAsync(CancellationToken.None);

        await cluster.Widgets.CreateAsync(Widget.New("default", "a", 1));
        await cluster.Widgets.PatchAsync(new ObjectKey("default", "a"), JsonNode.Parse("""{"spec":{"size":2}}""")!);
        await cluster.Widgets.DeleteAsync(new ObjectKey("default", "before"));

        await Eventually.TrueAsync(() => log.Contains("deleted before"), "delete seen");
        await Eventually.TrueAsync(() => informer.Get(new ObjectKey("default", "a"))?.Spec.Size == 2, "update cached");
        Assert.Equal(["added before", "added a", "updated a 1->2", "deleted before"], log.ToArray());
        Assert.Null(informer.Get(new ObjectKey("default", "before")));

        await stop();
        await run;
    }

    [Fact]
    public async Task A_watch_cut_mid_stream_loses_and_repeats_nothing()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (informer, log, run, stop) = Start(cluster);
        await informer.WaitForSyncAsync(CancellationToken.None);

        for (var i = 0; i < 20; i++)
        {
            await cluster.Widgets.CreateAsync(Widget.New("default", $"w{i}"));
            if (i % 5 == 0)
            {
                cluster.Server.Faults.DropAllWatches();
            }
        }

        await Eventually.TrueAsync(() => informer.Count == 20, "all 20 cached");
        await Eventually.TrueAsync(() => informer.WatchRestarts >= 1, "watch was restarted");
        Assert.Equal(20, log.Count(l => l.StartsWith("added ", StringComparison.Ordinal)));
        Assert.Equal(20, log.Distinct().Count());
        Assert.Equal(0, informer.Relists);

        await stop();
        await run;
    }

    [Fact]
    public async Task A_410_on_resume_relists_and_turns_the_difference_into_exact_adds_updates_and_deletes()
    {
        await using var cluster = await TestCluster.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await cluster.Widgets.CreateAsync(Widget.New("default", $"w{i}", 1));
        }

        var (informer, log, run, stop) = Start(cluster);
        await informer.WaitForSyncAsync(CancellationToken.None);
        Assert.Equal(5, informer.Count);

        // The informer is away (its watch is down) while the world changes and the server forgets that history.
        await stop();
        await run;
        await cluster.Widgets.DeleteAsync(new ObjectKey("default", "w0"));
        await cluster.Widgets.PatchAsync(new ObjectKey("default", "w1"), JsonNode.Parse("""{"spec":{"size":7}}""")!);
        await cluster.Widgets.CreateAsync(Widget.New("default", "new", 1));
        cluster.Server.Faults.CompactHistory();

        using var again = new CancellationTokenSource();
        var rerun = informer.RunAsync(again.Token);
        await Eventually.TrueAsync(() => informer.Relists == 1, "relisted after 410 Gone");
        await Eventually.TrueAsync(() => informer.Count == 5 && informer.Get(new ObjectKey("default", "w1"))?.Spec.Size == 7, "cache converged");
        await Eventually.TrueAsync(() => log.Count >= 8, "the three changes were handed to the handlers");
        var changes = log.Skip(5).ToArray();
        Assert.Equal(["added new", "deleted w0", "updated w1 1->7"], changes.Order(StringComparer.Ordinal));

        await again.CancelAsync();
        await rerun;
    }

    [Fact]
    public async Task A_410_mid_stream_relists_without_losing_or_repeating_events()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (informer, log, run, stop) = Start(cluster);
        await informer.WaitForSyncAsync(CancellationToken.None);

        for (var i = 0; i < 10; i++)
        {
            await cluster.Widgets.CreateAsync(Widget.New("default", $"w{i}", 1));
        }

        await Eventually.TrueAsync(() => informer.Count == 10, "10 cached");

        // Another kind's write moves the server's resourceVersion past the informer's; compacting then makes it too old.
        await cluster.Gadgets.CreateAsync(Gadget.New("default", "g"));
        cluster.Server.Faults.CompactHistory();
        cluster.Server.Faults.DropAllWatches();
        await Eventually.TrueAsync(() => informer.Relists >= 1, "relisted after 410 Gone");

        await cluster.Widgets.PatchAsync(new ObjectKey("default", "w3"), JsonNode.Parse("""{"spec":{"size":2}}""")!);
        await Eventually.TrueAsync(() => log.Contains("updated w3 1->2"), "watch resumed after relist");
        Assert.Equal(10, log.Count(l => l.StartsWith("added ", StringComparison.Ordinal)));
        Assert.Equal(11, log.Count);

        await stop();
        await run;
    }

    [Fact]
    public async Task Bookmarks_keep_a_quiet_informer_current_so_compaction_does_not_force_a_relist()
    {
        var serverTime = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await TestCluster.StartAsync(new ContactOperator.Emulators.Kubernetes.KubernetesApiServerOptions { Port = 0, TimeProvider = serverTime });
        var (informer, log, run, stop) = Start(cluster);
        await informer.WaitForSyncAsync(CancellationToken.None);

        // Only another kind changes: the Widget watch sees no events, but the server's resourceVersion moves on.
        var gadget = await cluster.Gadgets.CreateAsync(Gadget.New("default", "g"));
        Assert.NotEqual(gadget.Metadata.ResourceVersion, informer.ResourceVersion);
        await Eventually.TrueAsync(
            () =>
            {
                serverTime.Advance(TimeSpan.FromMinutes(1));
                return informer.ResourceVersion == gadget.Metadata.ResourceVersion;
            },
            "a bookmark advanced the informer's resourceVersion");

        cluster.Server.Faults.CompactHistory();
        cluster.Server.Faults.DropAllWatches();
        await cluster.Widgets.CreateAsync(Widget.New("default", "a"));
        await Eventually.TrueAsync(() => log.Contains("added a"), "watch resumed");
        Assert.Equal(0, informer.Relists);

        await stop();
        await run;
    }

    [Fact]
    public async Task Secondary_indexes_find_dependents()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Widgets.CreateAsync(Widget.New("default", "a", gadget: "g1"));
        await cluster.Widgets.CreateAsync(Widget.New("default", "b", gadget: "g1"));
        await cluster.Widgets.CreateAsync(Widget.New("default", "c", gadget: "g2"));
        var (informer, _, run, stop) = Start(cluster, i =>
            i.AddIndex("gadget", w => w.Spec.GadgetRef is { } r ? [$"{w.Metadata.NamespaceProperty}/{r.Name}"] : []));
        await informer.WaitForSyncAsync(CancellationToken.None);

        Assert.Equal(["a", "b"], informer.ByIndex("gadget", "default/g1").Select(w => w.Metadata.Name).Order());

        await cluster.Widgets.PatchAsync(new ObjectKey("default", "b"), JsonNode.Parse("""{"spec":{"gadgetRef":{"name":"g2"}}}""")!);
        await Eventually.TrueAsync(() => informer.ByIndex("gadget", "default/g2").Count == 2, "index follows updates");
        Assert.Equal(["a"], informer.ByIndex("gadget", "default/g1").Select(w => w.Metadata.Name));

        await stop();
        await run;
    }

    private static (ResourceInformer<Widget> Informer, ConcurrentQueue<string> Log, Task Run, Func<Task> Stop) Start(
        TestCluster cluster, Action<ResourceInformer<Widget>>? configure = null)
    {
        var informer = new ResourceInformer<Widget>(cluster.Widgets, new InformerOptions
        {
            Namespace = "default",
            InitialReconnectDelay = TimeSpan.FromMilliseconds(20),
            ResyncPeriod = TimeSpan.Zero,
        });
        configure?.Invoke(informer);
        var log = new ConcurrentQueue<string>();
        informer.Subscribe(new ResourceEventHandler<Widget>
        {
            OnAdded = w => log.Enqueue($"added {w.Metadata.Name}"),
            OnUpdated = (o, n) => log.Enqueue($"updated {n.Metadata.Name} {o.Spec.Size}->{n.Spec.Size}"),
            OnDeleted = w => log.Enqueue($"deleted {w.Metadata.Name}"),
        });
        var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        return (informer, log, run, async () =>
        {
            await cts.CancelAsync();
            cts.Dispose();
        });
    }
}
