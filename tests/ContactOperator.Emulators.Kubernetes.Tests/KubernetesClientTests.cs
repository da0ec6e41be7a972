using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ContactOperator.Emulators.Kubernetes.Tests;

/// <summary>The official C# client (what the operator uses) against the emulator.</summary>
public sealed class KubernetesClientTests
{
    private const string Group = "test.contact-operator.io";
    private const string Version = "v1";
    private const string Plural = "widgets";

    private static async Task<(Emulator Emulator, k8s.Kubernetes Client, string Directory)> StartAsync()
    {
        var emulator = await Emulator.StartWithWidgetsAsync();
        var directory = Directory.CreateTempSubdirectory("k8s-client-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        await emulator.Server.WriteKubeconfigAsync(kubeconfig);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        return (emulator, new k8s.Kubernetes(config), directory);
    }

    [Fact]
    public async Task Custom_objects_crud_status_patch_and_errors_by_status_code()
    {
        var (emulator, client, directory) = await StartAsync();
        await using var _ = emulator;
        using var __ = client;
        var created = (JsonElement)await client.CustomObjects.CreateNamespacedCustomObjectAsync(TestData.Widget("w1"), Group, Version, "default", Plural);
        Assert.Equal(3, created.GetProperty("spec").GetProperty("size").GetInt32());

        var status = JsonNode.Parse("""{"status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"True","reason":"Done","message":"ok","lastTransitionTime":"2025-01-01T00:00:00.123456Z"}]}}""");
        var patched = (JsonElement)await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(status!.ToJsonString(), V1Patch.PatchType.MergePatch), Group, Version, "default", Plural, "w1");
        Assert.Equal("2025-01-01T00:00:00.123456Z", patched.GetProperty("status").GetProperty("conditions")[0].GetProperty("lastTransitionTime").GetString());

        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, "default", Plural, "nope"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        var duplicate = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.CreateNamespacedCustomObjectAsync(TestData.Widget("w1"), Group, Version, "default", Plural));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Response.StatusCode);
        Assert.Contains("AlreadyExists", duplicate.Response.Content, StringComparison.Ordinal);
        Directory.Delete(directory, true);
    }

    [Fact]
    public async Task Watch_through_list_with_watch_true_yields_events_in_order_and_ends_when_the_server_drops_it()
    {
        var (emulator, client, directory) = await StartAsync();
        await using var _ = emulator;
        using var __ = client;
        await emulator.CreateWidgetAsync("a");
        var events = new List<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var response = client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(Group, Version, "default", Plural,
            allowWatchBookmarks: true, watch: true, cancellationToken: cts.Token);
        var watching = Task.Run(async () =>
        {
            // the list-with-watch=true + WatchAsync pattern is obsolete in KubernetesClient 21 but still what many operators use
#pragma warning disable CS0618
            await foreach (var (type, item) in response.WatchAsync<JsonElement, object>(cancellationToken: cts.Token))
#pragma warning restore CS0618
            {
                events.Add($"{type}:{item.GetProperty("metadata").GetProperty("name").GetString()}");
                if (events.Count == 3)
                {
                    emulator.Server.Faults.DropAllWatches();
                }
            }
        });
        await Eventually.TrueAsync(() => Task.FromResult(events.Count >= 1), "the first watch event");
        await emulator.CreateWidgetAsync("b");
        await emulator.ExpectAsync(HttpMethod.Delete, Emulator.WidgetsPath + "/a", null, HttpStatusCode.OK);
        var ended = await Task.WhenAny(watching, Task.Delay(TimeSpan.FromSeconds(15)));
        Assert.Same(watching, ended);
        Assert.Equal(["Added:a", "Added:b", "Deleted:a"], events);
        Directory.Delete(directory, true);
    }

    [Fact]
    public async Task Watch_from_an_expired_resource_version_reports_a_410_kubernetes_exception()
    {
        var (emulator, client, directory) = await StartAsync();
        await using var _ = emulator;
        using var __ = client;
        var a = await emulator.CreateWidgetAsync("a");
        await emulator.CreateWidgetAsync("b");
        emulator.Server.Faults.CompactHistory();
        Exception? error = null;
        await foreach (var _item in client.CustomObjects.WatchListNamespacedCustomObjectAsync(Group, Version, "default", Plural,
            resourceVersion: a["metadata"]!["resourceVersion"]!.GetValue<string>(), onError: e => error = e))
        {
        }
        var kubernetesError = Assert.IsType<KubernetesException>(error);
        Assert.Equal(410, kubernetesError.Status.Code);
        Directory.Delete(directory, true);
    }

    [Fact]
    public async Task Typed_built_in_clients_work_for_config_maps_and_leases()
    {
        var (emulator, client, directory) = await StartAsync();
        await using var _ = emulator;
        using var __ = client;
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "settings", Labels = new Dictionary<string, string> { ["app"] = "x" } },
            Data = new Dictionary<string, string> { ["k"] = "v" },
        }, "default");
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "app=x");
        Assert.Equal("v", Assert.Single(list.Items).Data["k"]);

        var now = DateTime.UtcNow;
        var lease = await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "leader" },
            Spec = new V1LeaseSpec { HolderIdentity = "a", LeaseDurationSeconds = 15, AcquireTime = now, RenewTime = now },
        }, "default");
        lease.Spec.RenewTime = now.AddSeconds(5);
        var renewed = await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "leader", "default");
        Assert.Equal("a", renewed.Spec.HolderIdentity);
        lease.Spec.HolderIdentity = "b";
        var lost = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "leader", "default"));
        Assert.Equal(HttpStatusCode.Conflict, lost.Response.StatusCode);
        Directory.Delete(directory, true);
    }
}
