using ContactOperator.Admission;
using ContactOperator.Api.Kinds;
using Connect = ContactOperator.Aws.Connect;

namespace ContactOperator.Kinds.RoutingProfiles;

/// <summary>RoutingProfile: channels, concurrency and queue priorities for agents.</summary>
public sealed class RoutingProfileModule() : ConnectChildModule<RoutingProfile, RoutingProfileSpec, DesiredRoutingProfile, ObservedRoutingProfile>("routing profile", RoutingProfileDelta.Compute)
{
    public override IReadOnlyList<AwsUsage.AwsOperationUse> AwsOperations => RoutingProfileAwsOperations.All;

    protected override IEnumerable<IKindReference<RoutingProfile>> OtherReferences => [Refers.To<RoutingProfile, Queue>(QueueNames)];

    protected override IEnumerable<IAdmissionRule> OtherAdmissionRules => [new RoutingProfileReferenceRule()];

    /// <summary>The queues a routing profile refers to.</summary>
    public static IEnumerable<string> QueueNames(RoutingProfile resource) =>
        (resource.Spec.QueueConfigs ?? []).Select(q => q.QueueRef.Name).Append(resource.Spec.DefaultOutboundQueueRef.Name).Distinct(StringComparer.Ordinal);

    /// <summary>Every queue the profile names must be Ready; the message lists the ones that are not.</summary>
    protected override Resolution<DesiredRoutingProfile> Map(RoutingProfile resource, string owner, ObjectLookup lookup)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var name in QueueNames(resource))
        {
            if (Dependencies.ReadyId(lookup.Get<Queue>(new(resource.Metadata.NamespaceProperty, name))) is { } id)
            {
                ids[name] = id;
            }
            else
            {
                missing.Add(name);
            }
        }
        if (missing.Count > 0)
        {
            return Resolution.Waiting<DesiredRoutingProfile>($"waiting for Queue {string.Join(", ", missing.Order(StringComparer.Ordinal))} to be Ready");
        }
        var spec = resource.Spec;
        return Resolution.Ready(new DesiredRoutingProfile(
            spec.Name ?? resource.Metadata.Name,
            spec.Description,
            ids[spec.DefaultOutboundQueueRef.Name],
            spec.MediaConcurrencies.Select(m => new ChannelConcurrency(m.Channel, m.Concurrency, m.CrossChannelBehavior ?? RoutingProfileDelta.DefaultCrossChannelBehavior)).ToList(),
            spec.QueueConfigs?.Select(q => new QueueConfig(ids[q.QueueRef.Name], q.Channel, q.Priority, q.Delay)).ToList(),
            spec.AgentAvailabilityTimer,
            TagDelta.Desired(spec.Tags, owner)));
    }

    protected override async Task<ObservedRoutingProfile> DescribeOrThrowAsync(InstancePlacement at, string id, DesiredRoutingProfile desired, CancellationToken cancellationToken)
    {
        var profile = (await at.Client.DescribeRoutingProfileAsync(new Connect.DescribeRoutingProfileRequest { InstanceId = at.InstanceId, RoutingProfileId = id }, cancellationToken)).RoutingProfile
            ?? throw new InvalidOperationException($"DescribeRoutingProfile {id} returned nothing");
        var queues = new List<QueueConfig>();
        await foreach (var q in Connect.ConnectClientPaginators.ListRoutingProfileQueuesAllAsync(at.Client, new Connect.ListRoutingProfileQueuesRequest { InstanceId = at.InstanceId, RoutingProfileId = id }, cancellationToken))
        {
            queues.Add(new QueueConfig(q.QueueId, q.Channel, q.Priority, q.Delay));
        }
        var concurrency = (profile.MediaConcurrencies ?? [])
            .Select(m => new ChannelConcurrency(m.Channel, m.Concurrency, m.CrossChannelBehavior?.BehaviorType ?? RoutingProfileDelta.DefaultCrossChannelBehavior))
            .ToList();
        return new ObservedRoutingProfile(profile.RoutingProfileId ?? id, profile.RoutingProfileArn ?? "", profile.Name ?? "", profile.Description ?? "",
            profile.DefaultOutboundQueueId ?? "", concurrency, queues, profile.AgentAvailabilityTimer, TagsOf(profile.Tags));
    }

    public override IAsyncEnumerable<(string Id, string Name)> ListNamesAsync(InstancePlacement at, CancellationToken cancellationToken) =>
        NamesOf(Connect.ConnectClientPaginators.ListRoutingProfilesAllAsync(at.Client, new Connect.ListRoutingProfilesRequest { InstanceId = at.InstanceId }, cancellationToken), s => s.Id, s => s.Name);

    /// <summary>CreateRoutingProfile takes at most 10 queue configs; the rest are associated by the next delta.</summary>
    public override async Task<CreatedResource> CreateAsync(InstancePlacement at, DesiredRoutingProfile desired, CreateContext context, CancellationToken cancellationToken)
    {
        var firstQueues = desired.QueueConfigs?.Take(RoutingProfileDelta.QueueBatchSize).ToList();
        var response = await at.Client.CreateRoutingProfileAsync(new Connect.CreateRoutingProfileRequest
        {
            InstanceId = at.InstanceId, Name = desired.Name, Description = desired.Description, Tags = desired.Tags,
            DefaultOutboundQueueId = desired.DefaultOutboundQueueId,
            MediaConcurrencies = ChannelConcurrency.ToAws(desired.MediaConcurrencies),
            QueueConfigs = firstQueues is { Count: > 0 } ? QueueConfig.ToAws(firstQueues) : null,
            AgentAvailabilityTimer = desired.AgentAvailabilityTimer,
        }, cancellationToken);
        return Created(response.RoutingProfileId, response.RoutingProfileArn, "CreateRoutingProfile");
    }

    /// <summary>The create carried the first 10 queue configs; the delta associates the rest.</summary>
    public override ObservedRoutingProfile? AsCreated(DesiredRoutingProfile desired, CreatedResource created) => created.Arn is not { } arn ? null : new ObservedRoutingProfile(
        created.Id, arn, desired.Name, desired.Description, desired.DefaultOutboundQueueId, desired.MediaConcurrencies,
        [.. (desired.QueueConfigs ?? []).Take(RoutingProfileDelta.QueueBatchSize)], desired.AgentAvailabilityTimer, desired.Tags);

    public override Task DeleteAsync(InstancePlacement at, string id, CancellationToken cancellationToken) =>
        at.Client.DeleteRoutingProfileAsync(new Connect.DeleteRoutingProfileRequest { InstanceId = at.InstanceId, RoutingProfileId = id }, cancellationToken);
}
