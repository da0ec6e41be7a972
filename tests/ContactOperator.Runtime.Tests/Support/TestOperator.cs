using ContactOperator.Runtime.Hosting;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Runtime.Tests.Support;

/// <summary>A ControllerManager with one Widget controller, wired to a test cluster.</summary>
public sealed class TestOperator : IAsyncDisposable
{
    private TestOperator(ControllerManager manager, Controller<Widget> controller)
    {
        Manager = manager;
        Controller = controller;
    }

    public ControllerManager Manager { get; }

    public Controller<Widget> Controller { get; }

    public static async Task<TestOperator> StartAsync(
        TestCluster cluster,
        IReconciler<Widget> reconciler,
        Func<ManagerOptions, ManagerOptions>? configure = null,
        Func<ControllerBuilder<Widget>, ControllerBuilder<Widget>>? build = null,
        bool waitForSync = true)
    {
        var options = new ManagerOptions
        {
            Namespace = TestCluster.Namespace,
            MetricsPort = null,
            HealthPort = null,
            BindAddress = "127.0.0.1",
            ResyncPeriod = TimeSpan.Zero,
            WatchReconnectDelay = TimeSpan.FromMilliseconds(20),
        };
        options = configure?.Invoke(options) ?? options;
        var manager = new ControllerManager(TestCluster.NewClient(cluster.Server), options);
        var builder = manager.For(Widget.Descriptor);
        builder = build?.Invoke(builder) ?? builder;
        var controller = builder.Complete(reconciler);
        await manager.StartAsync();
        if (waitForSync)
        {
            await manager.WaitForCacheSyncAsync();
        }

        return new TestOperator(manager, controller);
    }

    /// <summary>Waits until the controller's queue is empty and nothing is in flight.</summary>
    public Task IdleAsync() => Eventually.TrueAsync(
        () => Controller.Queue is { } q && q.Count == 0 && q.LongestRunning == TimeSpan.Zero, "controller idle");

    public static ObjectKey Key(string name) => new(TestCluster.Namespace, name);

    public async ValueTask DisposeAsync()
    {
        await Manager.DisposeAsync();
        Manager.Kubernetes.Dispose();
    }
}
