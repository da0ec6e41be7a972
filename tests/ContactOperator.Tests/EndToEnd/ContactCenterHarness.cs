using System.Text.Json.Nodes;
using Amazon.Runtime;
using ContactOperator.Admission;
using ContactOperator.Admission.Webhooks;
using ContactOperator.Alerting;
using ContactOperator.Api.Common;
using ContactOperator.Aws.Core;
using ContactOperator.Controllers;
using ContactOperator.Emulators.Aws;
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
using Microsoft.Extensions.Logging.Abstractions;
using k8s;
using k8s.Models;

namespace ContactOperator.Tests.EndToEnd;

/// <summary>
/// The operator's controllers running against both emulators: an in-process Kubernetes API server with the
/// project's CRDs installed, and the AWS emulator. Each test gets its own pair.
/// </summary>
public sealed class ContactCenterHarness : IAsyncDisposable
{
    public const string Namespace = "default";

    private OperatorHost? host;
    private ContactCenterControllers? controllers;

    private ContactCenterHarness(KubernetesApiServer kube, AwsEmulator aws, IKubernetes client, SyncOptions sync, WebhookCertificates? webhooks)
    {
        Kube = kube;
        Aws = aws;
        Client = client;
        Sync = sync;
        Webhooks = webhooks;
    }

    /// <summary>The webhooks' certificate folder and authority, when the harness serves and registers them.</summary>
    public WebhookCertificates? Webhooks { get; }

    /// <summary>The running operator (null while stopped).</summary>
    public OperatorHost? Host => host;

    /// <summary>Where the operator logs, when a test wants to read what it wrote.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    public KubernetesApiServer Kube { get; }

    public AwsEmulator Aws { get; }

    public IKubernetes Client { get; }

    public SyncOptions Sync { get; }

    /// <summary>Options of the FailoverPlan controller the next <see cref="StartOperatorAsync"/> uses.</summary>
    public FailoverOptions Failover { get; set; } = new() { WaitPoll = TimeSpan.FromMilliseconds(200) };

