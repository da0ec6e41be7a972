using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Connect;

/// <summary>GetCurrentMetricData and GetMetricDataV2 answered from the scriptable per-queue load model.</summary>
[EmulatedService(ServiceRegistry.Connect)]
internal static class MetricOperations
{
    private static readonly string[] SecondsMetrics = ["OLDEST_CONTACT_AGE", "ESTIMATED_WAIT_TIME"];
    private static readonly string[] CurrentGroupings = ["QUEUE", "CHANNEL", "ROUTING_PROFILE", "ROUTING_STEP_EXPRESSION"];
    private static readonly string[] IntervalPeriods = ["FIFTEEN_MIN", "THIRTY_MIN", "HOUR", "DAY", "WEEK", "TOTAL"];

    [Operation("GetCurrentMetricData", RequestsPerSecond = 5, Burst = 8)]
    private static JsonObject GetCurrent(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var filters = input.Obj("Filters")!;
        var queues = QueuesOf(context, instance, filters.Strings("Queues"), filters.Strings("RoutingProfiles"), "Filters");
        var groupings = input.Strings("Groupings");
        if (groupings.Count > 2)
        {
            throw context.Invalid("1 validation error detected: Value at 'groupings' failed to satisfy constraint: Member must have length less than or equal to 2");
        }

        foreach (var grouping in groupings)
        {
            ConnectLookup.RequireOneOf(context, grouping, "groupings", CurrentGroupings);
        }

        var metrics = input.Objects("CurrentMetrics");
        if (metrics.Count == 0)
        {
            throw context.Invalid("CurrentMetrics must name at least one metric.");
        }

        foreach (var metric in metrics)
        {
            var name = metric.Str("Name") ?? throw context.Invalid("Each current metric needs a Name.");
            if (QueueLoad.Idle.Current(name) is null)
            {
                throw context.Invalid($"Unknown current metric '{name}'.");
            }

            var expectedUnit = SecondsMetrics.Contains(name) ? "SECONDS" : "COUNT";
            if (metric.Str("Unit") is { } unit && unit != expectedUnit)
            {
                throw context.Invalid($"The unit of {name} must be {expectedUnit}, not {unit}.");
            }
        }

        var channels = filters.Strings("Channels");
        var results = new List<JsonObject>();
        if (groupings.Count == 0)
        {
            // Without grouping AWS reports OLDEST_CONTACT_AGE in milliseconds although the unit says SECONDS.
            var loads = queues.Select(q => Load(context, instance, q)).ToList();
            results.Add(new JsonObject { ["Collections"] = Collections(metrics, loads, millisecondsForAge: true) });
        }
        else
        {
            foreach (var group in Groups(context, instance, queues, groupings, channels, filters.Strings("RoutingProfiles")))
            {
                results.Add(new JsonObject { ["Dimensions"] = group.Dimensions, ["Collections"] = Collections(metrics, group.Loads, millisecondsForAge: false) });
            }
        }

        var (page, next) = Paging.Page(context, results, input, 100, 100);
        return new JsonObject
        {
            ["MetricResults"] = new JsonArray([.. page]),
            ["DataSnapshotTime"] = JsonInput.Epoch(context.Now),
            ["ApproximateTotalCount"] = results.Count,
        }.WithToken(next);
    }

