using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ContactOperator.Tests.Alerting;

/// <summary>
/// A real Prometheus server (the Debian package, installed with promtool) as a child process: a free loopback port, a
/// temporary data directory, 1 s scrape and evaluation intervals, and a default scrape config (static target, no
/// honor_labels, no relabelling). Prometheus sets <c>instance</c> and <c>job</c> on every series; the target also carries
/// the labels a prometheus-operator ServiceMonitor adds (<see cref="ServiceMonitorTargetLabels"/>), so a series label
/// colliding with any of them is renamed <c>exported_…</c> here as it would be in a cluster.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly BackgroundProcess process;
    private readonly string directory;

    private PrometheusServer(BackgroundProcess process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public const string Job = "contact-operator";

    /// <summary>Every label Prometheus or a ServiceMonitor sets on a scraped series: no exported series may carry one.</summary>
    public static IReadOnlySet<string> TargetLabelNames => new HashSet<string>(["instance", "job", .. ServiceMonitorTargetLabels.Keys], StringComparer.Ordinal);

    /// <summary>The target labels a ServiceMonitor endpoint gives every series it scrapes, besides instance and job.</summary>
    public static readonly IReadOnlyDictionary<string, string> ServiceMonitorTargetLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["namespace"] = "contact-operator-system",
        ["service"] = "contact-operator",
        ["endpoint"] = "metrics",
        ["pod"] = "contact-operator-7d9f8b6c5d-x2x9k",
        ["container"] = "manager",
    };

    public HttpClient Http { get; }

    /// <summary>Starts Prometheus scraping <paramref name="target"/>'s /metrics and evaluating <paramref name="ruleFile"/> (a rule file's text).</summary>
    public static async Task<PrometheusServer> StartAsync(Uri target, string ruleFile)
    {
        ArgumentNullException.ThrowIfNull(target);
        var directory = Directory.CreateTempSubdirectory("prometheus-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "rules.json"), ruleFile);
        await File.WriteAllTextAsync(Path.Combine(directory, "prometheus.yml"), $$"""
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            rule_files: [rules.json]
            scrape_configs:
            - job_name: {{Job}}
              static_configs:
              - targets: ["{{target.Authority}}"]
                labels: {{{string.Join(", ", ServiceMonitorTargetLabels.Select(l => $"{l.Key}: {l.Value}"))}}}
            """);
        var port = FreePort();
        var process = BackgroundProcess.Start(Tools.Resolve("prometheus"),
            [$"--config.file={Path.Combine(directory, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
             $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"],
            new Dictionary<string, string>());
        return new PrometheusServer(process, directory, port);
    }

    /// <summary>The result of an instant query, or null while Prometheus is still starting.</summary>
    public async Task<JsonArray?> QueryAsync(string query)
    {
        try
        {
            var body = JsonNode.Parse(await Http.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(query)));
            return body?["data"]?["result"]?.AsArray();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The pending and firing alerts (GET /api/v1/alerts); empty while Prometheus is still starting.</summary>
    public async Task<List<JsonObject>> AlertsAsync()
    {
        try
        {
            var body = JsonNode.Parse(await Http.GetStringAsync("api/v1/alerts"));
            return [.. body!["data"]!["alerts"]!.AsArray().Select(a => a!.AsObject())];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        process.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Prometheus may still be closing its data files; the temp directory is left behind.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
