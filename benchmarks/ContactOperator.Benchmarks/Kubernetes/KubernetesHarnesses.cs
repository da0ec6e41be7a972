using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes;
using ContactOperator.Emulators.Kubernetes.Storage;

namespace ContactOperator.Benchmarks.Kubernetes;

/// <summary>
/// Harnesses for the Kubernetes API emulator:
/// <c>dotnet run -c Release --project benchmarks/ContactOperator.Benchmarks -- harness k8s-watch-memory [events]</c> and
/// <c>… harness k8s-list [objects] [rounds]</c>.
/// </summary>
internal static class KubernetesHarnesses
{
    [ModuleInitializer]
    internal static void Register()
    {
        Harnesses.Register("k8s-watch-memory", WatchMemoryAsync);
        Harnesses.Register("k8s-list", ListAsync);
    }

    /// <summary>
    /// Streams N MODIFIED events (writes go through the server's own write path in-process; the watcher is a real HTTP
    /// client reading the NDJSON stream) and samples the managed heap after full GCs. Flat = the history ring and the
    /// per-watch queue are bounded by what the client has not read yet, not by the number of events.
    /// </summary>
    private static async Task<int> WatchMemoryAsync(string[] args)
    {
        var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        await using var server = await KubernetesApiServer.StartAsync();
        var writer = new ResourceWriter(server.State);
        var type = server.State.Registry.Find("", "v1", "configmaps")!;
        await writer.CreateAsync(type, "default", ConfigMap("hot", 0), new WriteOptions(), CancellationToken.None);

        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var response = await http.GetAsync("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var received = 0;
        var reading = Task.Run(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.Length > 0 && Interlocked.Increment(ref received) >= total + 1)
                {
                    return;
                }
            }
        });

        var samples = new List<(int Events, long Bytes)>();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 1; i <= total; i++)
        {
            await writer.PatchAsync(type, "default", "hot", null, new WriteOptions(), "Update", current =>
            {
                current!["data"]!["counter"] = i.ToString(CultureInfo.InvariantCulture);
                return current;
            }, CancellationToken.None);
            if (i % (total / 10) == 0)
            {
                while (Volatile.Read(ref received) < i + 1)
                {
                    await Task.Yield();
                }
                samples.Add((i, Heap()));
            }
        }
        await reading;
        stopwatch.Stop();
        Console.WriteLine($"k8s-watch-memory: {total:N0} watch events in {stopwatch.Elapsed.TotalSeconds:F1} s ({total / stopwatch.Elapsed.TotalSeconds:N0} events/s)");
        foreach (var (events, bytes) in samples)
        {
            Console.WriteLine($"  after {events,7:N0} events: managed heap {bytes / 1024.0 / 1024.0,7:F1} MiB");
        }
        var growth = samples[^1].Bytes - samples[1].Bytes;
        Console.WriteLine($"  growth between the 2nd and last sample: {growth / 1024.0 / 1024.0:F1} MiB");
        return 0;
    }

    /// <summary>Creates N config maps and times full LIST requests over HTTP (plain JSON and Table).</summary>
    private static async Task<int> ListAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        await using var server = await KubernetesApiServer.StartAsync();
        var writer = new ResourceWriter(server.State);
        var type = server.State.Registry.Find("", "v1", "configmaps")!;
        for (var i = 0; i < count; i++)
        {
            await writer.CreateAsync(type, "default", ConfigMap($"cm-{i:D6}", i), new WriteOptions(), CancellationToken.None);
        }
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        foreach (var (label, accept) in new[] { ("json", "application/json"), ("table", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json") })
        {
            var timings = new List<double>();
            for (var round = 0; round < rounds + 2; round++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/default/configmaps");
                request.Headers.TryAddWithoutValidation("Accept", accept);
                var stopwatch = Stopwatch.StartNew();
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsByteArrayAsync();
                stopwatch.Stop();
                if (round >= 2)
                {
                    timings.Add(stopwatch.Elapsed.TotalMilliseconds);
                }
                if (round == 0)
                {
                    var items = JsonNode.Parse(body)![label == "json" ? "items" : "rows"]!.AsArray().Count;
                    Console.WriteLine($"k8s-list {label}: {items:N0} objects, {body.Length / 1024.0 / 1024.0:F1} MiB per response");
                }
            }
            timings.Sort();
            Console.WriteLine($"  {label}: median {timings[timings.Count / 2]:F1} ms, min {timings[0]:F1} ms, max {timings[^1]:F1} ms over {rounds} rounds");
        }
        return 0;
    }

    private static JsonObject ConfigMap(string name, int value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = "bench" } },
        ["data"] = new JsonObject { ["counter"] = value.ToString(CultureInfo.InvariantCulture), ["payload"] = new string('x', 256) },
    };

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
