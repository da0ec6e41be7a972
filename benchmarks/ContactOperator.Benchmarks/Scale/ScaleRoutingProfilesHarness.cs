using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using ContactOperator.Emulators.Aws;
using ContactOperator.Emulators.Kubernetes;
using ContactOperator.Manifests;
using k8s;

namespace ContactOperator.Benchmarks.Scale;

/// <summary>
/// The operator at scale against AWS's quotas, end to end: the emulated API server and AWS emulator (per-operation rate
/// limits and resource quotas on) run in this process, <c>contact-operator run</c> runs as its own process, and the
/// harness talks only to the Kubernetes API, the emulator's control API and that process.
/// <list type="bullet">
/// <item><c>scale-routing-profiles N</c>: N routing profiles over two instances (with their hours and queues) until
/// every object is Ready; compares the time with the least time AWS's rate limits allow for the same writes.</item>
/// <item><c>scale-routing-profiles-quota-breach N</c>: N (default 1,000) profiles on one instance, past the quota of 500
/// routing profiles per instance: runs until every profile is Ready or reports the quota (or --timeout), then watches one resync period
/// and counts the create attempts for the profiles over the quota.</item>
/// </list>
/// </summary>
public static class ScaleRoutingProfilesHarness
{
    private const string Namespace = "default";
    private const string LeaseName = "contact-operator-leader";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    [ModuleInitializer]
    internal static void Register()
    {
        Harnesses.Register("scale-routing-profiles", args => RunAsync(args, quotaBreach: false));
        Harnesses.Register("scale-routing-profiles-quota-breach", args => RunAsync(args, quotaBreach: true));
    }

