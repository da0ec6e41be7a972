using System.Text.Json.Nodes;
using Amazon.Runtime;
using ContactOperator.Alerting;
using ContactOperator.Aws.Core;
using ContactOperator.Controllers;
using ContactOperator.Emulators.Aws;
using ContactOperator.Emulators.Kubernetes;
using ContactOperator.Hosting;
using ContactOperator.Incidents;
using ContactOperator.Kinds;
using ContactOperator.Kinds.Contract;
using ContactOperator.Manifests;
using ContactOperator.Runtime.Hosting;
using ContactOperator.Runtime.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using k8s;
using k8s.Models;

namespace ContactOperator.Tests.Alerting;

/// <summary>
/// The embedded Kubernetes API server with the project's CRDs (and, unless told otherwise, the local-mode
/// prometheus-operator CRDs), the AWS emulator, and an operator running only the AlertPolicy module (with the exporter, gauges and bridge it registers).
/// </summary>
public sealed class AlertingCluster : IAsyncDisposable
{
    public const string Namespace = "default";

    private OperatorHost? host;

    private AlertingCluster(KubernetesApiServer kube, AwsEmulator aws, IKubernetes client)
    {
        Kube = kube;
        Aws = aws;
        Client = client;
    }

    public KubernetesApiServer Kube { get; }

    public AwsEmulator Aws { get; }

    public IKubernetes Client { get; }

    private ContactCenterControllers? alerting;

    /// <summary>The incident bridge, once the operator runs it (null when it is off).</summary>
    public IncidentBridgeServer? IncidentBridge => host?.Manager.Controllers.OfType<IncidentBridgeServer>().SingleOrDefault();

    public ControllerManager Manager => host?.Manager ?? throw new InvalidOperationException("the operator is not running");

    public AwsClientOptions AwsOptions => new()
    {
        Region = "us-east-1",
        ServiceUrl = Aws.Endpoint,
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "alerting-test-secret"),
    };

    public static async Task<AlertingCluster> StartAsync(bool prometheusOperatorCrds = true)
    {
        var kube = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Port = 0 });
        var aws = await AwsEmulator.StartAsync(new AwsEmulatorOptions { Port = 0, InstanceCreationDelay = TimeSpan.Zero });
        var client = new Kubernetes(new KubernetesClientConfiguration { Host = kube.BaseAddress.ToString() });
        var applier = new ManifestApplier(client);
        await applier.ApplyCrdsAsync(ManifestReader.ReadDirectory(RepoPaths.Of("config", "crd", "bases")), CancellationToken.None);
        if (prometheusOperatorCrds)
        {
            await applier.ApplyCrdsAsync(ManifestReader.ReadDirectory(RepoPaths.Of("config", "prometheus-operator", "crds")), CancellationToken.None);
        }
        return new AlertingCluster(kube, aws, client);
    }

    public async Task StartOperatorAsync(AlertingSettings settings, ILoggerFactory? logs = null)
    {
        alerting = new ContactCenterControllers(AwsOptions) { Settings = KindSettings.Defaults.With(settings), Kinds = [new AlertPolicyModule()] };
        host = await OperatorHost.StartAsync(new OperatorHostOptions
        {
            Kubernetes = Client,
            Manager = new ManagerOptions { MetricsPort = 0, HealthPort = null },
            Registrations = [alerting],
            LoggerFactory = logs ?? NullLoggerFactory.Instance,
        });
        await host.Manager.WaitForCacheSyncAsync();
    }

    public async Task StopOperatorAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            await host.DisposeAsync();
            host = null;
        }
        alerting?.Dispose();
        alerting = null;
    }

    public Task ApplyAsync(string yaml) => new ManifestApplier(Client, "alerting-test").ApplyAsync(ManifestReader.ReadAll(yaml), Namespace, CancellationToken.None);

    public ResourceClient<T> Resources<T>(ResourceDescriptor<T> descriptor)
        where T : class, IKubernetesObject<V1ObjectMeta> => new(Client, descriptor);

    /// <summary>Marks an object Ready with AWS ids, as its controller would once AWS has it.</summary>
    public async Task MarkReadyAsync<T>(ResourceDescriptor<T> descriptor, string name, string id, string arn)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var status = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["id"] = id,
                ["arn"] = arn,
                ["region"] = "us-east-1",
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Ready", ["status"] = "True", ["reason"] = "Synced", ["message"] = "", ["lastTransitionTime"] = "2026-12-01T00:00:00Z",
                }),
            },
        };
        await Resources(descriptor).PatchStatusAsync(new ObjectKey(Namespace, name), status);
    }

    /// <summary>Polls <paramref name="read"/> until it returns non-null, failing with <paramref name="what"/> after the deadline.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> read, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await read() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopOperatorAsync();
        Client.Dispose();
        await Aws.DisposeAsync();
        await Kube.DisposeAsync();
    }
}
