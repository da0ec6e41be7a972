using System.Collections.Concurrent;
using ContactOperator.Emulators.Kubernetes.Http;
using Microsoft.AspNetCore.Http;

namespace ContactOperator.Emulators.Kubernetes.Audit;

/// <summary>
/// The API server's audit log at level Metadata, stage RequestReceived (so a watch is recorded when it opens): who called
/// which verb on which resource. Bounded: the oldest events are dropped beyond the capacity.
/// </summary>
internal sealed class AuditLog(int capacity)
{
    private readonly ConcurrentQueue<AuditEvent> events = new();

    public IReadOnlyList<AuditEvent> Snapshot() => [.. events];

    public void Record(HttpContext context)
    {
        events.Enqueue(Describe(context));
        while (events.Count > capacity && events.TryDequeue(out _))
        {
        }
    }

    /// <summary>The request attributes the way the real server's RequestInfoFactory derives them from the URL.</summary>
    internal static AuditEvent Describe(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var authorization = request.Headers.Authorization.ToString();
        var user = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "system:anonymous";
        var agent = request.Headers.UserAgent.ToString();
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments switch
        {
            ["api", "v1", .. var rest] when rest.Length > 0 => ResourcePath.Parse("", "v1", rest),
            ["apis", var group, var version, .. var rest] when rest.Length > 0 => ResourcePath.Parse(group, version, rest),
            _ => null,
        };
        var method = request.Method.ToUpperInvariant();
        if (resource is null)
        {
            return new AuditEvent(user, agent, method.ToLowerInvariant(), null, null, null, null, null, null, path);
        }
        var verb = method switch
        {
            "GET" or "HEAD" when resource.Name is null => request.Query["watch"].ToString() is "true" or "1" ? "watch" : "list",
            "GET" or "HEAD" => "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" when resource.Name is null => "deletecollection",
            "DELETE" => "delete",
            _ => method.ToLowerInvariant(),
        };
        return new AuditEvent(user, agent, verb, resource.Group, resource.Version, resource.Plural, resource.Subresource, resource.Namespace,
            resource.Name, path);
    }
}
