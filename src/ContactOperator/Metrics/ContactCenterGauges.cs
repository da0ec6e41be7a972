using Prometheus;

namespace ContactOperator.Metrics;

/// <summary>
/// The exporter's series on the operator's registry. A queue's series are replaced on every successful poll and
/// removed when the queue or the instance goes away; a failed poll leaves the last values and shows up in
/// <c>..._poll_errors_total</c> and an ageing <c>..._last_success_timestamp_seconds</c>.
/// </summary>
public sealed class ContactCenterGauges
{
    private readonly Dictionary<string, Gauge> queueGauges;
    private readonly Gauge lastSuccess;
    private readonly Counter pollErrors;
    private readonly Gauge queues;
    private readonly Counter apiCalls;
    private readonly Dictionary<(string Namespace, string Instance), HashSet<string>> published = [];
    private readonly Lock gate = new();

    public ContactCenterGauges(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        queueGauges = QueueSeries.All.ToDictionary(
            s => s.Name, s => factory.CreateGauge(s.Name, s.Help, ContactCenterLabels.Namespace, ContactCenterLabels.Instance, ContactCenterLabels.Queue), StringComparer.Ordinal);
        lastSuccess = factory.CreateGauge(
            ContactCenterMetricNames.ExporterLastSuccess, "Unix time of the last successful poll of a ContactInstance's queue metrics.", ContactCenterLabels.Namespace, ContactCenterLabels.Instance);
        pollErrors = factory.CreateCounter(
            ContactCenterMetricNames.ExporterPollErrors, "Failed polls of a ContactInstance's queue metrics, by AWS error code (or Timeout, Unknown).", ContactCenterLabels.Namespace, ContactCenterLabels.Instance, "code");
        queues = factory.CreateGauge(ContactCenterMetricNames.ExporterQueues, "Queues the exporter polls for a ContactInstance.", ContactCenterLabels.Namespace, ContactCenterLabels.Instance);
        apiCalls = factory.CreateCounter(
            ContactCenterMetricNames.ExporterApiCalls, "Connect metric API calls made by the exporter, by operation.", ContactCenterLabels.Namespace, ContactCenterLabels.Instance, "operation");
    }

    /// <summary>Publishes a successful poll at <paramref name="now"/>.</summary>
    public void Record(string @namespace, string instance, PollResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (gate)
        {
            var key = (@namespace, instance);
            var labels = published.TryGetValue(key, out var existing) ? existing : published[key] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var gone in labels.Where(l => !result.Queues.ContainsKey(l)).ToList())
            {
                RemoveQueue(@namespace, instance, gone);
                labels.Remove(gone);
            }
            foreach (var (queue, values) in result.Queues)
            {
                foreach (var (name, gauge) in queueGauges)
                {
                    // A queue with no answer for a historical figure (no contacts in the window) reads 0.
                    gauge.WithLabels(@namespace, instance, queue).Set(values.GetValueOrDefault(name));
                }
                labels.Add(queue);
            }
            queues.WithLabels(@namespace, instance).Set(result.Queues.Count);
            lastSuccess.WithLabels(@namespace, instance).Set(now.ToUnixTimeMilliseconds() / 1000.0);
            apiCalls.WithLabels(@namespace, instance, "GetCurrentMetricData").Inc(result.CurrentMetricCalls);
            apiCalls.WithLabels(@namespace, instance, "GetMetricDataV2").Inc(result.HistoricalMetricCalls);
        }
    }

    /// <summary>Counts a failed poll; the last values stay.</summary>
    public void RecordError(string @namespace, string instance, string code)
    {
        lock (gate)
        {
            pollErrors.WithLabels(@namespace, instance, code).Inc();
        }
    }

    /// <summary>Removes every series of an instance that is gone or no longer Ready.</summary>
    public void Forget(string @namespace, string instance)
    {
        lock (gate)
        {
            if (published.Remove((@namespace, instance), out var labels))
            {
                foreach (var queue in labels)
                {
                    RemoveQueue(@namespace, instance, queue);
                }
            }
            lastSuccess.RemoveLabelled(@namespace, instance);
            queues.RemoveLabelled(@namespace, instance);
        }
    }

    public IReadOnlyCollection<(string Namespace, string Instance)> Instances()
    {
        lock (gate)
        {
            return [.. published.Keys];
        }
    }

    private void RemoveQueue(string @namespace, string instance, string queue)
    {
        foreach (var gauge in queueGauges.Values)
        {
            gauge.RemoveLabelled(@namespace, instance, queue);
        }
    }
}
