using System.Runtime.CompilerServices;
using ContactOperator.Aws.Connect;
using ContactOperator.Controllers.Sync;

namespace ContactOperator.Controllers.RoutingProfiles;

/// <summary>Routing profiles and their queue configs in Amazon Connect.</summary>
public sealed class RoutingProfileManager : ConnectResourceManager<DesiredRoutingProfile, ObservedRoutingProfile>
{
    public override string AwsKind => "routing profile";

    public override string DesiredName(DesiredRoutingProfile desired) => desired.Name;

    protected override async Task<ObservedRoutingProfile> DescribeOrThrowAsync(ConnectPlacement at, string id, CancellationToken cancellationToken)
    {
        var profile = (await at.Client.DescribeRoutingProfileAsync(new DescribeRoutingProfileRequest { InstanceId = at.InstanceId, RoutingProfileId = id }, cancellationToken)).RoutingProfile
            ?? throw new InvalidOperationException($"DescribeRoutingProfile {id} returned nothing");
        var queues = new List<QueueConfig>();
        await foreach (var q in at.Client.ListRoutingProfileQueuesAllAsync(new ListRoutingProfileQueuesRequest { InstanceId = at.InstanceId, RoutingProfileId = id }, cancellationToken))
        {
            queues.Add(new QueueConfig(q.QueueId, q.Channel, q.Priority, q.Delay));
        }
        var concurrency = (profile.MediaConcurrencies ?? [])
            .Select(m => new ChannelConcurrency(m.Channel, m.Concurrency, m.CrossChannelBehavior?.BehaviorType ?? RoutingProfileDelta.DefaultCrossChannelBehavior))
            .ToList();
        return new ObservedRoutingProfile(profile.RoutingProfileId ?? id, profile.RoutingProfileArn ?? "", profile.Name ?? "", profile.Description ?? "",
            profile.DefaultOutboundQueueId ?? "", concurrency, queues, profile.AgentAvailabilityTimer, TagsOf(profile.Tags));
    }

    protected override async IAsyncEnumerable<(string? Id, string? Name)> ListAsync(ConnectPlacement at, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var summary in at.Client.ListRoutingProfilesAllAsync(new ListRoutingProfilesRequest { InstanceId = at.InstanceId }, cancellationToken))
        {
            yield return (summary.Id, summary.Name);
        }
    }

    /// <summary>CreateRoutingProfile takes at most 10 queue configs; the rest are associated by the next delta.</summary>
    public override async Task<string> CreateAsync(ConnectPlacement at, DesiredRoutingProfile desired, CancellationToken cancellationToken)
    {
        var firstQueues = desired.QueueConfigs?.Take(RoutingProfileDelta.QueueBatchSize).ToList();
        var response = await at.Client.CreateRoutingProfileAsync(new CreateRoutingProfileRequest
        {
            InstanceId = at.InstanceId,
            Name = desired.Name,
            Description = desired.Description,
            DefaultOutboundQueueId = desired.DefaultOutboundQueueId,
            MediaConcurrencies = Concurrency(desired.MediaConcurrencies),
            QueueConfigs = firstQueues is { Count: > 0 } ? QueueConfigs(firstQueues) : null,
            AgentAvailabilityTimer = desired.AgentAvailabilityTimer,
            Tags = desired.Tags,
        }, cancellationToken);
        return response.RoutingProfileId ?? throw new InvalidOperationException("CreateRoutingProfile returned no id");
    }

    public override IReadOnlyList<AwsWrite> Delta(DesiredRoutingProfile desired, ObservedRoutingProfile observed) => RoutingProfileDelta.Compute(desired, observed);

    protected override Task ApplyKindWriteAsync(ConnectPlacement at, ObservedRoutingProfile observed, AwsWrite write, CancellationToken cancellationToken) => write switch
    {
        UpdateRoutingProfileNameWrite w => at.Client.UpdateRoutingProfileNameAsync(new UpdateRoutingProfileNameRequest { InstanceId = at.InstanceId, RoutingProfileId = observed.Id, Name = w.Name, Description = w.Description }, cancellationToken),
        UpdateConcurrencyWrite w => at.Client.UpdateRoutingProfileConcurrencyAsync(new UpdateRoutingProfileConcurrencyRequest { InstanceId = at.InstanceId, RoutingProfileId = observed.Id, MediaConcurrencies = Concurrency(w.MediaConcurrencies) }, cancellationToken),
        UpdateDefaultOutboundQueueWrite w => at.Client.UpdateRoutingProfileDefaultOutboundQueueAsync(new UpdateRoutingProfileDefaultOutboundQueueRequest { InstanceId = at.InstanceId, RoutingProfileId = observed.Id, DefaultOutboundQueueId = w.QueueId }, cancellationToken),
        UpdateAgentAvailabilityTimerWrite w => at.Client.UpdateRoutingProfileAgentAvailabilityTimerAsync(new UpdateRoutingProfileAgentAvailabilityTimerRequest { InstanceId = at.InstanceId, RoutingProfileId = observed.Id, AgentAvailabilityTimer = w.Timer }, cancellationToken),
        AssociateQueuesWrite w => at.Client.AssociateRoutingProfileQueuesAsync(new AssociateRoutingProfileQueuesRequest { InstanceId = at.InstanceId, RoutingProfileId = observed.Id, QueueConfigs = QueueConfigs(w.Configs) }, cancellationToken),
        UpdateQueuesWrite w => at.Client.UpdateRoutingProfileQueuesAsync(new UpdateRoutingProfileQueuesRequest { InstanceId = at.InstanceId, RoutingProfileId = observed.Id, QueueConfigs = QueueConfigs(w.Configs) }, cancellationToken),
        DisassociateQueuesWrite w => at.Client.DisassociateRoutingProfileQueuesAsync(new DisassociateRoutingProfileQueuesRequest
        {
            InstanceId = at.InstanceId,
            RoutingProfileId = observed.Id,
            QueueReferences = w.References.Select(r => new RoutingProfileQueueReference { QueueId = r.QueueId, Channel = r.Channel }).ToList(),
        }, cancellationToken),
        _ => throw Unexpected(write),
    };

    public override Task DeleteAsync(ConnectPlacement at, string id, CancellationToken cancellationToken) =>
        at.Client.DeleteRoutingProfileAsync(new DeleteRoutingProfileRequest { InstanceId = at.InstanceId, RoutingProfileId = id }, cancellationToken);

    private static List<MediaConcurrency> Concurrency(IEnumerable<ChannelConcurrency> items) => items.Select(m => new MediaConcurrency
    {
        Channel = m.Channel,
        Concurrency = m.Concurrency,
        CrossChannelBehavior = new CrossChannelBehavior { BehaviorType = m.CrossChannelBehavior },
    }).ToList();

    private static List<RoutingProfileQueueConfig> QueueConfigs(IEnumerable<QueueConfig> configs) => configs.Select(c => new RoutingProfileQueueConfig
    {
        QueueReference = new RoutingProfileQueueReference { QueueId = c.QueueId, Channel = c.Channel },
        Priority = c.Priority,
        Delay = c.Delay,
    }).ToList();
}
