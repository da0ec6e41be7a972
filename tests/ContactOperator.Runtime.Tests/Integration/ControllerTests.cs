using System.Text.Json.Nodes;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using ContactOperator.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ContactOperator.Runtime.Tests.Integration;

public class ControllerTests
{
    private static ObjectKey Key(string name) => TestOperator.Key(name);

    [Fact]
    public async Task Every_create_update_and_delete_reaches_the_reconciler()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Widgets.CreateAsync(Widget.New("default", "existing", 1));
        var reconciler = new RecordingReconciler();
        await using var op = await TestOperator.StartAsync(cluster, reconciler);

        await Eventually.TrueAsync(() => reconciler.Saw("existing", c => c.Size == 1), "existing object reconciled at start");
        await cluster.Widgets.CreateAsync(Widget.New("default", "a", 1));
        await Eventually.TrueAsync(() => reconciler.Saw("a", c => c.Size == 1), "create reconciled");
        await cluster.Widgets.PatchAsync(Key("a"), JsonNode.Parse("""{"spec":{"size":2}}""")!);
        await Eventually.TrueAsync(() => reconciler.Saw("a", c => c.Size == 2), "update reconciled");
        await cluster.Widgets.DeleteAsync(Key("a"));
        await Eventually.TrueAsync(() => reconciler.Saw("a", c => c.Gone), "delete reconciled with the object gone");
    }

    [Fact]
    public async Task A_key_changed_1000_times_while_its_reconcile_runs_is_reconciled_at_most_twice_more()
    {
        await using var cluster = await TestCluster.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciler = new RecordingReconciler(async (request, ct) =>
        {
            if (request.Resource?.Metadata.Generation == 1)
            {
                await release.Task.WaitAsync(ct);
            }

            return ReconcileResult.Done;
        });
        await using var op = await TestOperator.StartAsync(cluster, reconciler, build: b => b.WithMaxConcurrentReconciles(4));
        await cluster.Widgets.CreateAsync(Widget.New("default", "hot", 0));
        await Eventually.TrueAsync(() => reconciler.CountFor("hot") == 1, "first reconcile running");

        for (var i = 1; i <= 1000; i++)
        {
            await cluster.Widgets.PatchAsync(Key("hot"), new JsonObject { ["spec"] = new JsonObject { ["size"] = i } });
        }

        await Eventually.TrueAsync(() => op.Controller.Informer.Get(Key("hot"))?.Metadata.Generation == 1001, "cache saw all 1000 changes");
        Assert.Equal(1, reconciler.CountFor("hot"));
        release.SetResult();
        await Eventually.TrueAsync(() => reconciler.Saw("hot", c => c.Generation == 1001), "latest generation reconciled");
        await op.IdleAsync();

        Assert.InRange(reconciler.CountFor("hot"), 2, 3);
        Assert.Equal(1, reconciler.MaxInFlight);
    }

    [Fact]
    public async Task Failures_back_off_exponentially_and_success_resets_the_backoff()
    {
        await using var cluster = await TestCluster.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var failuresLeft = 3;
        var reconciler = new RecordingReconciler((_, _) =>
            Interlocked.Decrement(ref failuresLeft) >= 0 ? throw new InvalidOperationException("AWS is throttling") : Task.FromResult(ReconcileResult.Done));
        await using var op = await TestOperator.StartAsync(
            cluster, reconciler, o => o with { TimeProvider = time }, b => b.WithOptions(c => c with { BackoffJitter = 0 }));
        await cluster.Widgets.CreateAsync(Widget.New("default", "a", 1));

        foreach (var (attempt, delayMs) in new[] { (1, 5), (2, 10), (3, 20) })
        {
            await Eventually.TrueAsync(() => reconciler.CountFor("a") == attempt && op.Controller.Queue?.WaitingCount == 1, $"failure {attempt} backed off");
            time.Advance(TimeSpan.FromMilliseconds(delayMs - 1));
            Assert.Equal(1, op.Controller.Queue!.WaitingCount);
            Assert.Equal(attempt, reconciler.CountFor("a"));
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Eventually.TrueAsync(() => reconciler.CountFor("a") == attempt + 1, $"retry {attempt} after {delayMs} ms");
        }

        await op.IdleAsync();
        Assert.Equal(0, op.Controller.Queue!.NumRequeues(Key("a")));

        // After a success the next failure starts again at 5 ms.
        Interlocked.Exchange(ref failuresLeft, 1);
        await cluster.Widgets.PatchAsync(Key("a"), JsonNode.Parse("""{"spec":{"size":2}}""")!);
        await Eventually.TrueAsync(() => reconciler.CountFor("a") == 5 && op.Controller.Queue?.WaitingCount == 1, "new failure backed off");
        time.Advance(TimeSpan.FromMilliseconds(5));
        await Eventually.TrueAsync(() => reconciler.CountFor("a") == 6, "retried after 5 ms again");
    }

    [Fact]
    public async Task RequeueAfter_reconciles_again_when_the_clock_says_so()
    {
        await using var cluster = await TestCluster.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var reconciler = new RecordingReconciler((_, _) => Task.FromResult(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(30))));
        await using var op = await TestOperator.StartAsync(cluster, reconciler, o => o with { TimeProvider = time });
        await cluster.Widgets.CreateAsync(Widget.New("default", "a", 1));
        await Eventually.TrueAsync(() => reconciler.CountFor("a") == 1 && op.Controller.Queue?.WaitingCount == 1, "requeue scheduled");

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, op.Controller.Queue!.WaitingCount);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => reconciler.CountFor("a") == 2, "reconciled after 30 s");
    }

    [Fact]
    public async Task A_terminal_error_is_not_retried_until_the_generation_changes()
    {
        await using var cluster = await TestCluster.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var reconciler = new RecordingReconciler((request, _) =>
            request.Resource?.Spec.Size < 0 ? throw new TerminalReconcileException("size must not be negative") : Task.FromResult(ReconcileResult.Done));
        await using var op = await TestOperator.StartAsync(cluster, reconciler, o => o with { TimeProvider = time, ResyncPeriod = TimeSpan.FromMinutes(10) });
        await cluster.Widgets.CreateAsync(Widget.New("default", "bad", -1));
        await cluster.Widgets.CreateAsync(Widget.New("default", "good", 1));
        await Eventually.TrueAsync(() => reconciler.CountFor("bad") == 1 && reconciler.CountFor("good") == 1, "both reconciled once");
        await op.IdleAsync();
        Assert.Equal(0, op.Controller.Queue!.WaitingCount);

        // Neither a resync nor a status write retries it...
        time.Advance(TimeSpan.FromMinutes(10));
        await Eventually.TrueAsync(() => op.Controller.Informer.Resyncs == 1 && reconciler.CountFor("good") == 2, "resync done");
        await cluster.Widgets.PatchStatusAsync(Key("bad"), JsonNode.Parse("""{"status":{"phase":"Failed"}}""")!);
        await cluster.Widgets.CreateAsync(Widget.New("default", "barrier", 1));
        await Eventually.TrueAsync(() => reconciler.CountFor("barrier") == 1, "later event processed");
        await op.IdleAsync();
        Assert.Equal(1, reconciler.CountFor("bad"));

        // ...a user edit (new generation) does.
        await cluster.Widgets.PatchAsync(Key("bad"), JsonNode.Parse("""{"spec":{"size":3}}""")!);
        await Eventually.TrueAsync(() => reconciler.Saw("bad", c => c.Size == 3), "new generation reconciled");
    }

    [Fact]
    public async Task Status_only_changes_do_not_trigger_a_reconcile_but_spec_and_deletion_do()
    {
        await using var cluster = await TestCluster.StartAsync();
        var reconciler = new RecordingReconciler();
        await using var op = await TestOperator.StartAsync(cluster, reconciler);
        await cluster.Widgets.CreateAsync(Widget.New("default", "a", 1));
        await Eventually.TrueAsync(() => reconciler.CountFor("a") == 1, "created");
        await op.IdleAsync();

        await cluster.Widgets.PatchStatusAsync(Key("a"), JsonNode.Parse("""{"status":{"phase":"Ready"}}""")!);
        await cluster.Widgets.PatchAsync(Key("a"), JsonNode.Parse("""{"metadata":{"labels":{"team":"x"}}}""")!);
        await cluster.Widgets.CreateAsync(Widget.New("default", "barrier", 1));
        await Eventually.TrueAsync(() => reconciler.CountFor("barrier") == 1, "later event processed");
        await op.IdleAsync();
        Assert.Equal(1, reconciler.CountFor("a"));

        await cluster.Widgets.AddFinalizerAsync(await cluster.Widgets.GetAsync(Key("a")), "test.contact-operator.io/cleanup");
        await cluster.Widgets.DeleteAsync(Key("a"));
        await Eventually.TrueAsync(() => reconciler.CountFor("a") == 2, "deletion (deletionTimestamp set) reconciled");
    }

    [Fact]
    public async Task A_dependency_change_enqueues_its_dependents_through_an_index()
    {
        await using var cluster = await TestCluster.StartAsync();
        var reconciler = new RecordingReconciler();
        await cluster.Widgets.CreateAsync(Widget.New("default", "a", gadget: "g1"));
        await cluster.Widgets.CreateAsync(Widget.New("default", "b", gadget: "g1"));
        await cluster.Widgets.CreateAsync(Widget.New("default", "c", gadget: "g2"));
        await using var op = await TestOperator.StartAsync(cluster, reconciler, build: b => b
            .WithIndex("gadget", w => w.Spec.GadgetRef is { } r ? [$"{w.Metadata.NamespaceProperty}/{r.Name}"] : [])
            .WatchesReferencing(Gadget.Descriptor, "gadget"));
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 3, "initial reconciles");
        await op.IdleAsync();

        await cluster.Gadgets.CreateAsync(Gadget.New("default", "g1"));
        await Eventually.TrueAsync(() => reconciler.CountFor("a") == 2 && reconciler.CountFor("b") == 2, "dependents of g1 reconciled");
        await cluster.Gadgets.PatchStatusAsync(Key("g1"), JsonNode.Parse("""{"status":{"phase":"Ready"}}""")!);
        await Eventually.TrueAsync(() => reconciler.CountFor("a") == 3 && reconciler.CountFor("b") == 3, "a dependency's status change wakes dependents");
        await op.IdleAsync();
        Assert.Equal(1, reconciler.CountFor("c"));
    }

    [Fact]
    public async Task Workers_never_reconcile_one_key_twice_at_once_but_run_different_keys_in_parallel()
    {
        await using var cluster = await TestCluster.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciler = new RecordingReconciler(async (_, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return ReconcileResult.Done;
        });
        await using var op = await TestOperator.StartAsync(cluster, reconciler, build: b => b.WithMaxConcurrentReconciles(3));
        for (var i = 0; i < 3; i++)
        {
            await cluster.Widgets.CreateAsync(Widget.New("default", $"w{i}", 1));
        }

        await Eventually.TrueAsync(() => reconciler.MaxInFlight == 3, "three keys in parallel");
        gate.SetResult();
        await op.IdleAsync();
    }
}
