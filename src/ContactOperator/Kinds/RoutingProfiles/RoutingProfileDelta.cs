using ContactOperator.Aws.Connect;
using ContactOperator.AwsResources;
using ContactOperator.AwsResources.Connect;

namespace ContactOperator.Kinds.RoutingProfiles;

public sealed record ChannelConcurrency(string Channel, int Concurrency, string CrossChannelBehavior)
{
    public static List<MediaConcurrency> ToAws(IEnumerable<ChannelConcurrency> items) => items.Select(m => new MediaConcurrency
    {
        Channel = m.Channel,
        Concurrency = m.Concurrency,
        CrossChannelBehavior = new CrossChannelBehavior { BehaviorType = m.CrossChannelBehavior },
    }).ToList();
}

/// <summary>One queue on one channel, with its routing priority and delay.</summary>
public sealed record QueueConfig(string QueueId, string Channel, int Priority, int Delay)
{
    public (string QueueId, string Channel) Key => (QueueId, Channel);

    public static List<RoutingProfileQueueConfig> ToAws(IEnumerable<QueueConfig> configs) => configs.Select(c => new RoutingProfileQueueConfig
    {
        QueueReference = new RoutingProfileQueueReference { QueueId = c.QueueId, Channel = c.Channel },
        Priority = c.Priority,
        Delay = c.Delay,
    }).ToList();
}

public sealed record DesiredRoutingProfile(
    string Name,
    string Description,
    string DefaultOutboundQueueId,
    IReadOnlyList<ChannelConcurrency> MediaConcurrencies,
    IReadOnlyList<QueueConfig>? QueueConfigs,
    string? AgentAvailabilityTimer,
    IReadOnlyDictionary<string, string> Tags) : INamedDesired;

public sealed record ObservedRoutingProfile(
    string Id,
    string Arn,
    string Name,
    string Description,
    string DefaultOutboundQueueId,
    IReadOnlyList<ChannelConcurrency> MediaConcurrencies,
    IReadOnlyList<QueueConfig> QueueConfigs,
    string? AgentAvailabilityTimer,
    IReadOnlyDictionary<string, string> Tags) : IObservedResource;

/// <summary>A write to a routing profile.</summary>
public abstract record RoutingProfileWrite(string Operation) : AwsWrite<InstancePlacement, ObservedRoutingProfile>(Operation);

public sealed record UpdateRoutingProfileNameWrite(string Name, string Description, string FromName) : RoutingProfileWrite("UpdateRoutingProfileName")
{
    public override string Summarize(IdLabels labels) => Name != FromName ? $"renamed routing profile '{FromName}' to '{Name}'" : "changed description";

    public override Task ApplyAsync(InstancePlacement at, ObservedRoutingProfile observed, CancellationToken cancellationToken) =>
        at.Client.UpdateRoutingProfileNameAsync(new UpdateRoutingProfileNameRequest { InstanceId = at.InstanceId, RoutingProfileId = observed.Id, Name = Name, Description = Description }, cancellationToken);
}

public sealed record UpdateConcurrencyWrite(IReadOnlyList<ChannelConcurrency> MediaConcurrencies) : RoutingProfileWrite("UpdateRoutingProfileConcurrency")
{
    public override string Summarize(IdLabels labels) => $"set concurrency {string.Join(", ", MediaConcurrencies.Select(m => $"{m.Channel}={m.Concurrency}"))}";

    public override Task ApplyAsync(InstancePlacement at, ObservedRoutingProfile observed, CancellationToken cancellationToken) =>
        at.Client.UpdateRoutingProfileConcurrencyAsync(new UpdateRoutingProfileConcurrencyRequest
        {
            InstanceId = at.InstanceId,
            RoutingProfileId = observed.Id,
            MediaConcurrencies = ChannelConcurrency.ToAws(MediaConcurrencies),
        }, cancellationToken);
}