    /// <summary>
    /// Starts both emulators with the CRDs installed and, unless told otherwise, the operator. With
    /// <paramref name="webhooks"/> the operator also serves its admission webhooks (self-signed) and the API server calls
    /// them through the configurations of config/webhook/.
    /// </summary>
    public static async Task<ContactCenterHarness> StartAsync(SyncOptions? sync = null, bool startOperator = true, bool webhooks = false,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null, string secretAccessKey = "local-secret", int? metricsPort = null, bool controllers = true)
    {
        var kube = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Port = 0 });
        var aws = await AwsEmulator.StartAsync(new AwsEmulatorOptions
        {
            Port = 0,
            InstanceCreationDelay = TimeSpan.FromMilliseconds(300),
            TrafficDistributionGroupCreationDelay = TimeSpan.FromMilliseconds(300),
        });
        var client = new Kubernetes(new KubernetesClientConfiguration { Host = kube.BaseAddress.ToString() });
        var harness = new ContactCenterHarness(kube, aws, client, sync ?? new SyncOptions { WaitPoll = TimeSpan.FromMilliseconds(200) }, webhooks ? new WebhookCertificates() : null)
        {
            LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance,
            SecretAccessKey = secretAccessKey,
            MetricsPort = metricsPort,
            RunsControllers = controllers,
        };
        await new ManifestApplier(client).ApplyCrdsAsync(Directory.GetFiles(RepoPaths.Of("config", "crd", "bases"), "*.yaml").Order().SelectMany(ManifestReader.ReadFile), CancellationToken.None);
        if (startOperator)
        {
            await harness.StartOperatorAsync();
        }
        return harness;
    }

    /// <summary>Starts (or restarts) the operator the way `contact-operator run` does: new caches, new AWS clients.</summary>
    public async Task StartOperatorAsync()
    {
        var aws = new AwsClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = Aws.Endpoint,
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", SecretAccessKey),
            RetryBudget = new RetryBudget(),
        };
        controllers = new ContactCenterControllers(aws, Sync)
        {
            // No exporter: its metric reads would join the AWS calls the tests count.
            Settings = KindSettings.Defaults.With(Failover).With(new AlertingSettings { Exporter = new ExporterOptions { Enabled = false } }),
        };
        host = await OperatorHost.StartAsync(new OperatorHostOptions
        {
            Kubernetes = Client,
            Manager = new ManagerOptions { MetricsPort = MetricsPort, HealthPort = null, ResyncPeriod = Sync.ResyncPeriod, ShutdownTimeout = TimeSpan.FromSeconds(2) },
            Registrations = RunsControllers ? [controllers] : [],
            LoggerFactory = LoggerFactory,
            Webhooks = Webhooks is null ? null : new WebhookHostOptions
            {
                Server = new WebhookServerOptions { Port = 0, BindAddress = "127.0.0.1" },
                CertificateDirectory = Webhooks.Directory,
            },
        });
        if (Webhooks is not null && host.Webhooks is { } server)
        {
            var manifests = ManifestReader.ReadFile(RepoPaths.Of("config", "webhook", "manifests.yaml"));
            await WebhookRegistration.ApplyAsync(Client, WebhookRegistration.PointAt(manifests, server.Address, Webhooks.Authority.CaBundle), CancellationToken.None);
        }
    }

    /// <summary>False runs the operator without controllers (only its webhooks, metrics and lease).</summary>
    public bool RunsControllers { get; init; } = true;

    /// <summary>Runs a real kubectl (for example kubectl-1.32) against the embedded API server.</summary>
    public async Task<ProcessResult> KubectlAsync(string kubectlName, IEnumerable<string> args, string? stdin = null)
    {
        if (kubectlHome is null)
        {
            kubectlHome = Directory.CreateTempSubdirectory("kubectl-").FullName;
            await Kube.WriteKubeconfigAsync(Path.Combine(kubectlHome, "kubeconfig"));
        }
        var env = new Dictionary<string, string> { ["KUBECONFIG"] = Path.Combine(kubectlHome, "kubeconfig"), ["HOME"] = kubectlHome };
        return await ChildProcess.RunAsync(Tools.Resolve(kubectlName), args, env, stdin: stdin);
    }

    private string? kubectlHome;

    /// <summary>The AWS secret access key the operator signs with (tests scan for it).</summary>
    public string SecretAccessKey { get; init; } = "local-secret";

    /// <summary>Port of the operator's /metrics (0 = any free port); null (default) serves none.</summary>
    public int? MetricsPort { get; init; }

    public async Task StopOperatorAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            await host.DisposeAsync();
            host = null;
        }
        controllers?.Dispose();
        controllers = null;
    }

    /// <summary>The operator's /metrics exposition (its registry, scraped in process).</summary>
    public async Task<string> ScrapeMetricsAsync()
    {
        using var stream = new MemoryStream();
        await host!.Manager.Metrics.Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The smallest contact center with a queue: ContactInstance support (CONNECT_MANAGED, alias <paramref name="alias"/>),
    /// HoursOfOperation office-hours and Queue billing (with <paramref name="queueSpec"/> added to its spec).
    /// </summary>
    public Task ApplyQueueWithItsInstanceAsync(string alias, string queueSpec = "") => ApplyAsync($$"""
        apiVersion: connect.contact-operator.io/v1alpha1
        kind: ContactInstance
        metadata: {name: support}
        spec: {region: us-east-1, identityManagementType: CONNECT_MANAGED, instanceAlias: {{alias}}}
        ---
        apiVersion: connect.contact-operator.io/v1alpha1
        kind: HoursOfOperation
        metadata: {name: office-hours}
        spec:
          instanceRef: {name: support}
          timeZone: America/New_York
          config: [{day: MONDAY, startTime: "08:00", endTime: "18:00"}]
        ---
        apiVersion: connect.contact-operator.io/v1alpha1
        kind: Queue
        metadata: {name: billing}
        spec: {instanceRef: {name: support}, hoursOfOperationRef: {name: office-hours}{{queueSpec}}}
        """);

    public Task ApplyAsync(string yaml) => new ManifestApplier(Client, "e2e").ApplyAsync(ManifestReader.ReadAll(yaml), Namespace, CancellationToken.None);

    public Task ApplyFileAsync(params string[] samplePath) =>
        new ManifestApplier(Client, "e2e").ApplyAsync(ManifestReader.ReadFile(RepoPaths.Of(samplePath)), Namespace, CancellationToken.None);

    public ResourceClient<T> Resources<T>(ResourceDescriptor<T> descriptor)
        where T : class, IKubernetesObject<V1ObjectMeta> => new(Client, descriptor);

    /// <summary>Polls until <paramref name="done"/> holds for the object, failing with its last status after the deadline.</summary>
    public async Task<T> WaitForAsync<T>(ResourceDescriptor<T> descriptor, string name, Func<T, bool> done, TimeSpan? timeout = null)
        where T : class, IContactResource
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        T? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await Resources(descriptor).TryGetAsync(new ObjectKey(Namespace, name));
            if (last is not null && done(last))
            {
                return last;
            }
            await Task.Delay(100);
        }
        var conditions = last?.CommonStatus?.Conditions?.Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}") ?? ["(no status)"];
        throw new TimeoutException($"{descriptor.Kind}/{name} did not reach the expected state: {string.Join(" | ", conditions)}");
    }

    public Task<T> WaitForReadyAsync<T>(ResourceDescriptor<T> descriptor, string name, TimeSpan? timeout = null)
        where T : class, IContactResource =>
        WaitForAsync(descriptor, name, r => Conditions.IsTrue(r.CommonStatus?.Conditions, ConditionTypes.Ready, r.Metadata.Generation), timeout);

    /// <summary>Polls until an Event about <paramref name="regarding"/> matches (Events are written just after the AWS call).</summary>
    public async Task<Eventsv1Event> WaitForEventAsync(string regarding, Func<Eventsv1Event, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        IList<Eventsv1Event> seen = [];
        while (DateTime.UtcNow < deadline)
        {
            seen = (await Client.EventsV1.ListNamespacedEventAsync(Namespace)).Items;
            if (seen.FirstOrDefault(e => e.Regarding?.Name == regarding && match(e)) is { } found)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no matching Event about {regarding}; seen: {string.Join(" | ", seen.Where(e => e.Regarding?.Name == regarding).Select(e => $"{e.Reason}: {e.Note}"))}");
    }

    /// <summary>The Connect write operations (not Describe/List/Get) in the emulator's request log, in order.</summary>
    public List<string> ConnectWrites() =>
        Aws.Control.RequestLog.Where(e => e.Service == "connect" && !IsRead(e.Operation)).Select(e => e.Operation).ToList();

    private static bool IsRead(string operation) =>
        operation.StartsWith("Describe", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal) || operation.StartsWith("Get", StringComparison.Ordinal);

    /// <summary>Polls until the object is gone from the API server (its finalizers have run).</summary>
    public async Task WaitGoneAsync<T>(ResourceDescriptor<T> descriptor, string name)
        where T : class, IContactResource
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Resources(descriptor).TryGetAsync(new ObjectKey(Namespace, name)) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{descriptor.Kind}/{name} was not deleted");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopOperatorAsync();
        Webhooks?.Dispose();
        Client.Dispose();
        await Aws.DisposeAsync();
        await Kube.DisposeAsync();
    }
}

/// <summary>A throwaway CA and a serving certificate for 127.0.0.1 in a temporary folder, laid out like a mounted TLS Secret.</summary>
public sealed class WebhookCertificates : IDisposable
{
    public WebhookCertificates()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("webhook-certs-").FullName;
        Authority = SelfSignedCertificates.CreateAuthority("contact-operator test webhook CA", DateTimeOffset.UtcNow);
        Authority.WriteServingPair(Directory, ["127.0.0.1", "localhost"], DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
    }

    public string Directory { get; }

    public SelfSignedCertificates Authority { get; }

    public void Dispose() => Authority.Dispose();
}
