using System.Net;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using ContactOperator.Runtime.Tests.Support;

namespace ContactOperator.Runtime.Tests.Integration;

public class ManagerEndpointTests
{
    [Fact]
    public async Task Metrics_are_served_in_prometheus_format_that_promtool_accepts_without_findings()
    {
        await using var cluster = await TestCluster.StartAsync();
        var calls = 0;
        var reconciler = new RecordingReconciler((_, _) =>
            Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("first attempt fails") : Task.FromResult(ReconcileResult.Done));
        await using var op = await TestOperator.StartAsync(cluster, reconciler, o => o with { MetricsPort = 0, HealthPort = 0 });
        await cluster.Widgets.CreateAsync(Widget.New("default", "a", 1));
        await Eventually.TrueAsync(() => reconciler.CountFor("a") == 2, "failed once then succeeded");

        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(op.Manager.MetricsAddress!, "/metrics"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("contact_operator_reconcile_total{controller=\"widget\",result=\"success\"} 1", text);
        Assert.Contains("contact_operator_reconcile_total{controller=\"widget\",result=\"error\"} 1", text);
        Assert.Contains("contact_operator_reconcile_duration_seconds_bucket{controller=\"widget\",le=\"0.005\"}", text);
        Assert.Contains("contact_operator_reconcile_duration_seconds_bucket{controller=\"widget\",le=\"60\"}", text);
        Assert.Contains("contact_operator_workqueue_retries_total{controller=\"widget\"} 1", text);
        Assert.Contains("contact_operator_workqueue_adds_total{controller=\"widget\"}", text);
        Assert.Contains("contact_operator_workqueue_depth{controller=\"widget\"} 0", text);
        Assert.Contains("contact_operator_workqueue_longest_running_processor_seconds{controller=\"widget\"}", text);
        Assert.Contains("contact_operator_leader 1", text);

        var promtool = await ChildProcess.RunAsync(Tools.Resolve("promtool"), ["check", "metrics"], stdin: text);
        var (exitCode, findings) = (promtool.ExitCode, promtool.Output);
        Assert.True(exitCode == 0 && string.IsNullOrWhiteSpace(findings), $"promtool check metrics reported (exit {exitCode}):\n{findings}");
    }

    [Fact]
    public async Task A_conflict_is_retried_and_counted_as_requeue_not_error()
    {
        await using var cluster = await TestCluster.StartAsync();
        var calls = 0;
        var reconciler = new RecordingReconciler((_, _) => Interlocked.Increment(ref calls) == 1
            ? throw new ResourceConflictException("Operation cannot be fulfilled on widgets \"a\": the object has been modified")
            : Task.FromResult(ReconcileResult.Done));
        await using var op = await TestOperator.StartAsync(cluster, reconciler, o => o with { MetricsPort = 0, HealthPort = null });
        await cluster.Widgets.CreateAsync(Widget.New("default", "a", 1));
        await Eventually.TrueAsync(() => reconciler.CountFor("a") == 2, "conflict retried");
        await op.IdleAsync();

        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(op.Manager.MetricsAddress!, "/metrics"));

        Assert.Contains("contact_operator_reconcile_total{controller=\"widget\",result=\"requeue\"} 1", text);
        Assert.Contains("contact_operator_reconcile_total{controller=\"widget\",result=\"error\"} 0", text);
        Assert.Contains("contact_operator_reconcile_total{controller=\"widget\",result=\"success\"} 1", text);
    }

    [Fact]
    public async Task Two_hosts_in_one_process_keep_separate_metrics()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var first = await TestOperator.StartAsync(cluster, new RecordingReconciler(), o => o with { MetricsPort = 0, HealthPort = null });
        await using var second = await TestOperator.StartAsync(cluster, new RecordingReconciler(), o => o with { MetricsPort = 0, HealthPort = null });
        Assert.NotSame(first.Manager.Metrics.Registry, second.Manager.Metrics.Registry);
        Assert.NotEqual(first.Manager.MetricsAddress, second.Manager.MetricsAddress);
    }

    [Fact]
    public async Task Health_and_readiness_probes_answer_and_share_a_port_with_metrics_when_asked()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var op = await TestOperator.StartAsync(cluster, new RecordingReconciler(), o => o with { MetricsPort = port, HealthPort = port });
        Assert.Equal(op.Manager.MetricsAddress, op.Manager.HealthAddress);

        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(op.Manager.HealthAddress!, "/healthz"))).StatusCode);
        await Eventually.TrueAsync(async () => (await http.GetAsync(new Uri(op.Manager.HealthAddress!, "/readyz"))).StatusCode == HttpStatusCode.OK, "ready");
        Assert.True(op.Manager.IsReady);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(op.Manager.MetricsAddress!, "/metrics"))).StatusCode);
    }

    [Fact]
    public async Task Readiness_says_what_is_missing_while_the_cache_cannot_sync()
    {
        await using var cluster = await TestCluster.StartAsync();
        var noSuchKind = new ContactOperator.Runtime.Resources.ResourceDescriptor<Widget>("test.contact-operator.io", "v1", "nonexistents", "Nonexistent");
        var manager = new ContactOperator.Runtime.Hosting.ControllerManager(TestCluster.NewClient(cluster.Server), new ContactOperator.Runtime.Hosting.ManagerOptions
        {
            MetricsPort = null,
            HealthPort = 0,
            BindAddress = "127.0.0.1",
            WatchReconnectDelay = TimeSpan.FromMilliseconds(20),
        });
        await using var _ = manager;
        manager.For(noSuchKind).Complete(new RecordingReconciler());
        await manager.StartAsync();

        using var http = new HttpClient();
        var ready = await http.GetAsync(new Uri(manager.HealthAddress!, "/readyz"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("cache of Nonexistent not synced", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(manager.HealthAddress!, "/healthz"))).StatusCode);
    }
}