public sealed record UpdateDefaultOutboundQueueWrite(string QueueId, string From) : RoutingProfileWrite("UpdateRoutingProfileDefaultOutboundQueue")
{
    public override string Summarize(IdLabels labels) => $"changed default outbound queue {labels.Of(From)} → {labels.Of(QueueId)}";

    public override Task ApplyAsync(InstancePlacement at, ObservedRoutingProfile observed, CancellationToken cancellationToken) =>
        at.Client.UpdateRoutingProfileDefaultOutboundQueueAsync(new UpdateRoutingProfileDefaultOutboundQueueRequest { InstanceId = at.InstanceId, RoutingProfileId = observed.Id, DefaultOutboundQueueId = QueueId }, cancellationToken);
}

public sealed record UpdateAgentAvailabilityTimerWrite(string Timer, string? From) : RoutingProfileWrite("UpdateRoutingProfileAgentAvailabilityTimer")
{
    public override string Summarize(IdLabels labels) => $"changed agent availability timer {From ?? "(unset)"} → {Timer}";

    public override Task ApplyAsync(InstancePlacement at, ObservedRoutingProfile observed, CancellationToken cancellationToken) =>
        at.Client.UpdateRoutingProfileAgentAvailabilityTimerAsync(new UpdateRoutingProfileAgentAvailabilityTimerRequest { InstanceId = at.InstanceId, RoutingProfileId = observed.Id, AgentAvailabilityTimer = Timer }, cancellationToken);
}

public sealed record AssociateQueuesWrite(IReadOnlyList<QueueConfig> Configs) : RoutingProfileWrite("AssociateRoutingProfileQueues")
{
    public override string Summarize(IdLabels labels) => $"added {string.Join(", ", Configs.Select(c => $"{labels.Of(c.QueueId)}/{c.Channel} (priority {c.Priority}, delay {c.Delay})"))}";

    public override Task ApplyAsync(InstancePlacement at, ObservedRoutingProfile observed, CancellationToken cancellationToken) =>
        at.Client.AssociateRoutingProfileQueuesAsync(new AssociateRoutingProfileQueuesRequest { InstanceId = at.InstanceId, RoutingProfileId = observed.Id, QueueConfigs = QueueConfig.ToAws(Configs) }, cancellationToken);
}

public sealed record UpdateQueuesWrite(IReadOnlyList<QueueConfig> Configs) : RoutingProfileWrite("UpdateRoutingProfileQueues")
{
    public override string Summarize(IdLabels labels) => $"changed {string.Join(", ", Configs.Select(c => $"{labels.Of(c.QueueId)}/{c.Channel} to priority {c.Priority}, delay {c.Delay}"))}";

    public override Task ApplyAsync(InstancePlacement at, ObservedRoutingProfile observed, CancellationToken cancellationToken) =>
        at.Client.UpdateRoutingProfileQueuesAsync(new UpdateRoutingProfileQueuesRequest { InstanceId = at.InstanceId, RoutingProfileId = observed.Id, QueueConfigs = QueueConfig.ToAws(Configs) }, cancellationToken);
}

public sealed record DisassociateQueuesWrite(IReadOnlyList<(string QueueId, string Channel)> References) : RoutingProfileWrite("DisassociateRoutingProfileQueues")
{
    public override string Summarize(IdLabels labels) => $"removed {string.Join(", ", References.Select(r => $"{labels.Of(r.QueueId)}/{r.Channel}"))}";

    public override Task ApplyAsync(InstancePlacement at, ObservedRoutingProfile observed, CancellationToken cancellationToken) =>
        at.Client.DisassociateRoutingProfileQueuesAsync(new DisassociateRoutingProfileQueuesRequest
        {
            InstanceId = at.InstanceId,
            RoutingProfileId = observed.Id,
            QueueReferences = References.Select(r => new RoutingProfileQueueReference { QueueId = r.QueueId, Channel = r.Channel }).ToList(),
        }, cancellationToken);
}

