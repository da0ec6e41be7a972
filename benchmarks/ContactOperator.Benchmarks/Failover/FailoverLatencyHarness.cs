using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using ContactOperator.Alerting;
using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Core;
using ContactOperator.Controllers;
using ContactOperator.Emulators.Aws;
using ContactOperator.Emulators.Aws.Faults;
using ContactOperator.Emulators.Kubernetes;
using ContactOperator.Hosting;
using ContactOperator.Kinds;
using ContactOperator.Kinds.Contract;
using ContactOperator.Kinds.FailoverPlans;
using ContactOperator.Manifests;
using ContactOperator.Metrics;
using ContactOperator.Reconciliation;
using ContactOperator.Runtime.Hosting;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using ContactOperator.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using k8s;

namespace ContactOperator.Benchmarks.Failover;

/// <summary>
/// <c>--moves</c> failovers (default 100, alternating us-east-1 ↔ us-west-2) of a FailoverPlan with ARC routing controls,
/// each started by a merge patch of spec.activeRegion, against both emulators with <c>--aws-latency-ms</c> (default 50)
/// added to every AWS call so the AWS side costs what a real call might. Reports, per move:
/// edit → first AWS write (UpdateRoutingControlStates arriving at the emulator), the operator-added part of it (minus
/// the AWS calls made before the write), total failover time (edit → completion recorded in status.history) and the
/// AWS calls' own time during the move (sum of the emulator's answer times, calls are sequential). The harness polls the
/// plan every 25 ms only to know when to start the next move; the times come from the emulator's request log and status.
/// </summary>
public static class FailoverLatencyHarness
{
    private const string East = "us-east-1";
    private const string West = "us-west-2";

    [ModuleInitializer]
    internal static void Register() => Harnesses.Register("failover-latency", RunAsync);

