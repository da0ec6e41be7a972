using ContactOperator.Runtime.Hosting;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Runtime.Tests.Integration;

public class LoggingTests
{
    [Fact]
    public async Task Every_line_logged_during_a_reconcile_carries_the_objects_namespace_and_name()
    {
        await using var cluster = await TestCluster.StartAsync();
        var capture = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(capture));
        await using var manager = new ControllerManager(
            TestCluster.NewClient(cluster.Server), new ManagerOptions { Namespace = "default", MetricsPort = null, HealthPort = null }, loggerFactory);
        var reconcilerLogger = loggerFactory.CreateLogger("QueueReconciler");
        var attempts = 0;
        manager.For(Widget.Descriptor).Complete(new RecordingReconciler((_, _) =>
        {
            reconcilerLogger.LogInformation("calling AWS");
            return Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("throttled") : Task.FromResult(ReconcileResult.Done);
        }));
        await manager.StartAsync();
        await cluster.Widgets.CreateAsync(Widget.New("default", "a", 1));
        await Eventually.TrueAsync(() => capture.Lines.Count(l => l.Message == "calling AWS") == 2, "two reconciles logged");

        var reconcileLines = capture.Lines.Where(l => l.Message == "calling AWS" || l.Message.StartsWith("Reconcile failed", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, reconcileLines.Count);
        Assert.All(reconcileLines, l =>
        {
            Assert.Equal("default", l.Scope["namespace"]);
            Assert.Equal("a", l.Scope["name"]);
            Assert.Equal("widget", l.Scope["controller"]);
            Assert.NotNull(l.Scope["reconcileID"]);
        });
        Assert.Contains(reconcileLines, l => l.Level == LogLevel.Warning && l.Message.Contains("retrying in", StringComparison.Ordinal));
    }
}
