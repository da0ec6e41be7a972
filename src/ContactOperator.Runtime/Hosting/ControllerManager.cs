using System.Collections.Concurrent;
using ContactOperator.Runtime.Caching;
using ContactOperator.Runtime.Events;
using ContactOperator.Runtime.Leadership;
using ContactOperator.Runtime.Observability;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactOperator.Runtime.Hosting;

/// <summary>
/// Runs an operator's moving parts: one informer per kind (on every replica, so a new leader starts warm), the
/// controllers (only while this replica leads), leader election, <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>,
/// and a graceful shutdown that stops taking work and lets in-flight reconciles finish within a deadline.
/// </summary>
public sealed partial class ControllerManager : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, object> informers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object> clients = new(StringComparer.Ordinal);
    private readonly List<IController> controllers = [];
    private readonly List<HttpEndpoints> endpoints = [];
    private readonly List<Task> informerTasks = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource stopInformers = new();
    private readonly CancellationTokenSource abortReconciles;
    private readonly ILogger logger;
    private LeaseElector? elector;
    private Task? leading;
    private int state; // 0 new, 1 started, 2 stopped
    private volatile bool controllersRunning;
    private volatile Exception? fatal;

    public ControllerManager(IKubernetes kubernetes, ManagerOptions? options = null, ILoggerFactory? loggerFactory = null, RuntimeMetrics? metrics = null)
    {
        Kubernetes = kubernetes ?? throw new ArgumentNullException(nameof(kubernetes));
        Options = options ?? new ManagerOptions();
        Options.Validate();
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        logger = LoggerFactory.CreateLogger("ContactOperator.Manager");
        Metrics = metrics ?? new RuntimeMetrics();
        abortReconciles = new CancellationTokenSource(Timeout.InfiniteTimeSpan, Options.TimeProvider);
        var identity = Options.LeaderElection?.Identity ?? Environment.MachineName;
        Events = new EventRecorder(kubernetes, Options.ReportingController, identity, Options.TimeProvider, LoggerFactory.CreateLogger("ContactOperator.Events"));
        Metrics.SetLeader(Options.LeaderElection is null);
    }

    public IKubernetes Kubernetes { get; }

    public ManagerOptions Options { get; }

    public ILoggerFactory LoggerFactory { get; }

    public RuntimeMetrics Metrics { get; }

    /// <summary>The shared Event recorder (reportingController from the options, reportingInstance = this replica).</summary>
    public EventRecorder Events { get; }

    public IReadOnlyList<IController> Controllers => controllers;

    /// <summary>True while this replica may reconcile (it holds the lease, or leader election is off).</summary>
    public bool IsLeader => Options.LeaderElection is null || elector?.IsLeader == true;

    /// <summary>True when every informer has synced and, on the leader, the controllers are running.</summary>
    public bool IsReady => ReadinessProblems().Count == 0;

    /// <summary>Where <c>/metrics</c> is served, once started (null when disabled).</summary>
    public Uri? MetricsAddress { get; private set; }

    /// <summary>Where <c>/healthz</c> and <c>/readyz</c> are served, once started (null when disabled).</summary>
    public Uri? HealthAddress { get; private set; }

    /// <summary>A typed client for <paramref name="descriptor"/>'s kind (one per kind).</summary>
    public ResourceClient<T> GetClient<T>(ResourceDescriptor<T> descriptor)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return (ResourceClient<T>)clients.GetOrAdd(descriptor.Id, _ => new ResourceClient<T>(Kubernetes, descriptor));
    }

    /// <summary>The informer (cache) of <paramref name="descriptor"/>'s kind; created on first use, shared by every controller.</summary>
    public ResourceInformer<T> GetInformer<T>(ResourceDescriptor<T> descriptor)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return (ResourceInformer<T>)informers.GetOrAdd(descriptor.Id, _ =>
        {
            if (state != 0)
            {
                throw new InvalidOperationException($"informer for {descriptor} requested after the manager started; register everything before StartAsync");
            }

            var options = new InformerOptions
            {
                Namespace = descriptor.Namespaced ? Options.Namespace : null,
                ResyncPeriod = Options.ResyncPeriod,
                WatchTimeout = Options.WatchTimeout,
                InitialReconnectDelay = Options.WatchReconnectDelay,
                TimeProvider = Options.TimeProvider,
            };
            return new ResourceInformer<T>(GetClient(descriptor), options, LoggerFactory.CreateLogger($"ContactOperator.Informer.{descriptor.Kind}"));
        });
    }

    /// <summary>Starts building a controller for <paramref name="descriptor"/>'s kind.</summary>
    public ControllerBuilder<T> For<T>(ResourceDescriptor<T> descriptor)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return new ControllerBuilder<T>(this, descriptor);
    }

    /// <summary>Adds a controller built elsewhere. Names must be unique.</summary>
    public void Add(IController controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        if (state != 0)
        {
            throw new InvalidOperationException("controllers must be added before the manager starts");
        }

        if (controllers.Any(c => c.Name == controller.Name))
        {
            throw new InvalidOperationException($"a controller named '{controller.Name}' is already registered");
        }

        controllers.Add(controller);
    }

    /// <summary>Starts endpoints, informers and (leader election then) controllers; returns once the endpoints listen.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref state, 1, 0) != 0)
        {
            throw new InvalidOperationException("the manager can only be started once");
        }

        await StartEndpointsAsync(cancellationToken);
        foreach (var informer in informers.Values.Cast<IInformer>())
        {
            informerTasks.Add(Task.Run(() => informer.RunAsync(stopInformers.Token), CancellationToken.None));
        }

        LogStarting(logger, controllers.Count, informers.Count, Options.Namespace ?? "(all)", Options.LeaderElection is not null);
        if (Options.LeaderElection is { } election)
        {
            elector = new LeaseElector(Kubernetes, election, Options.TimeProvider, LoggerFactory.CreateLogger("ContactOperator.LeaderElection"));
            elector.LeadershipChanged += Metrics.SetLeader;
            leading = Task.Run(() => elector.RunAsync(LeadAsync, stopping.Token), CancellationToken.None);
        }
        else
        {
            leading = Task.Run(() => LeadAsync(CancellationToken.None), CancellationToken.None);
        }
    }

    /// <summary>Waits until every informer has listed once.</summary>
    public Task WaitForCacheSyncAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(informers.Values.Cast<IInformer>().Select(i => i.WaitForSyncAsync(cancellationToken)));

    /// <summary>
    /// Graceful stop: controllers stop taking work; in-flight reconciles get <see cref="ManagerOptions.ShutdownTimeout"/>
    /// to finish before they are cancelled; the lease is released; informers and endpoints stop.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref state, 2) != 1)
        {
            return;
        }

        LogStopping(logger, Options.ShutdownTimeout.TotalSeconds);
        abortReconciles.CancelAfter(Options.ShutdownTimeout);
        await stopping.CancelAsync();
        if (leading is not null)
        {
            await leading;
        }

        await stopInformers.CancelAsync();
        await Task.WhenAll(informerTasks);
        foreach (var endpoint in endpoints)
        {
            await endpoint.DisposeAsync();
        }

        endpoints.Clear();
        Metrics.SetLeader(false);
        LogStopped(logger);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stopping.Dispose();
        stopInformers.Dispose();
        abortReconciles.Dispose();
    }

    private async Task LeadAsync(CancellationToken lost)
    {
        using var stopTaking = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token, lost);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(abortReconciles.Token, lost);
        try
        {
            await WaitForCacheSyncAsync(stopTaking.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        controllersRunning = true;
        try
        {
            await Task.WhenAll(controllers.Select(c => c.RunAsync(stopTaking.Token, abort.Token)));

            // Leading lasts until shutdown or loss even with no controllers: returning early would release the lease.
            await Task.Delay(Timeout.Infinite, stopTaking.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
        catch (Exception e)
        {
            fatal = e;
            throw;
        }
        finally
        {
            controllersRunning = false;
        }
    }

    private async Task StartEndpointsAsync(CancellationToken cancellationToken)
    {
        if (Options.MetricsPort is { } metricsPort && metricsPort == Options.HealthPort && metricsPort != 0)
        {
            var shared = await HttpEndpoints.StartAsync(Options.BindAddress, metricsPort, e =>
            {
                HttpEndpoints.MapMetrics(e, Metrics.Registry);
                HttpEndpoints.MapProbes(e, LivenessProblems, ReadinessProblems);
            }, cancellationToken);
            endpoints.Add(shared);
            MetricsAddress = HealthAddress = shared.Address;
            return;
        }

        if (Options.MetricsPort is { } port)
        {
            var metrics = await HttpEndpoints.StartAsync(Options.BindAddress, port, e => HttpEndpoints.MapMetrics(e, Metrics.Registry), cancellationToken);
            endpoints.Add(metrics);
            MetricsAddress = metrics.Address;
        }

        if (Options.HealthPort is { } healthPort)
        {
            var health = await HttpEndpoints.StartAsync(Options.BindAddress, healthPort, e => HttpEndpoints.MapProbes(e, LivenessProblems, ReadinessProblems), cancellationToken);
            endpoints.Add(health);
            HealthAddress = health.Address;
        }
    }

    private List<string> LivenessProblems() =>
        fatal is { } e ? [$"controllers failed: {e.Message}"] : [];

    private List<string> ReadinessProblems()
    {
        var problems = new List<string>();
        if (state != 1)
        {
            problems.Add(state == 0 ? "not started" : "stopping");
        }

        problems.AddRange(informers.Values.Cast<IInformer>().Where(i => !i.HasSynced).Select(i => $"cache of {i.Kind} not synced"));
        if (problems.Count == 0 && IsLeader && !controllersRunning && controllers.Count > 0)
        {
            problems.Add("leading but controllers not running yet");
        }

        return problems;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {Controllers} controllers over {Informers} informers in namespace {Namespace}; leader election {LeaderElection}")]
    private static partial void LogStarting(ILogger logger, int controllers, int informers, string @namespace, bool leaderElection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: no new work; in-flight reconciles have {TimeoutSeconds} s")]
    private static partial void LogStopping(ILogger logger, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped")]
    private static partial void LogStopped(ILogger logger);
}
