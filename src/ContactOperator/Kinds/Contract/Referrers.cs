namespace ContactOperator.Kinds.Contract;

/// <summary>
/// Which cached objects refer to a given object, across every kind the manager runs (a delete AWS refuses because the
/// resource is in use names them: "still used by RoutingProfile billing-agents").
/// </summary>
public sealed class Referrers(IReadOnlyList<IKindModule> kinds, ObjectLookup lookup)
{
    private readonly Dictionary<string, IKindModule> byKind = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);

    /// <summary>"Kind name" of every object in <paramref name="resource"/>'s namespace that refers to it, in order.</summary>
    public IReadOnlyList<string> Of(IContactResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return [.. lookup.AllObjects()
            .Where(o => o.Metadata.NamespaceProperty == resource.Metadata.NamespaceProperty
                && byKind.TryGetValue(o.Kind, out var module) && module.RefersTo(o, resource.Kind, resource.Metadata.Name))
            .Select(o => $"{o.Kind} {o.Metadata.Name}")
            .Order(StringComparer.Ordinal)];
    }
}
