using Amazon.Runtime;
using ContactOperator.Admission;
using ContactOperator.Admission.Webhooks;
using ContactOperator.Alerting;
using ContactOperator.Aws.Core;
using ContactOperator.Controllers;
using ContactOperator.Emulators.Aws;
using ContactOperator.Emulators.Kubernetes;
using ContactOperator.Hosting;
using ContactOperator.Kinds;
using ContactOperator.Kinds.Contract;
using ContactOperator.Manifests;
using ContactOperator.Runtime.Configuration;
using Microsoft.Extensions.Logging;
using k8s;

namespace ContactOperator.Local;

/// <summary>
/// Local mode in one process: the embedded Kubernetes API server, the AWS emulator, the CRDs, the operator and the
/// samples. Nothing leaves the machine: the operator's AWS clients point at the emulator with throwaway credentials.
/// </summary>
public sealed class LocalEnvironment : IAsyncDisposable
{
    private readonly ILoggerFactory loggerFactory;
    private OperatorHost? host;
    private ContactCenterControllers? controllers;
    private StateChangeLog? stateChanges;
    private readonly CancellationTokenSource stopSeeding = new();
    private Task seeding = Task.CompletedTask;

    private LocalEnvironment(LocalOptions options, KubernetesApiServer kube, AwsEmulator aws, IKubernetes client, ILoggerFactory loggerFactory)
    {
        Options = options;
        Kube = kube;
        Aws = aws;
        Client = client;
        this.loggerFactory = loggerFactory;
    }

    public LocalOptions Options { get; }

    public KubernetesApiServer Kube { get; }

    public AwsEmulator Aws { get; }

    public IKubernetes Client { get; }

    public string KubeconfigPath => Path.GetFullPath(Options.KubeconfigPath);

    public Uri? MetricsAddress => host?.Manager.MetricsAddress;

    public Uri? HealthAddress => host?.Manager.HealthAddress;

    /// <summary>The admission webhooks' address, when they run.</summary>
    public Uri? WebhookAddress => host?.Webhooks?.Address;

    public static async Task<LocalEnvironment> StartAsync(LocalOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var kube = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Port = options.KubePort }, cancellationToken);
        var aws = await AwsEmulator.StartAsync(new AwsEmulatorOptions
        {
            Port = options.AwsPort,
            InstanceCreationDelay = options.InstanceCreationDelay,
            TrafficDistributionGroupCreationDelay = options.InstanceCreationDelay,
        }, cancellationToken);
        var client = new Kubernetes(new KubernetesClientConfiguration { Host = kube.BaseAddress.ToString() });
        var local = new LocalEnvironment(options, kube, aws, client, loggerFactory);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(local.KubeconfigPath)!);
            await kube.WriteKubeconfigAsync(local.KubeconfigPath, cancellationToken);
            var applier = new ManifestApplier(client);
            await applier.ApplyCrdsAsync(ManifestReader.ReadDirectory(options.CrdDirectory), cancellationToken);
            if (options.InstallPrometheusOperatorCrds)
            {
                await applier.ApplyCrdsAsync(ManifestReader.ReadDirectory(options.MonitoringCrdDirectory), cancellationToken);
            }
            if (options.StartOperator)
            {
                await local.StartOperatorAsync(cancellationToken);
            }
            if (options.SamplesDirectory is { } samples)
            {
                await applier.ApplyAsync(ManifestReader.ReadDirectory(samples), "default", cancellationToken);
                local.seeding = Task.Run(() => SampleLoad.SeedUntilCancelledAsync(client, aws.Control, "default", local.stopSeeding.Token), CancellationToken.None);
            }
            return local;
        }
        catch
        {
            await local.DisposeAsync();
            throw;
        }
    }

    private async Task StartOperatorAsync(CancellationToken cancellationToken)
    {
        var aws = new AwsClientOptions
        {
            Region = Options.Region,
            ServiceUrl = Aws.Endpoint,
            Credentials = new BasicAWSCredentials("AKIDLOCALMODE", "local-mode-not-a-secret"),
        };
        controllers = new ContactCenterControllers(aws)
        {
            Settings = KindSettings.Defaults.With(new AlertingSettings { Exporter = new Metrics.ExporterOptions { Interval = Options.ExporterInterval } }),
        };
        stateChanges = new StateChangeLog(controllers.Kinds);
        // The same settings `contact-operator run` uses, leader election included, so local mode shows the real Lease.
        var settings = new OperatorSettings
        {
            MetricsPort = Options.MetricsPort,
            HealthPort = Options.HealthPort,
            BindAddress = "127.0.0.1",
            ResyncPeriod = Options.ResyncPeriod,
            LeaderElect = true,
        };
        using var authority = Options.Webhooks ? SelfSignedCertificates.CreateAuthority("contact-operator local webhook CA", DateTimeOffset.UtcNow) : null;
        var certificates = Path.Combine(Path.GetDirectoryName(KubeconfigPath)!, "webhook-certs");
        authority?.WriteServingPair(certificates, ["127.0.0.1", "localhost"], DateTimeOffset.UtcNow, TimeSpan.FromDays(30));
        host = await OperatorHost.StartAsync(new OperatorHostOptions
        {
            Kubernetes = Client,
            Manager = settings.ToManagerOptions("default"),
            Registrations = [controllers, stateChanges],
            LoggerFactory = loggerFactory,
            Webhooks = authority is null ? null : new WebhookHostOptions
            {
                Server = new WebhookServerOptions { Port = Options.WebhookPort, BindAddress = "127.0.0.1" },
                CertificateDirectory = certificates,
            },
        }, cancellationToken);
        if (authority is not null && host.Webhooks is { } webhooks)
        {
            await WebhookRegistration.ApplyAsync(Client, WebhookRegistration.PointAt(ManifestReader.ReadFile(Options.WebhookManifest), webhooks.Address, authority.CaBundle), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopSeeding.CancelAsync();
        await seeding;
        stopSeeding.Dispose();
        if (host is not null)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
        controllers?.Dispose();
        stateChanges?.Dispose();
        Client.Dispose();
        await Aws.DisposeAsync();
        await Kube.DisposeAsync();
    }
}
