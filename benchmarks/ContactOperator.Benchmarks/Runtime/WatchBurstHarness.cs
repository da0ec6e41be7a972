using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using ContactOperator.Runtime.Caching;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Benchmarks.Runtime;

/// <summary>
/// The runtime's own ceiling: <c>--objects</c> (default 5000) changes are waiting in the server's watch history
/// when the informer resumes its watch, so they arrive as one burst of watch events with no writer competing for
/// CPU. Reports events/second from the resumed watch to reconcile start and the dispatch → reconcile-start latency.
/// </summary>
public static class WatchBurstHarness
{
    [ModuleInitializer]
    internal static void Register() => Harnesses.Register("runtime-watch-burst", RunAsync);

    public static async Task<int> RunAsync(string[] args)
    {
        var objects = BenchCluster.IntArg(args, "--objects", 5000);
        var workers = BenchCluster.IntArg(args, "--workers", 4);
        var (server, client) = await BenchCluster.StartAsync();
        await using var _ = server;
        using var __ = client;
        var resources = new ResourceClient<BenchResource>(client, BenchResource.Descriptor);
        var informer = new ResourceInformer<BenchResource>(resources, new InformerOptions { Namespace = "default", ResyncPeriod = TimeSpan.Zero });

        // Sync once (empty), stop, then let the world change while the informer is away.
        using (var first = new CancellationTokenSource())
        {
            var run = informer.RunAsync(first.Token);
            await informer.WaitForSyncAsync(CancellationToken.None);
            await first.CancelAsync();
            await run;
        }

        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < objects)
            {
                await resources.CreateAsync(BenchResource.New($"r{i:D6}", i));
            }
        })));

        var clock = Stopwatch.StartNew();
        var dispatched = new ConcurrentDictionary<string, double>();
        var started = new ConcurrentDictionary<string, double>();
        informer.Subscribe(new ResourceEventHandler<BenchResource> { OnAdded = r => dispatched.TryAdd(r.Metadata.Name, clock.Elapsed.TotalMilliseconds) });
        var controller = new Controller<BenchResource>("bench", informer, new Stamping(started, clock), new ControllerOptions { MaxConcurrentReconciles = workers });
        using var stop = new CancellationTokenSource();
        var controllerRun = controller.RunAsync(stop.Token, CancellationToken.None);
        var resumed = clock.Elapsed.TotalMilliseconds;
        var informerRun = informer.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (started.Count < objects && DateTime.UtcNow < deadline)
        {
            await Task.Delay(2);
        }

        await stop.CancelAsync();
        await Task.WhenAll(controllerRun, informerRun);
        if (started.Count < objects || informer.Relists > 0)
        {
            Console.Error.WriteLine($"only {started.Count} of {objects} reconciles started (relists: {informer.Relists})");
            return 1;
        }

        var latency = started.Select(s => s.Value - dispatched[s.Key]).Order().ToArray();
        var lastStart = started.Values.Max();
        Console.WriteLine($"objects={objects} workers={workers} cpus={Environment.ProcessorCount}");
        Console.WriteLine($"resumed watch → reconcile start: {objects / ((lastStart - resumed) / 1000):F0} events/s ({lastStart - resumed:F0} ms for {objects})");
        Console.WriteLine($"informer dispatch → reconcile start (ms): p50 {P(latency, 0.50):F3}  p99 {P(latency, 0.99):F3}  max {latency[^1]:F3}");
        return 0;
    }

    private static double P(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    private sealed class Stamping(ConcurrentDictionary<string, double> started, Stopwatch clock) : IReconciler<BenchResource>
    {
        public Task<ReconcileResult> ReconcileAsync(ReconcileRequest<BenchResource> request, CancellationToken cancellationToken)
        {
            started.TryAdd(request.Key.Name, clock.Elapsed.TotalMilliseconds);
            return Task.FromResult(ReconcileResult.Done);
        }
    }
}
