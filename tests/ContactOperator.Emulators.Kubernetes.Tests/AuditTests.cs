using System.Net.Http.Headers;
using System.Text;
using ContactOperator.Emulators.Kubernetes.Audit;

namespace ContactOperator.Emulators.Kubernetes.Tests;

/// <summary>The audit log records the request attributes RBAC authorizes on, per user (bearer token).</summary>
public sealed class AuditTests
{
    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    [Fact]
    public async Task Each_request_is_recorded_with_its_rbac_verb_resource_and_user()
    {
        await using var server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { AuditLogCapacity = 100 });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "system:serviceaccount:ops:contact-operator");
        const string Lease = """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"leader"},"spec":{"holderIdentity":"a"}}""";
        await SendAsync(http, HttpMethod.Get, "/apis");
        await SendAsync(http, HttpMethod.Post, "/apis/coordination.k8s.io/v1/namespaces/ops/leases", Lease);
        await SendAsync(http, HttpMethod.Get, "/apis/coordination.k8s.io/v1/namespaces/ops/leases/leader");
        await SendAsync(http, HttpMethod.Put, "/apis/coordination.k8s.io/v1/namespaces/ops/leases/leader", Lease);
        await SendAsync(http, HttpMethod.Patch, "/apis/coordination.k8s.io/v1/namespaces/ops/leases/leader", """{"spec":{"holderIdentity":"b"}}""", "application/merge-patch+json");
        await SendAsync(http, HttpMethod.Get, "/apis/coordination.k8s.io/v1/leases");
        await SendAsync(http, HttpMethod.Get, "/apis/coordination.k8s.io/v1/namespaces/ops/leases?watch=true&timeoutSeconds=1");
        await SendAsync(http, HttpMethod.Patch, "/api/v1/namespaces/default/status", "{}", "application/merge-patch+json");
        await SendAsync(http, HttpMethod.Delete, "/apis/coordination.k8s.io/v1/namespaces/ops/leases/leader");
        await SendAsync(http, HttpMethod.Delete, "/apis/coordination.k8s.io/v1/namespaces/ops/leases");
        http.DefaultRequestHeaders.Authorization = null;
        await SendAsync(http, HttpMethod.Get, "/api/v1/namespaces/default/configmaps");

        var seen = server.AuditEvents.Select(e => (e.User, e.Verb, e.Group, e.RbacResource, e.Namespace, e.Name)).ToList();
        const string Sa = "system:serviceaccount:ops:contact-operator";
        Assert.Equal(
        [
            (Sa, "get", null, null, null, null),
            (Sa, "create", "coordination.k8s.io", "leases", "ops", null),
            (Sa, "get", "coordination.k8s.io", "leases", "ops", "leader"),
            (Sa, "update", "coordination.k8s.io", "leases", "ops", "leader"),
            (Sa, "patch", "coordination.k8s.io", "leases", "ops", "leader"),
            (Sa, "list", "coordination.k8s.io", "leases", null, null),
            (Sa, "watch", "coordination.k8s.io", "leases", "ops", null),
            (Sa, "patch", "", "namespaces/status", null, "default"),
            (Sa, "delete", "coordination.k8s.io", "leases", "ops", "leader"),
            (Sa, "deletecollection", "coordination.k8s.io", "leases", "ops", null),
            ("system:anonymous", "list", "", "configmaps", "default", null),
        ], seen);
        Assert.False(server.AuditEvents[0].IsResourceRequest);
    }

    [Fact]
    public async Task The_log_is_off_by_default_and_keeps_only_the_newest_events_up_to_its_capacity()
    {
        await using (var quiet = await KubernetesApiServer.StartAsync())
        {
            using var http = new HttpClient { BaseAddress = quiet.BaseAddress };
            await SendAsync(http, HttpMethod.Get, "/api/v1/namespaces");
            Assert.Empty(quiet.AuditEvents);
        }

        await using var server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { AuditLogCapacity = 2 });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        foreach (var name in new[] { "a", "b", "c" })
        {
            await SendAsync(client, HttpMethod.Get, $"/api/v1/namespaces/default/configmaps/{name}");
        }
        Assert.Equal(["b", "c"], server.AuditEvents.Select(e => e.Name));
    }
}
