using System.Globalization;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactOperator.Runtime.Events;

/// <summary>The two event types Kubernetes knows.</summary>
public static class EventTypes
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}

/// <summary>
/// Records <c>events.k8s.io/v1</c> Events about objects. A repeat of the same event (same object, type, reason,
/// action and note) within <see cref="SeriesWindow"/> does not create a new Event: it bumps the existing one's
/// <c>series.count</c> and <c>series.lastObservedTime</c>, which <c>kubectl get events</c> shows as "(x5 over 2m)".
/// Recording is best effort: failures are logged, never thrown into the reconcile.
/// </summary>
public sealed partial class EventRecorder
{
    /// <summary>How long a repeat still joins an existing series (client-go uses 6 minutes).</summary>
    public static readonly TimeSpan SeriesWindow = TimeSpan.FromMinutes(6);

    private const int MaxTrackedSeries = 4096;
    private readonly IKubernetes kubernetes;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly Dictionary<SeriesKey, SeriesState> series = [];

    public EventRecorder(IKubernetes kubernetes, string reportingController, string reportingInstance, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        this.kubernetes = kubernetes ?? throw new ArgumentNullException(nameof(kubernetes));
        ArgumentException.ThrowIfNullOrWhiteSpace(reportingController);
        ArgumentException.ThrowIfNullOrWhiteSpace(reportingInstance);
        ReportingController = reportingController;
        ReportingInstance = reportingInstance;
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>For example <c>contact-operator.io/contact-operator</c>.</summary>
    public string ReportingController { get; }

    /// <summary>This replica, for example the pod name.</summary>
    public string ReportingInstance { get; }

    public Task NormalAsync(IKubernetesObject<V1ObjectMeta> regarding, string reason, string action, string note, CancellationToken cancellationToken = default) =>
        RecordAsync(regarding, EventTypes.Normal, reason, action, note, cancellationToken);

    public Task WarningAsync(IKubernetesObject<V1ObjectMeta> regarding, string reason, string action, string note, CancellationToken cancellationToken = default) =>
        RecordAsync(regarding, EventTypes.Warning, reason, action, note, cancellationToken);

    /// <summary>Records one occurrence. <paramref name="reason"/> and <paramref name="action"/> are CamelCase machine words; <paramref name="note"/> is for humans.</summary>
    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string action, string note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(regarding);
        var now = time.GetUtcNow().UtcDateTime;
        var ns = string.IsNullOrEmpty(regarding.Metadata.NamespaceProperty) ? "default" : regarding.Metadata.NamespaceProperty;
        var key = new SeriesKey(regarding.Metadata.Uid ?? $"{regarding.Kind}/{ns}/{regarding.Metadata.Name}", type, reason, action, note);
        SeriesState? existing;
        lock (gate)
        {
            if (series.TryGetValue(key, out existing) && now - existing.LastObserved > SeriesWindow)
            {
                series.Remove(key);
                existing = null;
            }

            if (existing is not null)
            {
                existing.Count++;
                existing.LastObserved = now;
            }
        }

        try
        {
            if (existing is not null && await TryPatchSeriesAsync(existing, cancellationToken))
            {
                return;
            }

            await CreateAsync(regarding, ns, key, now, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Events are best effort; a failed write must not fail the reconcile.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, e, reason, regarding.Kind, ns, regarding.Metadata.Name);
        }
    }

    private async Task CreateAsync(IKubernetesObject<V1ObjectMeta> regarding, string ns, SeriesKey key, DateTime now, CancellationToken cancellationToken)
    {
        var name = $"{regarding.Metadata.Name}.{now.Ticks.ToString("x", CultureInfo.InvariantCulture)}";
        var evt = new Eventsv1Event
        {
            ApiVersion = "events.k8s.io/v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            EventTime = now,
            Type = key.Type,
            Reason = key.Reason,
            Action = key.Action,
            Note = Truncate(key.Note),
            ReportingController = ReportingController,
            ReportingInstance = ReportingInstance,
            Regarding = new V1ObjectReference
            {
                ApiVersion = regarding.ApiVersion,
                Kind = regarding.Kind,
                Name = regarding.Metadata.Name,
                NamespaceProperty = regarding.Metadata.NamespaceProperty,
                Uid = regarding.Metadata.Uid,
                ResourceVersion = regarding.Metadata.ResourceVersion,
            },
        };
        await kubernetes.EventsV1.CreateNamespacedEventAsync(evt, ns, cancellationToken: cancellationToken);
        lock (gate)
        {
            if (series.Count >= MaxTrackedSeries)
            {
                var cutoff = now - SeriesWindow;
                foreach (var stale in series.Where(s => s.Value.LastObserved < cutoff).Select(s => s.Key).ToList())
                {
                    series.Remove(stale);
                }

                if (series.Count >= MaxTrackedSeries)
                {
                    series.Clear();
                }
            }

            series[key] = new SeriesState(ns, name) { Count = 1, LastObserved = now };
        }
    }

    private async Task<bool> TryPatchSeriesAsync(SeriesState state, CancellationToken cancellationToken)
    {
        int count;
        DateTime lastObserved;
        lock (gate)
        {
            count = state.Count;
            lastObserved = state.LastObserved;
        }

        var observed = lastObserved.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["series"] = new System.Text.Json.Nodes.JsonObject { ["count"] = count, ["lastObservedTime"] = observed },
        }.ToJsonString();
        try
        {
            await kubernetes.EventsV1.PatchNamespacedEventAsync(new V1Patch(body, V1Patch.PatchType.MergePatch), state.Name, state.Namespace, cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // The event expired on the server; start a new series.
            return false;
        }
    }

    private static string Truncate(string note) => note.Length <= 1024 ? note : note[..1021] + "...";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record event {Reason} for {Kind} {Namespace}/{Name}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string reason, string kind, string @namespace, string name);

    private readonly record struct SeriesKey(string Object, string Type, string Reason, string Action, string Note);

    private sealed class SeriesState(string @namespace, string name)
    {
        public string Namespace { get; } = @namespace;

        public string Name { get; } = name;

        public int Count { get; set; }

        public DateTime LastObserved { get; set; }
    }
}
