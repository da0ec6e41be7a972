namespace ContactOperator.Emulators.Kubernetes.Storage;

/// <summary>Which resources are served right now: the built-ins plus every established CRD's versions.</summary>
internal sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private readonly List<ResourceType> _builtIns;
    private readonly Dictionary<string, IReadOnlyList<ResourceType>> _byCrd = new(StringComparer.Ordinal);
    private IReadOnlyList<ResourceType> _all;

    public ResourceRegistry()
    {
        _builtIns = BuiltInResources.All().ToList();
        _all = _builtIns;
    }

    /// <summary>Every served resource; built-ins first, then CRDs, each group's versions by priority.</summary>
    public IReadOnlyList<ResourceType> All => Volatile.Read(ref _all);

    public ResourceType? Find(string group, string version, string plural)
    {
        foreach (var type in All)
        {
            if (type.Plural == plural && type.Version == version && type.Group == group)
            {
                return type;
            }
        }
        return null;
    }

    public bool ServesGroupVersion(string group, string version) => All.Any(t => t.Group == group && t.Version == version);

    /// <summary>Groups in discovery order with their versions, preferred first.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups()
    {
        var result = new List<(string, IReadOnlyList<string>)>();
        foreach (var group in All.Select(t => t.Group).Distinct())
        {
            var versions = All.Where(t => t.Group == group).Select(t => t.Version).Distinct().ToList();
            versions.Sort(VersionPriority.Compare);
            result.Add((group, versions));
        }
        return result;
    }

    /// <summary>Every stored-resource type sharing a storage bucket (for the GC and namespace cleanup).</summary>
    public IReadOnlyList<ResourceType> StorageTypes() =>
        All.GroupBy(t => t.StorageKey).Select(g => g.First()).ToList();

    public ResourceType CoreEvents => Find("", "v1", "events")!;

    public void SetCrdResources(string crdName, IReadOnlyList<ResourceType> types)
    {
        lock (_gate)
        {
            _byCrd[crdName] = types;
            Rebuild();
        }
    }

    public void RemoveCrd(string crdName)
    {
        lock (_gate)
        {
            if (_byCrd.Remove(crdName))
            {
                Rebuild();
            }
        }
    }

    private void Rebuild()
    {
        var custom = _byCrd.Values.SelectMany(v => v)
            .OrderBy(t => t.Group, StringComparer.Ordinal)
            .ThenBy(t => t.Version, Comparer<string>.Create(VersionPriority.Compare))
            .ThenBy(t => t.Plural, StringComparer.Ordinal);
        Volatile.Write(ref _all, _builtIns.Concat(custom).ToList());
    }
}

/// <summary>Kubernetes version priority: GA before beta before alpha, higher numbers first, others last alphabetically.</summary>
internal static class VersionPriority
{
    public static int Compare(string? left, string? right)
    {
        var (lk, lmajor, lminor) = Parse(left ?? "");
        var (rk, rmajor, rminor) = Parse(right ?? "");
        if (lk != rk)
        {
            return lk.CompareTo(rk);
        }
        if (lk == 3)
        {
            return string.CompareOrdinal(left, right);
        }
        if (lmajor != rmajor)
        {
            return rmajor.CompareTo(lmajor);
        }
        return rminor.CompareTo(lminor);
    }

    // kind: 0 = GA, 1 = beta, 2 = alpha, 3 = not a Kubernetes version
    private static (int Kind, int Major, int Minor) Parse(string version)
    {
        if (version.Length < 2 || version[0] != 'v' || !char.IsDigit(version[1]))
        {
            return (3, 0, 0);
        }
        var i = 1;
        while (i < version.Length && char.IsDigit(version[i]))
        {
            i++;
        }
        var major = int.Parse(version.AsSpan(1, i - 1), System.Globalization.CultureInfo.InvariantCulture);
        if (i == version.Length)
        {
            return (0, major, 0);
        }
        var rest = version[i..];
        foreach (var (prefix, kind) in new[] { ("beta", 1), ("alpha", 2) })
        {
            if (rest.StartsWith(prefix, StringComparison.Ordinal) && rest.Length > prefix.Length &&
                int.TryParse(rest.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minor))
            {
                return (kind, major, minor);
            }
        }
        return (3, 0, 0);
    }
}
