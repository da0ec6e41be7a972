using Connect = ContactOperator.Aws.Connect;
using ContactOperator.Admission;
using ContactOperator.Api.Kinds;
using ContactOperator.AwsResources.Connect;
using ContactOperator.Kinds.Contract;

namespace ContactOperator.Kinds.RoutingProfiles;

/// <summary>RoutingProfile: channels, concurrency and queue priorities for agents.</summary>
public sealed class RoutingProfileModule() : ConnectChildModule<RoutingProfile, RoutingProfileSpec, DesiredRoutingProfile, ObservedRoutingProfile>(new RoutingProfileResourceManager())
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
}
