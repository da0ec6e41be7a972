using System.Collections.Concurrent;
using System.Diagnostics;
using ContactOperator.Runtime.Leadership;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Tests.Support;
using k8s;
using k8s.Models;

namespace ContactOperator.Runtime.Tests.Integration;

public class LeaderElectionTests
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Only_the_leader_reconciles_and_a_second_instance_takes_over_within_the_lease_duration()
    {
        await using var cluster = await TestCluster.StartAsync();
        var tracker = new OverlapTracker();
        var a = await StartAsync(cluster, "instance-a", tracker);
        await Eventually.TrueAsync(() => a.Manager.IsLeader, "instance-a leads");
        await using var b = await StartAsync(cluster, "instance-b", tracker);

        for (var i = 0; i < 10; i++)
        {
            await cluster.Widgets.CreateAsync(Widget.New("default", $"w{i}", 1));
        }

        await Eventually.TrueAsync(() => tracker.Reconciled.Select(r => r.Name).Distinct().Count() == 10, "all reconciled");
        Assert.All(tracker.Reconciled, r => Assert.Equal("instance-a", r.Instance));
        Assert.False(b.Manager.IsLeader);

        var stopped = Stopwatch.StartNew();
        await a.DisposeAsync();
        await cluster.Widgets.CreateAsync(Widget.New("default", "after", 1));
        await Eventually.TrueAsync(() => tracker.Reconciled.Any(r => r.Name == "after" && r.Instance == "instance-b"), "instance-b took over", LeaseDuration);
        Assert.True(stopped.Elapsed < LeaseDuration, $"takeover took {stopped.Elapsed}");

        var lease = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("widget-leader", "default");
        Assert.Equal("instance-b", lease.Spec.HolderIdentity);
        Assert.Equal(1, tracker.MaxOverlap);
    }

    [Fact]
    public async Task An_abandoned_lease_is_taken_over_once_it_expires()
    {
        await using var cluster = await TestCluster.StartAsync();
        var tracker = new OverlapTracker();
        var a = await StartAsync(cluster, "instance-a", tracker, releaseOnCancel: false);
        await Eventually.TrueAsync(() => a.Manager.IsLeader, "instance-a leads");
        await using var b = await StartAsync(cluster, "instance-b", tracker);
        await cluster.Widgets.CreateAsync(Widget.New("default", "w", 1));
        await Eventually.TrueAsync(() => tracker.Reconciled.Any(r => r.Instance == "instance-a"), "instance-a reconciled");

        var stopped = Stopwatch.StartNew();
        await a.DisposeAsync();
        await Eventually.TrueAsync(() => b.Manager.IsLeader, "instance-b took over", LeaseDuration * 3);

        // client-go semantics: a follower waits a full lease duration from the last renewal it observed.
        var bound = LeaseDuration + (RetryPeriod * 2) + TimeSpan.FromMilliseconds(500);
        Assert.True(stopped.Elapsed < bound, $"takeover took {stopped.Elapsed}, expected under {bound}");
        Assert.True(stopped.Elapsed >= LeaseDuration - RetryPeriod * 2, $"took over after only {stopped.Elapsed}: before the lease could have expired");
        Assert.Equal(1, tracker.MaxOverlap);
    }

    [Fact]
    public async Task Losing_the_lease_cancels_in_flight_reconciles_at_once()
    {
        await using var cluster = await TestCluster.StartAsync();
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciler = new RecordingReconciler(async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }

            return ReconcileResult.Done;
        });
        await using var op = await TestOperator.StartAsync(cluster, reconciler, o => o with { LeaderElection = Election("instance-a", "widget-leader") });
        await Eventually.TrueAsync(() => op.Manager.IsLeader, "leads");
        await cluster.Widgets.CreateAsync(Widget.New("default", "w", 1));
        await Eventually.TrueAsync(() => reconciler.CountFor("w") == 1, "reconcile running");

        var lease = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("widget-leader", "default");
        lease.Spec.HolderIdentity = "intruder";
        lease.Spec.LeaseDurationSeconds = 60;
        lease.Spec.RenewTime = DateTime.UtcNow;
        await cluster.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "widget-leader", "default");

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => !op.Manager.IsLeader && !op.Controller.IsRunning, "stopped leading");
    }

    [Fact]
    public async Task A_leader_without_controllers_keeps_renewing_its_lease()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var manager = new ContactOperator.Runtime.Hosting.ControllerManager(
            TestCluster.NewClient(cluster.Server),
            new ContactOperator.Runtime.Hosting.ManagerOptions { MetricsPort = null, HealthPort = null, LeaderElection = Election("solo", "solo-leader") });
        await manager.StartAsync();
        await Eventually.TrueAsync(() => manager.IsLeader, "leads");
        var first = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("solo-leader", "default");

        await Eventually.TrueAsync(
            async () => (await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("solo-leader", "default")).Spec.RenewTime > first.Spec.RenewTime,
            "lease renewed");
        var later = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("solo-leader", "default");
        Assert.Equal("solo", later.Spec.HolderIdentity);
        Assert.Equal(first.Spec.AcquireTime, later.Spec.AcquireTime);
        Assert.Equal(first.Spec.LeaseTransitions, later.Spec.LeaseTransitions);
        Assert.True(manager.IsLeader);
    }

    private static LeaderElectionOptions Election(string identity, string lease, bool releaseOnCancel = true) => new()
    {
        Identity = identity,
        LeaseName = lease,
        LeaseNamespace = "default",
        LeaseDuration = LeaseDuration,
        RenewDeadline = TimeSpan.FromMilliseconds(1500),
        RetryPeriod = RetryPeriod,
        ReleaseOnCancel = releaseOnCancel,
    };

    private static Task<TestOperator> StartAsync(TestCluster cluster, string identity, OverlapTracker tracker, bool releaseOnCancel = true) =>
        TestOperator.StartAsync(
            cluster,
            new RecordingReconciler(async (request, ct) =>
            {
                using (tracker.Enter(identity, request.Key.Name))
                {
                    await Task.Delay(5, ct);
                }

                return ReconcileResult.Done;
            }),
            o => o with { LeaderElection = Election(identity, "widget-leader", releaseOnCancel) });

    private sealed class OverlapTracker
    {
        private int inFlight;
        private int maxOverlap;

        public ConcurrentQueue<(string Instance, string Name)> Reconciled { get; } = new();

        public int MaxOverlap => Volatile.Read(ref maxOverlap);

        public IDisposable Enter(string instance, string name)
        {
            var now = Interlocked.Increment(ref inFlight);
            int seen;
            while ((seen = Volatile.Read(ref maxOverlap)) < now && Interlocked.CompareExchange(ref maxOverlap, now, seen) != seen)
            {
            }

            Reconciled.Enqueue((instance, name));
            return new Exit(() => Interlocked.Decrement(ref inFlight));
        }

        private sealed class Exit(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }
}
