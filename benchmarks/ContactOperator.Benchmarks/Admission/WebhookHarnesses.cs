using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using ContactOperator.Admission;
using ContactOperator.Admission.Webhooks;
using ContactOperator.Emulators.Kubernetes;
using ContactOperator.Manifests;
using ContactOperator.Testing;
using k8s;

namespace ContactOperator.Benchmarks.Admission;

/// <summary>
/// <c>… harness webhook-latency [requests-per-kind]</c>: the latency the admission webhooks add to one write, as the
/// API server sees it. The operator's webhook server runs with its real rules and reads other objects from the
/// embedded API server holding the samples (the lookups a real cluster answers); a client keeping its TLS connection
/// alive, as the API server does, posts the AdmissionReview of each sample one at a time and times the round trip.
/// </summary>
internal static class WebhookHarnesses
{
    [ModuleInitializer]
    internal static void Register() => Harnesses.Register("webhook-latency", LatencyAsync);

    private static async Task<int> LatencyAsync(string[] args)
    {
        var perKind = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
        var root = RepoPaths.Root;
        await using var kube = await KubernetesApiServer.StartAsync();
        using var kubernetes = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = kube.BaseAddress.ToString() });
        var applier = new ManifestApplier(kubernetes);
        await applier.ApplyCrdsAsync(ManifestReader.ReadDirectory(Path.Combine(root, "config", "crd", "bases")), CancellationToken.None);
        var samples = ManifestReader.ReadFile(Path.Combine(root, "samples", "contact-center.yaml"));
        await applier.ApplyAsync(samples, "default", CancellationToken.None);

        var lookups = new CountingObjects(new KubernetesAdmissionObjects(kubernetes));
        var directory = Directory.CreateTempSubdirectory("webhook-bench-").FullName;
        using var authority = SelfSignedCertificates.CreateAuthority("benchmark CA", DateTimeOffset.UtcNow);
        authority.WriteServingPair(directory, ["127.0.0.1"], DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        using var certificate = new WebhookCertificate(directory);
        await using var server = await WebhookServer.StartAsync(new WebhookServerOptions { Port = 0, BindAddress = "127.0.0.1" },
            certificate, new ResourceAdmission(lookups), null, CancellationToken.None);
        using var http = AdmissionReviews.TrustingOnly(File.ReadAllText(Path.Combine(directory, "ca.crt")), server.Address);

        Console.WriteLine($"webhook-latency: {perKind:N0} AdmissionReviews per row, one at a time, HTTPS keep-alive, lookups against the embedded API server");
        Console.WriteLine($"  {"review",-50} {"lookups",7} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        var all = new List<double>();
        foreach (var sample in samples.DistinctBy(s => (string?)s["kind"]))
        {
            var kind = (string)sample["kind"]!;
            var path = kind == "FailoverPlan" ? WebhookServerOptions.MutatePath : null;
            var before = lookups.Count;
            var timings = await MeasureAsync(http, WebhookServerOptions.ValidatePath, Review(sample, "UPDATE"), perKind);
            all.AddRange(timings);
            var perReview = (lookups.Count - before) / (perKind + Math.Min(500, perKind));
            Print($"validate UPDATE {kind}/{sample["metadata"]!["name"]}", perReview, timings);
            if (path is not null)
            {
                var moved = (JsonObject)sample.DeepClone();
                moved["spec"]!["activeRegion"] = "us-west-2";
                Print($"mutate UPDATE {kind} (activeRegion change)", 0, await MeasureAsync(http, path, Review(moved, "UPDATE", sample), perKind));
            }
        }
        Print("all validating reviews", -1, all);
        return 0;
    }

    /// <summary>Counts the GETs the rules make, to print them beside the latency.</summary>
    private sealed class CountingObjects(IAdmissionObjects inner) : IAdmissionObjects
    {
        private long count;

        public long Count => Interlocked.Read(ref count);

        public Task<T?> GetAsync<T>(string ns, string name, CancellationToken cancellationToken)
            where T : class, ContactOperator.Api.Common.IContactResource
        {
            Interlocked.Increment(ref count);
            return inner.GetAsync<T>(ns, name, cancellationToken);
        }
    }

    private static async Task<List<double>> MeasureAsync(HttpClient http, string path, byte[] body, int count)
    {
        for (var i = 0; i < Math.Min(500, count); i++)
        {
            await PostAsync(http, path, body);
        }
        var timings = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await PostAsync(http, path, body);
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return timings;
    }

    private static async Task PostAsync(HttpClient http, string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !text.Contains("\"allowed\":true", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
        }
    }

    private static void Print(string what, long lookups, List<double> timings)
    {
        var sorted = timings.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        Console.WriteLine($"  {what,-50} {(lookups < 0 ? "" : lookups.ToString(CultureInfo.InvariantCulture)),7} {At(0.5),8:F2} {At(0.99),8:F2} {sorted[^1],8:F2}");
    }

    private static byte[] Review(JsonObject obj, string operation, JsonObject? old = null) =>
        Encoding.UTF8.GetBytes(AdmissionReviews.For(obj, operation, old ?? obj, "system:admin").ToJsonString());
}
