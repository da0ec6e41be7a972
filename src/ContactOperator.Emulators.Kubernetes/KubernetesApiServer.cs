using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Admission;
using ContactOperator.Emulators.Kubernetes.Audit;
using ContactOperator.Emulators.Kubernetes.Controllers;
using ContactOperator.Emulators.Kubernetes.Http;
using ContactOperator.Emulators.Kubernetes.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactOperator.Emulators.Kubernetes;

/// <summary>
/// An in-process Kubernetes API server on loopback HTTP: discovery, OpenAPI, CRDs, CRUD, patch (merge, JSON,
/// strategic, server-side apply), watch, status/scale subresources, finalizers, garbage collection and admission
/// webhooks. State lives in memory and disappears on dispose.
/// </summary>
public sealed class KubernetesApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GarbageCollector _collector;
    private readonly WebhookAdmission _admission;
    private readonly AuditLog? _audit;

    private KubernetesApiServer(WebApplication app, GarbageCollector collector, WebhookAdmission admission, ClusterState state, Uri baseAddress, AuditLog? audit)
    {
        _audit = audit;
        _admission = admission;
        _app = app;
        _collector = collector;
        State = state;
        BaseAddress = baseAddress;
        Faults = new KubernetesApiServerFaults(state.Store);
    }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Fault injection (dropped watches, compacted history).</summary>
    public KubernetesApiServerFaults Faults { get; }

    internal ClusterState State { get; }

    /// <summary>
    /// The requests received so far, oldest first, when <see cref="KubernetesApiServerOptions.AuditLogCapacity"/> is set
    /// (what a real server's audit log at level Metadata shows: user, verb, resource, namespace, name).
    /// </summary>
    public IReadOnlyList<AuditEvent> AuditEvents => _audit?.Snapshot() ?? [];

    public static async Task<KubernetesApiServer> StartAsync(KubernetesApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KubernetesApiServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
            kestrel.Limits.MinResponseDataRate = null;
        });
        var app = builder.Build();
        var logger = app.Services.GetService<ILoggerFactory>()?.CreateLogger("ContactOperator.Emulators.Kubernetes") ?? NullLogger.Instance;
        var state = new ClusterState(new ObjectStore(options.WatchHistoryCapacity), new ResourceRegistry(), options.TimeProvider);
        var admission = new WebhookAdmission(state, logger) { ServiceResolver = options.WebhookServiceResolver };
        state.Admission = admission;
        var handler = new ApiHandler(state, logger);
        var audit = options.AuditLogCapacity > 0 ? new AuditLog(options.AuditLogCapacity) : null;
        app.Run(audit is null ? handler.HandleAsync : context =>
        {
            audit.Record(context);
            return handler.HandleAsync(context);
        });
        await Bootstrap(state, cancellationToken);
        var collector = new GarbageCollector(state, logger);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new KubernetesApiServer(app, collector, admission, state, new Uri($"http://127.0.0.1:{port}"), audit);
    }

    private static async Task Bootstrap(ClusterState state, CancellationToken ct)
    {
        var writer = new ResourceWriter(state);
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            var ns = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };
            await writer.CreateAsync(state.NamespaceType, "", ns, new WriteOptions { FieldManager = "kube-apiserver" }, ct);
        }
    }

    /// <summary>A kubeconfig for kubectl, helm and KubernetesClient pointing at this server (plain HTTP, token "local").</summary>
    public string CreateKubeconfigYaml(string contextName = "contact-operator-local", string @namespace = "default")
    {
        var builder = new StringBuilder();
        builder.Append("apiVersion: v1\n");
        builder.Append("kind: Config\n");
        builder.Append("clusters:\n");
        builder.Append("- name: ").Append(contextName).Append('\n');
        builder.Append("  cluster:\n");
        builder.Append("    server: ").Append(BaseAddress.GetLeftPart(UriPartial.Authority)).Append('\n');
        builder.Append("users:\n");
        builder.Append("- name: ").Append(contextName).Append('\n');
        builder.Append("  user:\n");
        builder.Append("    token: local\n");
        builder.Append("contexts:\n");
        builder.Append("- name: ").Append(contextName).Append('\n');
        builder.Append("  context:\n");
        builder.Append("    cluster: ").Append(contextName).Append('\n');
        builder.Append("    user: ").Append(contextName).Append('\n');
        builder.Append("    namespace: ").Append(@namespace).Append('\n');
        builder.Append("current-context: ").Append(contextName).Append('\n');
        return builder.ToString();
    }

    /// <summary>Writes <see cref="CreateKubeconfigYaml"/> to <paramref name="path"/>, creating the directory.</summary>
    public async Task WriteKubeconfigAsync(string path, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        await File.WriteAllTextAsync(path, CreateKubeconfigYaml(), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        State.Store.DropAllWatches();
        await _collector.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _admission.Dispose();
    }
}
