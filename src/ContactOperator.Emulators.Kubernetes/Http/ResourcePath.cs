namespace ContactOperator.Emulators.Kubernetes.Http;

/// <summary>A parsed resource URL: <c>/api/v1/namespaces/ns/secrets/x/status</c> and friends.</summary>
internal sealed record ResourcePath(string Group, string Version, string? Namespace, string Plural, string? Name, string? Subresource)
{
    /// <summary>Parses the segments after <c>/api/v1</c> or <c>/apis/g/v</c>; null when they do not address a resource.</summary>
    public static ResourcePath? Parse(string group, string version, ReadOnlySpan<string> rest)
    {
        if (rest.Length == 0)
        {
            return null;
        }
        if (rest[0] == "namespaces" && rest.Length >= 3 && !(group.Length == 0 && rest.Length == 3 && rest[2] is "status" or "finalize"))
        {
            var ns = rest[1];
            var plural = rest[2];
            return rest.Length switch
            {
                3 => new ResourcePath(group, version, ns, plural, null, null),
                4 => new ResourcePath(group, version, ns, plural, rest[3], null),
                5 => new ResourcePath(group, version, ns, plural, rest[3], rest[4]),
                _ => null,
            };
        }
        return rest.Length switch
        {
            1 => new ResourcePath(group, version, null, rest[0], null, null),
            2 => new ResourcePath(group, version, null, rest[0], rest[1], null),
            3 => new ResourcePath(group, version, null, rest[0], rest[1], rest[2]),
            _ => null,
        };
    }
}
