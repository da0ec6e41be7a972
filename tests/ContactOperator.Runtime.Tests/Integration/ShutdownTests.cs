using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ContactOperator.Runtime.Tests.Integration;

public class ShutdownTests
{
    [Fact]
    public async Task Stop_takes_no_new_work_and_lets_the_in_flight_reconcile_finish()
    {
        await using var cluster = await TestCluster.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = 0;
        var reconciler = new RecordingReconciler(async (request, ct) =>
        {
            if (request.Key.Name == "slow")
            {
                await release.Task.WaitAsync(ct);
                Interlocked.Increment(ref finished);
            }

            return ReconcileResult.Done;
        });
        await using var op = await TestOperator.StartAsync(cluster, reconciler);
        await cluster.Widgets.CreateAsync(Widget.New("default", "slow", 1));
        await Eventually.TrueAsync(() => reconciler.CountFor("slow") == 1, "slow reconcile running");

        var stopping = op.Manager.StopAsync();
        await Eventually.TrueAsync(() => op.Controller.Queue?.IsShuttingDown == true, "queue closed");
        await cluster.Widgets.CreateAsync(Widget.New("default", "late", 1));
        Assert.False(stopping.IsCompleted);

        release.SetResult();
        await stopping;
        Assert.Equal(1, finished);
        Assert.Equal(0, reconciler.CountFor("late"));
        Assert.False(op.Controller.IsRunning);
    }

    [Fact]
    public async Task Reconciles_still_running_at_the_shutdown_deadline_are_cancelled()
    {
        await using var cluster = await TestCluster.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cancelled = 0;
        var reconciler = new RecordingReconciler(async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }

            return ReconcileResult.Done;
        });
        await using var op = await TestOperator.StartAsync(cluster, reconciler, o => o with { TimeProvider = time, ShutdownTimeout = TimeSpan.FromSeconds(30) });
        await cluster.Widgets.CreateAsync(Widget.New("default", "stuck", 1));
        await Eventually.TrueAsync(() => reconciler.CountFor("stuck") == 1, "stuck reconcile running");

        var stopping = op.Manager.StopAsync();
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, Volatile.Read(ref cancelled));
        time.Advance(TimeSpan.FromSeconds(1));
        await stopping;
        Assert.Equal(1, cancelled);
    }
}
