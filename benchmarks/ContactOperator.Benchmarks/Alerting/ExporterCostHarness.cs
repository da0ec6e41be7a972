using System.Globalization;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Emulators.Aws;
using ContactOperator.Local;
using ContactOperator.Metrics;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace ContactOperator.Benchmarks.Alerting;

/// <summary>
/// What the contact-center exporter costs: Connect API calls per poll cycle of an instance with <c>--queues</c> queues
/// (default 50, the default per-instance quota), the share of the account's GetCurrentMetricData (5 rps) and
/// GetMetricDataV2 (10 rps) quotas that <c>--instances</c> instances (default 2, the default per-Region quota) use at
/// <c>--interval</c> seconds (default 30), the heap the exporter adds (client, gauges, series) and the allocations per
/// cycle. Calls are counted by the AWS emulator, which enforces Connect's documented rate limits.
/// </summary>
public static class ExporterCostHarness
{
    private const double CurrentMetricQuota = 5;
    private const double HistoricalMetricQuota = 10;

    [ModuleInitializer]
    internal static void Register() => Harnesses.Register("exporter-cost", RunAsync);

    public static async Task<int> RunAsync(string[] args)
    {
        var queues = Runtime.BenchCluster.IntArg(args, "--queues", 50);
        var instanceCount = Runtime.BenchCluster.IntArg(args, "--instances", 2);
        var interval = TimeSpan.FromSeconds(Runtime.BenchCluster.IntArg(args, "--interval", 30));
        var cycles = Runtime.BenchCluster.IntArg(args, "--cycles", 20);
        // The emulator's clock (and so its rate limits) advances one interval per cycle: cycles are spaced as in production.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var aws = await AwsEmulator.StartAsync(new AwsEmulatorOptions { Port = 0, InstanceCreationDelay = TimeSpan.Zero, TimeProvider = clock });
        var instances = Enumerable.Range(0, instanceCount)
            .Select(i => SampleLoad.CreateInstanceWithQueues(aws.Control, "us-east-1", $"bench-{i}", queues)).ToList();
        foreach (var (id, _, queueIds) in instances)
        {
            foreach (var queueId in queueIds.Keys)
            {
                aws.Control.SetQueueLoad("us-east-1", id, queueId, SampleLoad.Quiet);
            }
        }

        var before = Heap();
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var options = new ExporterOptions { Interval = interval };
        var connect = new ConnectClient(new AwsClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = aws.Endpoint,
            Credentials = new BasicAWSCredentials("AKIDBENCH", "bench-secret"),
            Metrics = new AwsMetrics(registry),
        });
        var gauges = new ContactCenterGauges(registry);
        var poller = new InstancePoller(options);
        aws.Control.ClearRequestLog();
        await CycleAsync(clock, poller, connect, gauges, instances);
        var currentPerCycle = aws.Control.CountOf("GetCurrentMetricData") / (double)instanceCount;
        var historicalPerCycle = aws.Control.CountOf("GetMetricDataV2") / (double)instanceCount;
        await ScrapeAsync(registry);
        var after = Heap();

        // Steady state: more cycles, one interval apart on the emulator's clock; throttles must stay at zero.
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < cycles; i++)
        {
            clock.Advance(interval);
            await CycleAsync(clock, poller, connect, gauges, instances);
            await ScrapeAsync(registry);
        }
        var allocatedPerCycle = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)cycles;
        var throttled = aws.Control.RequestLog.Count(e => e.ErrorCode is "ThrottlingException" or "TooManyRequestsException" or "LimitExceededException");
        var steady = Heap();

        var seconds = interval.TotalSeconds;
        var currentRate = instanceCount * currentPerCycle / seconds;
        var historicalRate = instanceCount * historicalPerCycle / seconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queues per instance:            {queues}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calls per poll cycle:           {currentPerCycle:F0} GetCurrentMetricData, {historicalPerCycle:F0} GetMetricDataV2"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{instanceCount} instances every {seconds:F0} s:        {currentRate:F3} rps of {CurrentMetricQuota} GetCurrentMetricData ({currentRate / CurrentMetricQuota:P2} of the quota), {historicalRate:F3} rps of {HistoricalMetricQuota} GetMetricDataV2 ({historicalRate / HistoricalMetricQuota:P2})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throttled calls in {cycles + 1} cycles:   {throttled}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"heap added by the exporter:     {(after - before) / 1024.0 / 1024.0:F2} MiB after the first cycle, {(steady - before) / 1024.0 / 1024.0:F2} MiB after {cycles + 1} ({instanceCount * queues} queues, {instanceCount * queues * QueueSeries.All.Count} series)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocated per cycle:            {allocatedPerCycle / 1024.0:F0} KiB (whole process, the in-process emulator included; all collected)"));
        GC.KeepAlive(connect);
        connect.Dispose();
        return currentPerCycle <= 2 && historicalPerCycle <= 2 && throttled == 0 ? 0 : 1;
    }

    private static async Task CycleAsync(TimeProvider clock, InstancePoller poller, ConnectClient connect, ContactCenterGauges gauges, IEnumerable<(string Id, string Arn, IReadOnlyDictionary<string, string> Queues)> instances)
    {
        foreach (var (id, arn, queues) in instances)
        {
            var result = await poller.PollAsync(connect, new PollTarget(id, arn, queues), clock.GetUtcNow(), CancellationToken.None);
            gauges.Record("default", id, result, DateTimeOffset.UtcNow);
        }
    }

    private static async Task ScrapeAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