    private static async Task<int> RunAsync(string[] args, bool quotaBreach)
    {
        var settings = ScaleSettings.Parse(args, quotaBreach, out var error);
        if (settings is null)
        {
            Console.Error.WriteLine($"{error}\nusage: harness {ScaleSettings.Usage(quotaBreach)}");
            return 2;
        }

        await using var kube = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Port = 0, WatchHistoryCapacity = 100_000 });
        await using var aws = await AwsEmulator.StartAsync(new AwsEmulatorOptions
        {
            Port = 0,
            EnforceQuotas = true,
            InstanceCreationDelay = settings.InstanceCreationDelay,
            RequestLogCapacity = 5_000_000,
        });
        var directory = Directory.CreateTempSubdirectory("scale-routing-profiles-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        await kube.WriteKubeconfigAsync(kubeconfig);
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = kube.BaseAddress.ToString() });
        await new ManifestApplier(client).ApplyCrdsAsync(ManifestReader.ReadDirectory(settings.CrdDirectory), CancellationToken.None);

        await using var process = OperatorProcess.Start(settings.OperatorAssembly, OperatorArguments(settings, kubeconfig), OperatorEnvironment(aws), Path.Combine(directory, "operator.log"));
        Console.WriteLine($"operator {settings.OperatorAssembly}: pid {process.Id}, log {process.LogPath}");
        if (!await WaitForLeaderAsync(client, process, TimeSpan.FromMinutes(2)))
        {
            Console.Error.WriteLine($"the operator did not take the lease within 2 minutes; see {process.LogPath}");
            return 1;
        }

        var fleet = ScaleFleet.Build(settings.Profiles, settings.Instances, settings.QueuesPerInstance, settings.Regions, settings.Grouped);
        var observer = new ReadinessObserver(client, Namespace);
        var appliedFrom = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var applied = await ApplyAsync(client, fleet, settings.Writers);
        var outcome = await ObserveUntilSettledAsync(observer, fleet, settings, clock, aws, process);
        var peakAtSettled = process.PeakResidentBytes();

        var report = new ScaleReport(settings, fleet, aws.Control, clock.Elapsed, applied, outcome);
        report.PrintConvergence(peakAtSettled);
        var requestLog = Path.Combine(directory, "requests.tsv");
        await WriteRequestLogAsync(aws, appliedFrom, requestLog);
        Console.WriteLine($"request log (seconds since the first apply, Region, operation, status, error): {requestLog}");
        var exitCode = outcome.Settled ? 0 : 1;
        if (settings.QuotaBreach && !process.HasExited)
        {
            var window = await ObserveResyncWindowAsync(observer, settings, aws, clock);
            report.PrintResyncWindow(window, process.PeakResidentBytes());
        }

        await process.StopAsync(TimeSpan.FromSeconds(15));
        return exitCode;
    }

    private static List<string> OperatorArguments(ScaleSettings settings, string kubeconfig) =>
    [
        "run", "--kubeconfig", kubeconfig, "--namespace", Namespace,
        "--leader-elect", "true", "--leader-election-id", LeaseName, "--leader-election-namespace", Namespace,
        "--max-concurrent-reconciles", settings.Workers.ToString(CultureInfo.InvariantCulture),
        "--resync-period", settings.ResyncPeriodText,
        "--metrics-port", "0", "--health-port", "0", "--bind-address", "127.0.0.1",
        "--log-level", "Warning", "--shutdown-timeout", "5s",
    ];

    /// <summary>What a Deployment gives the container, with static fake credentials and every Region at the emulator.</summary>
    private static Dictionary<string, string> OperatorEnvironment(AwsEmulator aws) => new()
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL"] = aws.Endpoint.ToString(),
        ["AWS_ACCESS_KEY_ID"] = "AKIDSCALEBENCH",
        ["AWS_SECRET_ACCESS_KEY"] = "not-a-secret",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials",
        ["AWS_CONFIG_FILE"] = "/nonexistent/config",
    };

    /// <summary>The operator starts its controllers once it holds the lease: objects applied before that would time its start-up.</summary>
    private static async Task<bool> WaitForLeaderAsync(k8s.Kubernetes client, OperatorProcess process, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !process.HasExited)
        {
            var leases = await client.CoordinationV1.ListNamespacedLeaseAsync(Namespace);
            if (leases.Items.Any(l => l.Metadata.Name == LeaseName && !string.IsNullOrEmpty(l.Spec?.HolderIdentity)))
            {
                return true;
            }
            await Task.Delay(PollInterval);
        }
        return false;
    }

    /// <summary>Creates every object with a bounded number of concurrent writers, kinds in dependency order; returns how long it took.</summary>
    private static async Task<TimeSpan> ApplyAsync(k8s.Kubernetes client, IReadOnlyList<ScaleObject> fleet, int writers)
    {
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < fleet.Count)
            {
                var item = fleet[i];
                await client.CustomObjects.CreateNamespacedCustomObjectAsync(item.Manifest, ScaleKind.Group, ScaleKind.Version, Namespace, item.Kind.Plural);
            }
        })));
        return clock.Elapsed;
    }

    private static async Task<ScaleOutcome> ObserveUntilSettledAsync(
        ReadinessObserver observer, IReadOnlyList<ScaleObject> fleet, ScaleSettings settings, Stopwatch clock, AwsEmulator aws, OperatorProcess process)
    {
        var nextProgress = TimeSpan.FromSeconds(10);
        IReadOnlyList<ReadyState> states = [];
        while (clock.Elapsed < settings.Timeout && !process.HasExited)
        {
            var listedAt = clock.Elapsed;
            states = await observer.SnapshotAsync(CancellationToken.None);
            if (states.Count == fleet.Count && states.All(s => IsSettled(s, settings.QuotaBreach)))
            {
                return new ScaleOutcome(true, listedAt, states);
            }
            if (clock.Elapsed >= nextProgress)
            {
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F0} s  {ScaleReport.Progress(states)}  429s so far: {aws.Control.RequestLog.Count(e => e.StatusCode == 429)}");
                nextProgress += TimeSpan.FromSeconds(10);
            }
            await Task.Delay(PollInterval);
        }
        if (process.HasExited)
        {
            Console.Error.WriteLine($"the operator exited; see {process.LogPath}");
        }
        return new ScaleOutcome(false, clock.Elapsed, states);
    }

    /// <summary>The emulator's request log as a timeline, to see where a run waited.</summary>
    private static Task WriteRequestLogAsync(AwsEmulator aws, DateTimeOffset from, string path) =>
        File.WriteAllLinesAsync(path, aws.Control.RequestLog.Select(e => string.Join('\t',
            (e.Time - from).TotalSeconds.ToString("F3", CultureInfo.InvariantCulture), e.Region, e.Operation,
            e.StatusCode.ToString(CultureInfo.InvariantCulture), e.ErrorCode ?? "")));

    /// <summary>Settled: Ready, or (in the quota-breach mode, for a routing profile) Ready=False with the quota reason.</summary>
    private static bool IsSettled(ReadyState state, bool quotaBreach) =>
        state.IsReady || (quotaBreach && state.Kind == ScaleKind.RoutingProfile && state.IsQuotaExceeded);

    private static async Task<ResyncWindow> ObserveResyncWindowAsync(ReadinessObserver observer, ScaleSettings settings, AwsEmulator aws, Stopwatch clock)
    {
        Console.WriteLine($"observing one resync period ({settings.ResyncPeriodText}) …");
        var from = DateTimeOffset.UtcNow;
        var start = clock.Elapsed;
        await Task.Delay(settings.ResyncPeriod);
        var to = DateTimeOffset.UtcNow;
        var states = await observer.SnapshotAsync(CancellationToken.None);
        var calls = aws.Control.RequestLog.Where(e => e.Time >= from && e.Time < to).ToList();
        return new ResyncWindow(start, clock.Elapsed, calls, states);
    }
}
