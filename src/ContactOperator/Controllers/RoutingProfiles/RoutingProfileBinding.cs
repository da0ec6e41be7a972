using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Api.Validation;
using ContactOperator.Controllers.Sync;
using FluentValidation.Results;

namespace ContactOperator.Controllers.RoutingProfiles;

public sealed class RoutingProfileBinding : IChildKindBinding<RoutingProfile, DesiredRoutingProfile>
{
    private static readonly RoutingProfileValidator Validator = new();

    public string Kind => RoutingProfile.KindName;

    public ResourceReference InstanceRef(RoutingProfile resource) => resource.Spec.InstanceRef;

    public string DeletionPolicy(RoutingProfile resource) => resource.Spec.DeletionPolicy;

    public ResourceStatus? Status(RoutingProfile resource) => resource.Status;

    public ValidationResult Validate(RoutingProfile resource) => Validator.Validate(resource);

    /// <summary>Every queue the profile names must be Ready; the message lists the ones that are not.</summary>
    public Resolution<DesiredRoutingProfile> Resolve(RoutingProfile resource, DependencyLookup lookup, string owner)
    {
        var names = QueueNames(resource);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var name in names)
        {
            if (References.ReadyId(lookup.Queue(new(resource.Metadata.NamespaceProperty, name))) is { } id)
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
        return Resolution.Ready(DesiredState.RoutingProfile(resource.Spec, resource.Metadata.Name, owner, ids[resource.Spec.DefaultOutboundQueueRef.Name], ids));
    }

    /// <summary>The queues a routing profile refers to, for waking it when one of them changes.</summary>
    public static IEnumerable<string> QueueNames(RoutingProfile resource) =>
        (resource.Spec.QueueConfigs ?? []).Select(q => q.QueueRef.Name).Append(resource.Spec.DefaultOutboundQueueRef.Name).Distinct(StringComparer.Ordinal);
}
