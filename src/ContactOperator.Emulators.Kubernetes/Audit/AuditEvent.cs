namespace ContactOperator.Emulators.Kubernetes.Audit;

/// <summary>
/// One request as a Kubernetes audit log records it at the RequestReceived stage (the request attributes RBAC authorizes on). The emulator does
/// not authenticate: <see cref="User"/> is the bearer token as sent (<c>system:anonymous</c> without one), so a
/// test can give each client its own token and tell their requests apart.
/// </summary>
/// <param name="User">The bearer token, or <c>system:anonymous</c>.</param>
/// <param name="UserAgent">The User-Agent header.</param>
/// <param name="Verb">RBAC verb: get, list, watch, create, update, patch, delete, deletecollection; for non-resource URLs the lower-case HTTP method.</param>
/// <param name="Group">API group ("" for the core group); null for non-resource URLs.</param>
/// <param name="Version">API version; null for non-resource URLs.</param>
/// <param name="Resource">Plural resource name; null for non-resource URLs (discovery, OpenAPI, /version, health).</param>
/// <param name="Subresource">status, scale, ...; null for the main resource.</param>
/// <param name="Namespace">The namespace in the URL, or null.</param>
/// <param name="Name">The object name in the URL, or null.</param>
/// <param name="Path">The request path.</param>
public sealed record AuditEvent(
    string User,
    string UserAgent,
    string Verb,
    string? Group,
    string? Version,
    string? Resource,
    string? Subresource,
    string? Namespace,
    string? Name,
    string Path)
{
    /// <summary>True when the request addressed a resource (RBAC <c>resources</c>), false for non-resource URLs.</summary>
    public bool IsResourceRequest => Resource is not null;

    /// <summary><c>resource</c> or <c>resource/subresource</c>, as RBAC rules name it.</summary>
    public string? RbacResource => Resource is null ? null : Subresource is null ? Resource : $"{Resource}/{Subresource}";
}