    /// <summary>
    /// Splits the queues' load by the requested groupings. The load model is per queue and counts as VOICE
    /// traffic; a routing profile's figures are those of the queues associated with it.
    /// </summary>
    private static IEnumerable<(JsonObject Dimensions, List<QueueLoad> Loads)> Groups(
        OperationContext context, ConnectInstance instance, List<QueueRecord> queues, List<string> groupings, List<string> channelFilter, List<string> profileFilter)
    {
        var byQueue = groupings.Contains("QUEUE");
        var byChannel = groupings.Contains("CHANNEL");
        var byProfile = groupings.Contains("ROUTING_PROFILE");
        List<string?> channels = byChannel ? (channelFilter.Count > 0 ? [.. channelFilter] : ["VOICE"]) : [null];
        List<RoutingProfileRecord?> profiles = byProfile
            ? [.. (profileFilter.Count > 0
                ? profileFilter.Select(p => ConnectLookup.RoutingProfile(context, instance, p))
                : instance.Configuration.RoutingProfiles.Values.Where(p => p.QueueConfigs.Keys.Any(k => queues.Any(q => q.Id == k.QueueId))))
                .OrderBy(p => p.Name, StringComparer.Ordinal)]
            : [null];
        foreach (var profile in profiles)
        {
            var inProfile = profile is null ? queues : [.. queues.Where(q => profile.QueueConfigs.Keys.Any(k => k.QueueId == q.Id))];
            foreach (var queue in byQueue ? inProfile.Select(q => (QueueRecord?)q) : [null])
            {
                foreach (var channel in channels)
                {
                    var members = queue is null ? inProfile : [queue];
                    var dimensions = new JsonObject();
                    if (queue is not null)
                    {
                        dimensions["Queue"] = new JsonObject { ["Id"] = queue.Id, ["Arn"] = instance.QueueArn(queue.Id, queue.QueueType) };
                    }

                    if (channel is not null)
                    {
                        dimensions["Channel"] = channel;
                    }

                    if (profile is not null)
                    {
                        dimensions["RoutingProfile"] = new JsonObject { ["Id"] = profile.Id, ["Arn"] = instance.RoutingProfileArn(profile.Id) };
                    }

                    yield return (dimensions, [.. members.Select(q => channel is null or "VOICE" ? Load(context, instance, q) : QueueLoad.Idle)]);
                }
            }
        }
    }

    private static JsonArray Collections(List<JsonObject> metrics, List<QueueLoad> loads, bool millisecondsForAge)
    {
        var collections = new JsonArray();
        foreach (var metric in metrics)
        {
            var name = metric.ReqStr("Name");
            var values = loads.Select(l => l.Current(name)!.Value).ToList();
            double value = name is "OLDEST_CONTACT_AGE" or "ESTIMATED_WAIT_TIME" ? (values.Count == 0 ? 0 : values.Max()) : values.Sum();
            if (millisecondsForAge && name == "OLDEST_CONTACT_AGE")
            {
                value *= 1000;
            }

            collections.Add(new JsonObject
            {
                ["Metric"] = new JsonObject { ["Name"] = name, ["Unit"] = SecondsMetrics.Contains(name) ? "SECONDS" : "COUNT" },
                ["Value"] = value,
            });
        }

        return collections;
    }