public static class RoutingProfileDelta
{
    /// <summary>AWS accepts at most 10 queue configs or references per call.</summary>
    public const int QueueBatchSize = 10;

    public const string DefaultCrossChannelBehavior = "ROUTE_CURRENT_CHANNEL_ONLY";

    public static IReadOnlyList<AwsWrite<InstancePlacement, ObservedRoutingProfile>> Compute(DesiredRoutingProfile desired, ObservedRoutingProfile observed)
    {
        var writes = new List<AwsWrite<InstancePlacement, ObservedRoutingProfile>>();
        if (desired.Name != observed.Name || desired.Description != observed.Description)
        {
            writes.Add(new UpdateRoutingProfileNameWrite(desired.Name, desired.Description, observed.Name));
        }
        if (!SameConcurrency(desired.MediaConcurrencies, observed.MediaConcurrencies))
        {
            writes.Add(new UpdateConcurrencyWrite(desired.MediaConcurrencies));
        }
        if (desired.DefaultOutboundQueueId != observed.DefaultOutboundQueueId)
        {
            writes.Add(new UpdateDefaultOutboundQueueWrite(desired.DefaultOutboundQueueId, observed.DefaultOutboundQueueId));
        }
        if (desired.AgentAvailabilityTimer is not null && desired.AgentAvailabilityTimer != observed.AgentAvailabilityTimer)
        {
            writes.Add(new UpdateAgentAvailabilityTimerWrite(desired.AgentAvailabilityTimer, observed.AgentAvailabilityTimer));
        }
        if (desired.QueueConfigs is not null)
        {
            writes.AddRange(QueueWrites(desired.QueueConfigs, observed.QueueConfigs));
        }
        writes.AddRange(TagWrites.For<InstancePlacement, ObservedRoutingProfile>(TagDelta.Between(desired.Tags, observed.Tags)));
        return writes;
    }

    /// <summary>
    /// Queue configs diffed by (queue, channel): removals first (frees the per-profile quota), then additions, then
    /// priority/delay changes, each batched 10 per call.
    /// </summary>
    public static IEnumerable<RoutingProfileWrite> QueueWrites(IReadOnlyList<QueueConfig> desired, IReadOnlyList<QueueConfig> observed)
    {
        var observedByKey = observed.ToDictionary(c => c.Key);
        var desiredByKey = desired.ToDictionary(c => c.Key);
        var toRemove = observed.Where(c => !desiredByKey.ContainsKey(c.Key)).Select(c => c.Key).OrderBy(k => k.QueueId, StringComparer.Ordinal).ThenBy(k => k.Channel, StringComparer.Ordinal).ToList();
        var toAdd = desired.Where(c => !observedByKey.ContainsKey(c.Key)).ToList();
        var toUpdate = desired.Where(c => observedByKey.TryGetValue(c.Key, out var o) && o != c).ToList();
        foreach (var batch in toRemove.Chunk(QueueBatchSize))
        {
            yield return new DisassociateQueuesWrite(batch);
        }
        foreach (var batch in toAdd.Chunk(QueueBatchSize))
        {
            yield return new AssociateQueuesWrite(batch);
        }
        foreach (var batch in toUpdate.Chunk(QueueBatchSize))
        {
            yield return new UpdateQueuesWrite(batch);
        }
    }

    /// <summary>A channel left out counts as concurrency 0; an unset cross-channel behaviour is AWS's default.</summary>
    private static bool SameConcurrency(IReadOnlyList<ChannelConcurrency> desired, IReadOnlyList<ChannelConcurrency> observed)
    {
        static Dictionary<string, (int, string)> Normalize(IEnumerable<ChannelConcurrency> items) =>
            items.Where(m => m.Concurrency > 0).ToDictionary(m => m.Channel, m => (m.Concurrency, m.CrossChannelBehavior));
        var d = Normalize(desired);
        var o = Normalize(observed);
        return d.Count == o.Count && d.All(kv => o.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }
}
