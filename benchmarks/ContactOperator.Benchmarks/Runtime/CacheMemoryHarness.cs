using System.Runtime.CompilerServices;
using ContactOperator.Runtime.Caching;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Benchmarks.Runtime;

/// <summary>
/// Managed memory the informer cache holds per 1,000 cached objects (objects shaped like the operator's CRs,
/// managedFields stripped as the runtime does by default). Creates <c>--objects</c> objects (default 5000),
/// measures the heap after a full GC before and after the informer lists them.
/// </summary>
public static class CacheMemoryHarness
{
    [ModuleInitializer]
    internal static void Register() => Harnesses.Register("runtime-cache-memory", RunAsync);

    public static async Task<int> RunAsync(string[] args)
    {
        var objects = BenchCluster.IntArg(args, "--objects", 5000);
        var (server, client) = await BenchCluster.StartAsync();
        await using var _ = server;
        using var __ = client;
        var resources = new ResourceClient<BenchResource>(client, BenchResource.Descriptor);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < objects)
            {
                var created = await resources.CreateAsync(BenchResource.New($"r{i:D6}", i));
                await resources.PatchStatusAsync(ObjectKey.From(created), System.Text.Json.Nodes.JsonNode.Parse(
                    """{"status":{"id":"8f1c2d3e-aaaa-bbbb-cccc-1234567890ab","observedGeneration":1,"conditions":[{"type":"Ready","status":"True","reason":"Available","message":"queue exists and matches","lastTransitionTime":"2026-01-01T00:00:00Z","observedGeneration":1},{"type":"Synced","status":"True","reason":"Synced","message":"","lastTransitionTime":"2026-01-01T00:00:00Z","observedGeneration":1}]}}""")!);
            }
        })));

        // The emulator lives in this process too, so measure only what the informer retains.
        var informer = new ResourceInformer<BenchResource>(resources, new InformerOptions { Namespace = "default", ResyncPeriod = TimeSpan.Zero });
        var before = Heap();
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(CancellationToken.None);
        var after = Heap();
        var perThousand = (after - before) * 1000.0 / informer.Count;
        Console.WriteLine($"objects cached: {informer.Count}");
        Console.WriteLine($"heap growth:    {(after - before) / 1024.0 / 1024.0:F2} MiB");
        Console.WriteLine($"per 1,000 objects: {perThousand / 1024.0 / 1024.0:F2} MiB ({perThousand / 1000.0 / 1024.0:F2} KiB per object)");
        await cts.CancelAsync();
        await run;
        GC.KeepAlive(informer);
        return 0;
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