    [Operation("GetMetricDataV2", RequestsPerSecond = 10, Burst = 10)]
    private static JsonObject GetV2(OperationContext context, JsonObject input)
    {
        var arn = input.ReqStr("ResourceArn");
        var instance = ConnectLookup.Instance(context, arn);
        if (instance.Status(context.Now) != "ACTIVE")
        {
            throw context.Error("ResourceNotFoundException", $"Instance {instance.Id} is not active yet.");
        }

        var start = input.Time("StartTime")!.Value;
        var end = input.Time("EndTime")!.Value;
        if (end <= start)
        {
            throw context.Invalid("EndTime must be later than StartTime.");
        }

        if (start < context.Now.AddDays(-90))
        {
            throw context.Invalid("StartTime must be within the last 3 months.");
        }

        if (end - start > TimeSpan.FromDays(35))
        {
            throw context.Invalid("The time range between StartTime and EndTime must not exceed 35 days.");
        }

        var period = input.Obj("Interval")?.Str("IntervalPeriod") ?? "TOTAL";
        ConnectLookup.RequireOneOf(context, period, "interval.intervalPeriod", IntervalPeriods);

        var filters = input.Objects("Filters");
        if (filters.Count is < 1 or > 5)
        {
            throw context.Invalid("1 validation error detected: Value at 'filters' failed to satisfy constraint: Member must have length between 1 and 5");
        }

        var queueIds = filters.Where(f => f.Str("FilterKey") == "QUEUE").SelectMany(f => f.Strings("FilterValues")).ToList();
        var profileIds = filters.Where(f => f.Str("FilterKey") == "ROUTING_PROFILE").SelectMany(f => f.Strings("FilterValues")).ToList();
        if (queueIds.Count > 100)
        {
            throw context.Invalid("A QUEUE filter can name at most 100 queues.");
        }

        var queues = QueuesOf(context, instance, queueIds, profileIds, "Filters");
        var metrics = input.Objects("Metrics");
        if (metrics.Count is < 1 or > 10)
        {
            throw context.Invalid("1 validation error detected: Value at 'metrics' failed to satisfy constraint: Member must have length between 1 and 10");
        }

        foreach (var metric in metrics)
        {
            var name = metric.Str("Name") ?? throw context.Invalid("Each metric needs a Name.");
            if (name == "SERVICE_LEVEL" && metric.Arr("Threshold") is not { Count: > 0 })
            {
                throw context.Invalid("SERVICE_LEVEL requires a Threshold (Comparison LT and ThresholdValue in seconds).");
            }
        }

        var groupings = input.Strings("Groupings");
        var groups = groupings.Contains("QUEUE") ? queues.Select(q => (Queue: (QueueRecord?)q, Members: new List<QueueRecord> { q })).ToList()
            : [(Queue: null, Members: queues)];
        var results = groups.Select(g =>
        {
            var result = new JsonObject();
            if (g.Queue is { } queue)
            {
                result["Dimensions"] = new JsonObject { ["QUEUE"] = queue.Id, ["QUEUE_ARN"] = instance.QueueArn(queue.Id, queue.QueueType) };
            }

            if (input.Obj("Interval") is not null)
            {
                result["MetricInterval"] = new JsonObject { ["Interval"] = period, ["StartTime"] = JsonInput.Epoch(start), ["EndTime"] = JsonInput.Epoch(end) };
            }

            var loads = g.Members.Select(q => Load(context, instance, q)).ToList();
            result["Collections"] = new JsonArray([.. metrics.Select(m =>
            {
                var name = m.ReqStr("Name");
                var values = loads.Select(l => l.Historical.GetValueOrDefault(name)).ToList();
                var averaged = name.Contains("RATE", StringComparison.Ordinal) || name.StartsWith("AVG", StringComparison.Ordinal)
                    || name.StartsWith("PERCENT", StringComparison.Ordinal) || name == "SERVICE_LEVEL" || name == "AGENT_OCCUPANCY";
                var value = values.Count == 0 ? 0 : averaged ? values.Average() : values.Sum();
                return (JsonNode)new JsonObject { ["Metric"] = m.DeepClone(), ["Value"] = value };
            })]);
            return result;
        }).ToList();

        var (page, next) = Paging.Page(context, results, input, 100, 100);
        return new JsonObject { ["MetricResults"] = new JsonArray([.. page]) }.WithToken(next);
    }

    private static List<QueueRecord> QueuesOf(OperationContext context, ConnectInstance instance, List<string> queueRefs, List<string> profileRefs, string member)
    {
        if (queueRefs.Count == 0 && profileRefs.Count == 0)
        {
            throw context.Invalid($"{member} must name queues or routing profiles.");
        }

        if (queueRefs.Count > 100 || profileRefs.Count > 100)
        {
            throw context.Invalid($"{member} can name at most 100 queues and 100 routing profiles.");
        }

        var queues = queueRefs.Select(q => ConnectLookup.Queue(context, instance, q)).ToList();
        foreach (var profileRef in profileRefs)
        {
            var profile = ConnectLookup.RoutingProfile(context, instance, profileRef);
            queues.AddRange(profile.QueueConfigs.Keys.Select(k => k.QueueId).Distinct()
                .Select(id => instance.Configuration.Queues.GetValueOrDefault(id)).OfType<QueueRecord>());
        }

        return [.. queues.DistinctBy(q => q.Id)];
    }

    private static QueueLoad Load(OperationContext context, ConnectInstance instance, QueueRecord queue) =>
        context.State.QueueLoads.TryGetValue((instance.Region, instance.Id, queue.Id), out var script) ? script(context.Now) : QueueLoad.Idle;
}
