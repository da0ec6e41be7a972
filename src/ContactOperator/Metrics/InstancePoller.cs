using ContactOperator.Aws.Connect;

namespace ContactOperator.Metrics;

/// <summary>One Connect instance to poll: its AWS ids and its queues (AWS queue id → the Queue object's name, the <c>queue</c> label).</summary>
public sealed record PollTarget(string InstanceId, string InstanceArn, IReadOnlyDictionary<string, string> Queues);

/// <summary>The figures of one poll: per queue label, exported series name → value in base units; and the API calls it took.</summary>
public sealed record PollResult(IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Queues, int CurrentMetricCalls, int HistoricalMetricCalls);

/// <summary>
/// Reads one instance's queue figures in batches: every queue in one GetCurrentMetricData call and one
/// GetMetricDataV2 call (grouped by queue, up to 100 queues per filter, which is AWS's limit and twice the default
/// queue quota), paging only if AWS pages.
/// </summary>
public sealed class InstancePoller(ExporterOptions options)
{
    /// <summary>AWS's limit on queue ids per filter of both operations.</summary>
    public const int MaxQueuesPerCall = 100;

    public async Task<PollResult> PollAsync(IConnectClient connect, PollTarget target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(target);
        var values = target.Queues.Values.Distinct(StringComparer.Ordinal)
            .ToDictionary(label => label, _ => new Dictionary<string, double>(StringComparer.Ordinal), StringComparer.Ordinal);
        var currentCalls = 0;
        var historicalCalls = 0;
        foreach (var batch in target.Queues.Keys.Order(StringComparer.Ordinal).Chunk(MaxQueuesPerCall))
        {
            currentCalls += await ReadCurrentAsync(connect, target, batch, values, cancellationToken);
            historicalCalls += await ReadHistoricalAsync(connect, target, batch, values, now, cancellationToken);
        }

        return new PollResult(values.ToDictionary(v => v.Key, v => (IReadOnlyDictionary<string, double>)v.Value, StringComparer.Ordinal), currentCalls, historicalCalls);
    }

    private static async Task<int> ReadCurrentAsync(
        IConnectClient connect, PollTarget target, string[] queueIds, Dictionary<string, Dictionary<string, double>> values, CancellationToken cancellationToken)
    {
        var series = QueueSeries.CurrentSeries.ToDictionary(s => s.ConnectMetric, StringComparer.Ordinal);
        var metrics = series.Keys.Select(name => new CurrentMetric { Name = name, Unit = name == "OLDEST_CONTACT_AGE" ? "SECONDS" : "COUNT" }).ToList();
        string? token = null;
        var calls = 0;
        do
        {
            // Grouped by QUEUE, so OLDEST_CONTACT_AGE comes in seconds (ungrouped it comes in milliseconds).
            var response = await connect.GetCurrentMetricDataAsync(new GetCurrentMetricDataRequest
            {
                InstanceId = target.InstanceId,
                Filters = new Filters { Queues = queueIds, Channels = ["VOICE", "CHAT", "TASK"] },
                Groupings = ["QUEUE"],
                CurrentMetrics = metrics,
                MaxResults = MaxQueuesPerCall,
                NextToken = token,
            }, cancellationToken);
            calls++;
            foreach (var result in response.MetricResults ?? [])
            {
                if (result.Dimensions?.Queue?.Id is not { } queueId || !target.Queues.TryGetValue(queueId, out var label))
                {
                    continue;
                }
                foreach (var data in result.Collections ?? [])
                {
                    if (data.Metric?.Name is { } name && series.TryGetValue(name, out var s))
                    {
                        values[label][s.Name] = data.Value ?? 0;
                    }
                }
            }
            token = response.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
        return calls;
    }

    private async Task<int> ReadHistoricalAsync(
        IConnectClient connect, PollTarget target, string[] queueIds, Dictionary<string, Dictionary<string, double>> values, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var series = QueueSeries.HistoricalSeries.ToDictionary(s => s.ConnectMetric, StringComparer.Ordinal);
        var metrics = series.Keys.Select(name => name == "SERVICE_LEVEL"
            ? new MetricV2 { Name = name, Threshold = [new ThresholdV2 { Comparison = "LT", ThresholdValue = options.ServiceLevelThreshold.TotalSeconds }] }
            : new MetricV2 { Name = name }).ToList();
        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        string? token = null;
        var calls = 0;
        do
        {
            var response = await connect.GetMetricDataV2Async(new GetMetricDataV2Request
            {
                ResourceArn = target.InstanceArn,
                StartTime = end - options.Window,
                EndTime = end,
                Filters = [new FilterV2 { FilterKey = "QUEUE", FilterValues = queueIds }],
                Groupings = ["QUEUE"],
                Metrics = metrics,
                MaxResults = MaxQueuesPerCall,
                NextToken = token,
            }, cancellationToken);
            calls++;
            foreach (var result in response.MetricResults ?? [])
            {
                if (result.Dimensions?.GetValueOrDefault("QUEUE") is not { } queueId || !target.Queues.TryGetValue(queueId, out var label))
                {
                    continue;
                }
                foreach (var data in result.Collections ?? [])
                {
                    if (data.Metric?.Name is { } name && series.TryGetValue(name, out var s) && data.Value is { } value)
                    {
                        values[label][s.Name] = s.Convert(value, options.Window);
                    }
                }
            }
            token = response.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
        return calls;
    }
}