    public static async Task<int> RunAsync(string[] args)
    {
        var moves = Runtime.BenchCluster.IntArg(args, "--moves", 100);
        var latency = TimeSpan.FromMilliseconds(Runtime.BenchCluster.IntArg(args, "--aws-latency-ms", 50));
        // Each move reads and writes the traffic distribution (Connect allows 2 rps for each); back-to-back moves would
        // measure the emulator's 429 retries instead of the operator, so moves are spaced by default.
        var gap = TimeSpan.FromMilliseconds(Runtime.BenchCluster.IntArg(args, "--gap-ms", 1500));
        await using var kube = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Port = 0 });
        await using var aws = await AwsEmulator.StartAsync(new AwsEmulatorOptions
        {
            Port = 0,
            InstanceCreationDelay = TimeSpan.FromMilliseconds(100),
            TrafficDistributionGroupCreationDelay = TimeSpan.FromMilliseconds(100),
        });
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = kube.BaseAddress.ToString() });
        var applier = new ManifestApplier(client, "bench");
        await applier.ApplyCrdsAsync(Directory.GetFiles(RepoPaths.Of("config", "crd", "bases"), "*.yaml").Order().SelectMany(ManifestReader.ReadFile), CancellationToken.None);
        var options = new AwsClientOptions
        {
            Region = East,
            ServiceUrl = aws.Endpoint,
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "local-secret"),
            EnableRateLimits = false,
        };
        using var contactCenter = new ContactCenterControllers(options, new SyncOptions { WaitPoll = TimeSpan.FromMilliseconds(100) })
        {
            Settings = KindSettings.Defaults
                .With(new FailoverOptions { WaitPoll = TimeSpan.FromMilliseconds(100) })
                .With(new AlertingSettings { Exporter = new ExporterOptions { Enabled = false } }),
        };
        await using var host = await OperatorHost.StartAsync(new OperatorHostOptions
        {
            Kubernetes = client,
            Manager = new ManagerOptions { MetricsPort = null, HealthPort = null, BindAddress = "127.0.0.1" },
            Registrations = [contactCenter],
            LoggerFactory = NullLoggerFactory.Instance,
        });

        var cluster = aws.Control.InvokeOutOfBand("route53-recovery-control-config", West, "CreateCluster", new JsonObject { ["ClusterName"] = "bench" });
        var clusterArn = cluster["Cluster"]!["ClusterArn"]!.GetValue<string>();
        await applier.ApplyAsync(ManifestReader.ReadAll(Manifests(clusterArn)), "default", CancellationToken.None);
        var plans = new ResourceClient<FailoverPlan>(client, Descriptors.FailoverPlan);
        var key = new ObjectKey("default", "bench-dr");
        await WaitAsync(plans, key, p => Conditions.IsTrue(p.Status?.Conditions, ConditionTypes.Ready), TimeSpan.FromSeconds(60));
        aws.Control.InjectFault(new FaultRule { Latency = latency });

        var toFirstWrite = new List<double>();
        var operatorToFirstWrite = new List<double>();
        var total = new List<double>();
        var awsOwn = new List<double>();
        var throttled = 0;
        for (var i = 0; i < moves; i++)
        {
            var target = i % 2 == 0 ? West : East;
            await Task.Delay(gap);
            aws.Control.ClearRequestLog();
            await plans.PatchAsync(key, new JsonObject { ["spec"] = new JsonObject { ["activeRegion"] = target } });
            var edited = DateTimeOffset.UtcNow;
            var done = await WaitAsync(plans, key, p => p.Status is { InProgress: null, Phase: FailoverPhases.Completed } s && s.ActiveRegion == target && s.History?.Count == Math.Min(i + 1, MoveRecords.HistoryLimit), TimeSpan.FromSeconds(60));
            var completed = new DateTimeOffset(DateTime.SpecifyKind(done.Status!.History![0].CompletedTime!.Value, DateTimeKind.Utc));
            var calls = aws.Control.RequestLog.Where(e => e.Time >= edited && e.Time <= completed).OrderBy(e => e.Time).ToList();
            var firstWrite = calls.First(e => e.Operation == "UpdateRoutingControlStates" && e.ErrorCode is null);
            var before = calls.TakeWhile(e => e != firstWrite).Sum(e => e.Duration.TotalMilliseconds);
            toFirstWrite.Add((firstWrite.Time - edited).TotalMilliseconds);
            operatorToFirstWrite.Add((firstWrite.Time - edited).TotalMilliseconds - before);
            total.Add((completed - edited).TotalMilliseconds);
            awsOwn.Add(calls.Sum(e => e.Duration.TotalMilliseconds));
            throttled += calls.Count(e => e.StatusCode == 429);
        }

        var ratios = total.Zip(awsOwn, (t, a) => t / a).ToList();
        Console.WriteLine($"failover-latency: {moves} moves {gap.TotalMilliseconds:0} ms apart, {latency.TotalMilliseconds:0} ms added to each AWS call, no pauses");
        Report("edit -> first AWS write (ms)", toFirstWrite);
        Report("operator-added before the first write (ms)", operatorToFirstWrite);
        Report("total failover time (ms)", total);
        Report("AWS calls' own time during the move (ms)", awsOwn);
        Report("total / AWS calls' own time", ratios);
        Console.WriteLine($"  429 answers during the moves: {throttled}");
        return 0;
    }

    private static string Manifests(string clusterArn) => $"""
        apiVersion: connect.contact-operator.io/v1alpha1
        kind: ContactInstance
        metadata: {"{"}name: bench{"}"}
        spec:
          region: us-east-1
          identityManagementType: SAML
          instanceAlias: bench-east
        ---
        apiVersion: connect.contact-operator.io/v1alpha1
        kind: FailoverPlan
        metadata: {"{"}name: bench-dr{"}"}
        spec:
          instanceRef: {"{"}name: bench{"}"}
          replica: {"{"}region: us-west-2, instanceAlias: bench-west{"}"}
          trafficDistributionGroup: {"{"}name: bench-tdg{"}"}
          activeRegion: us-east-1
          arc:
            clusterArn: {clusterArn}
            controlPanelName: bench
            routingControls:
            - {"{"}region: us-east-1, name: bench-east{"}"}
            - {"{"}region: us-west-2, name: bench-west{"}"}
            safetyRules:
            - {"{"}name: one-on, type: Assertion, minOn: 1, waitPeriodMs: 0{"}"}
        """;

    private static async Task<FailoverPlan> WaitAsync(ResourceClient<FailoverPlan> plans, ObjectKey key, Func<FailoverPlan, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await plans.TryGetAsync(key) is { } plan && done(plan))
            {
                return plan;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"FailoverPlan {key} did not reach the expected state in {timeout}");
    }

    private static void Report(string what, List<double> values)
    {
        var sorted = values.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-46} p50 {At(0.50),8:0.00}  p99 {At(0.99),8:0.00}  max {sorted[^1],8:0.00}"));
    }
}
