using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using ContactOperator.Runtime.Caching;
using ContactOperator.Runtime.Hosting;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Benchmarks.Runtime;

/// <summary>
/// Events per second from the watch to the reconciler, and the latency of that path, against the emulated API server.
/// Writers create <c>--objects</c> objects (default 5000) with <c>--writers</c> concurrent clients (default 8);
/// one controller with <c>--workers</c> workers (default 4) records when each reconcile starts.
/// Latencies: watch event dispatched by the informer → reconcile start (the runtime's own cost), and create
/// response → reconcile start (adds the server's watch delivery).
/// </summary>
public static class WatchToReconcileHarness
{
    [ModuleInitializer]
    internal static void Register() => Harnesses.Register("runtime-watch-to-reconcile", RunAsync);

    public static async Task<int> RunAsync(string[] args)
    {
        var objects = BenchCluster.IntArg(args, "--objects", 5000);
        var writers = BenchCluster.IntArg(args, "--writers", 8);
        var workers = BenchCluster.IntArg(args, "--workers", 4);
        var (server, client) = await BenchCluster.StartAsync();
        await using var _ = server;
        using var __ = client;

        var clock = Stopwatch.StartNew();
        var created = new ConcurrentDictionary<string, double>();
        var dispatched = new ConcurrentDictionary<string, double>();
        var started = new ConcurrentDictionary<string, double>();
        var manager = new ControllerManager(BenchCluster.NewClient(server), new ManagerOptions
        {
            Namespace = "default",
            MetricsPort = null,
            HealthPort = null,
            ResyncPeriod = TimeSpan.Zero,
        });
        var informer = manager.GetInformer(BenchResource.Descriptor);
        informer.Subscribe(new ResourceEventHandler<BenchResource> { OnAdded = r => dispatched.TryAdd(r.Metadata.Name, clock.Elapsed.TotalMilliseconds) });
        manager.For(BenchResource.Descriptor).WithMaxConcurrentReconciles(workers).Complete(new StampingReconciler(started, clock));
        await manager.StartAsync();
        await manager.WaitForCacheSyncAsync();

        var writerClient = new ResourceClient<BenchResource>(client, BenchResource.Descriptor);
        var next = -1;
        var firstCreate = clock.Elapsed.TotalMilliseconds;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < objects)
            {
                var name = $"r{i:D6}";
                await writerClient.CreateAsync(BenchResource.New(name, i));
                created[name] = clock.Elapsed.TotalMilliseconds;
            }
        })));
        var lastCreate = clock.Elapsed.TotalMilliseconds;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (started.Count < objects && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        var lastStart = started.Values.DefaultIfEmpty(0).Max();
        await manager.DisposeAsync();
        if (started.Count < objects)
        {
            Console.Error.WriteLine($"only {started.Count} of {objects} reconciles started within 2 minutes");
            return 1;
        }

        var runtimeLatency = started.Select(s => s.Value - dispatched[s.Key]).Order().ToArray();
        var endToEnd = started.Select(s => s.Value - created[s.Key]).Order().ToArray();
        Console.WriteLine($"objects={objects} writers={writers} workers={workers} cpus={Environment.ProcessorCount}");
        Console.WriteLine($"create rate:                  {objects / ((lastCreate - firstCreate) / 1000):F0} objects/s");
        Console.WriteLine($"watch→reconcile-start rate:   {objects / ((lastStart - firstCreate) / 1000):F0} events/s (first create to last reconcile start)");
        Console.WriteLine($"informer dispatch → reconcile start (ms): p50 {P(runtimeLatency, 0.50):F3}  p99 {P(runtimeLatency, 0.99):F3}  max {runtimeLatency[^1]:F3}");
        Console.WriteLine($"create response → reconcile start (ms):   p50 {P(endToEnd, 0.50):F3}  p99 {P(endToEnd, 0.99):F3}  max {endToEnd[^1]:F3}");
        return 0;
    }

    private static double P(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    private sealed class StampingReconciler(ConcurrentDictionary<string, double> started, Stopwatch clock) : IReconciler<BenchResource>
    {
        public Task<ReconcileResult> ReconcileAsync(ReconcileRequest<BenchResource> request, CancellationToken cancellationToken)
        {
            started.TryAdd(request.Key.Name, clock.Elapsed.TotalMilliseconds);
            return Task.FromResult(ReconcileResult.Done);
        }
    }
}
