using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ContactOperator.Controllers;
using ContactOperator.Emulators.Aws;
using ContactOperator.Emulators.Kubernetes;
using ContactOperator.Manifests;
using ContactOperator.Tests.Admission;
using k8s;

namespace ContactOperator.Tests.EndToEnd;

/// <summary>The container's entry point, `contact-operator run`, as a real process configured only the way a Deployment would.</summary>
public class RunCommandTests
{
    private static readonly string Operator = Path.Combine(AppContext.BaseDirectory, "contact-operator.dll");

    [Fact]
    public async Task Run_with_a_kubeconfig_and_aws_environment_converges_the_sample_and_holds_the_lease()
    {
        await using var kube = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Port = 0 });
        await using var aws = await AwsEmulator.StartAsync(new AwsEmulatorOptions { Port = 0, InstanceCreationDelay = TimeSpan.FromMilliseconds(300) });
        var (kubeconfig, applier, client) = await PrepareClusterAsync(kube);

        var environment = DeploymentEnvironment(aws);
        environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE";
        environment["AWS_SECRET_ACCESS_KEY"] = "not-a-secret";
        var bridgePort = FreePort();
        environment["CONTACT_OPERATOR_INCIDENT_BRIDGE_URL"] = $"http://127.0.0.1:{bridgePort}";
        using var process = BackgroundProcess.Start("dotnet",
            [Operator, "run", "--kubeconfig", kubeconfig, "--namespace", "default", "--incident-bridge-port", bridgePort.ToString(System.Globalization.CultureInfo.InvariantCulture)], environment);

        await applier.ApplyAsync(ManifestReader.ReadFile(RepoPaths.Of("samples", "contact-center.yaml")), "default", CancellationToken.None);
        var env = new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["HOME"] = Path.GetDirectoryName(kubeconfig)! };
        var wait = await ChildProcess.RunAsync(Tools.Resolve("kubectl"), ["wait", "--for=condition=Ready", "routingprofile", "--all", "--timeout=90s"], env, TimeSpan.FromSeconds(120));
        Assert.True(wait.ExitCode == 0, wait.Output + "\noperator output:\n" + process.Logs());
        var leases = await ChildProcess.RunAsync(Tools.Resolve("kubectl"), ["get", "leases", "-n", "default", "-o", "name"], env);
        Assert.Contains("lease.coordination.k8s.io/contact-operator-leader", leases.Stdout);
        Assert.True(aws.Control.CountOf("CreateRoutingProfile") == 2, "both routing profiles were created through AWS_ENDPOINT_URL");
        Assert.All(aws.Control.RequestLog, e => Assert.Equal("AKIDEXAMPLE", e.AccessKeyId));

        // Structured JSON logs: every line written during a reconcile carries the object's namespace and name.
        var reconcileLines = ReconcileScopes(process.Logs());
        Assert.Contains(reconcileLines, l => l.Message.StartsWith("RoutingProfile default/generalists: Create: created routing profile", StringComparison.Ordinal));
        Assert.All(reconcileLines, l => Assert.True(l.Namespace == "default" && !string.IsNullOrEmpty(l.Name), $"reconcile line without namespace/name: {l.Message}"));

        // --incident-bridge-port started the bridge on the leader: it answers Alertmanager (here for a policy that does not exist).
        using var http = new HttpClient();
        using var refused = await http.PostAsync(new Uri($"http://127.0.0.1:{bridgePort}{ContactOperator.Incidents.IncidentBridgeServer.PathFor("default", "no-such-policy")}"),
            new StringContent("""{"version":"4","groupKey":"g","status":"firing","receiver":"servicenow","alerts":[]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("AlertPolicy default/no-such-policy does not exist", await refused.Content.ReadAsStringAsync());

        Assert.Equal(0, await process.StopAsync());

        client.Dispose();
    }

    [Fact]
    public async Task Run_with_irsa_signs_aws_calls_with_credentials_from_AssumeRoleWithWebIdentity()
    {
        await using var kube = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Port = 0 });
        await using var aws = await AwsEmulator.StartAsync(new AwsEmulatorOptions { Port = 0, InstanceCreationDelay = TimeSpan.FromMilliseconds(300) });
        using var sts = StsStub.Start();
        var (kubeconfig, applier, client) = await PrepareClusterAsync(kube);
        var tokenFile = Path.Combine(Path.GetDirectoryName(kubeconfig)!, "token");
        await File.WriteAllTextAsync(tokenFile, "eyJhbGciOiJSUzI1NiJ9.projected-service-account-token.signature");

        // What EKS injects into a pod whose service account is annotated with eks.amazonaws.com/role-arn.
        var environment = DeploymentEnvironment(aws);
        environment["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/contact-operator";
        environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile;
        environment["AWS_ENDPOINT_URL_STS"] = sts.Endpoint;
        using var process = BackgroundProcess.Start("dotnet", [Operator, "run", "--kubeconfig", kubeconfig, "--namespace", "default"], environment);

        await applier.ApplyAsync(ManifestReader.ReadFile(RepoPaths.Of("samples", "contactinstance.yaml")), "default", CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (aws.Control.CountOf("CreateInstance") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no CreateInstance reached the emulator; operator output:\n" + process.Logs());
            await Task.Delay(100);
        }

        Assert.All(aws.Control.RequestLog, e => Assert.Equal(StsStub.AccessKeyId, e.AccessKeyId));
        var assume = Assert.Single(sts.Requests.DistinctBy(r => r["WebIdentityToken"]));
        Assert.Equal(("AssumeRoleWithWebIdentity", "arn:aws:iam::123456789012:role/contact-operator", "eyJhbGciOiJSUzI1NiJ9.projected-service-account-token.signature"),
            (assume["Action"], assume["RoleArn"], assume["WebIdentityToken"]));
        Assert.Equal(0, await process.StopAsync());
        client.Dispose();
    }

    /// <summary>A kubeconfig for the API server, with the CRDs installed.</summary>
    private static async Task<(string Kubeconfig, ManifestApplier Applier, Kubernetes Client)> PrepareClusterAsync(KubernetesApiServer kube)
    {
        var directory = Directory.CreateTempSubdirectory("run-command-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        await kube.WriteKubeconfigAsync(kubeconfig);
        var client = new Kubernetes(new KubernetesClientConfiguration { Host = kube.BaseAddress.ToString() });
        var applier = new ManifestApplier(client);
        await applier.ApplyCrdsAsync(ManifestReader.ReadDirectory(RepoPaths.Of("config", "crd", "bases")), CancellationToken.None);
        return (kubeconfig, applier, client);
    }

    /// <summary>The environment a Deployment gives the container, without credentials.</summary>
    private static Dictionary<string, string> DeploymentEnvironment(AwsEmulator aws) => new()
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL"] = aws.Endpoint.ToString(),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials",
        ["AWS_CONFIG_FILE"] = "/nonexistent/config",
        ["CONTACT_OPERATOR_METRICS_PORT"] = "0",
        ["CONTACT_OPERATOR_HEALTH_PORT"] = "0",
        ["CONTACT_OPERATOR_SHUTDOWN_TIMEOUT"] = "5s",
    };

    /// <summary>The JSON log lines written inside a reconcile scope, with the scope's namespace and name.</summary>
    private static List<(string Message, string? Namespace, string? Name)> ReconcileScopes(string logs)
    {
        var lines = new List<(string, string?, string?)>();
        foreach (var line in logs.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }
            using var json = JsonDocument.Parse(line);
            if (!json.RootElement.TryGetProperty("Scopes", out var scopes))
            {
                continue;
            }
            foreach (var scope in scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("reconcileID", out _)))
            {
                lines.Add((json.RootElement.GetProperty("Message").GetString() ?? "",
                    scope.TryGetProperty("namespace", out var ns) ? ns.GetString() : null,
                    scope.TryGetProperty("name", out var name) ? name.GetString() : null));
            }
        }
        return lines;
    }

    [Fact]
    public async Task Run_serves_the_webhooks_with_the_certificate_from_the_mounted_folder()
    {
        await using var kube = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Port = 0 });
        await using var aws = await AwsEmulator.StartAsync(new AwsEmulatorOptions { Port = 0 });
        var (kubeconfig, _, client) = await PrepareClusterAsync(kube);
        using var certificates = new WebhookCertificates();
        var port = FreePort();
        var environment = DeploymentEnvironment(aws);
        environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE";
        environment["AWS_SECRET_ACCESS_KEY"] = "not-a-secret";
        environment["CONTACT_OPERATOR_WEBHOOK_CERT_DIR"] = certificates.Directory;
        using var process = BackgroundProcess.Start("dotnet", [Operator, "run", "--kubeconfig", kubeconfig, "--webhook-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], environment);
        var manifests = ManifestReader.ReadFile(RepoPaths.Of("config", "webhook", "manifests.yaml"));
        await ContactOperator.Admission.WebhookRegistration.ApplyAsync(client,
            ContactOperator.Admission.WebhookRegistration.PointAt(manifests, new Uri($"https://127.0.0.1:{port}"), certificates.Authority.CaBundle), CancellationToken.None);

        // FailoverPlan fails closed: until the operator listens, the write fails; then its rules answer.
        var env = new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["HOME"] = Path.GetDirectoryName(kubeconfig)! };
        var plan = InvalidManifests.All.First(m => m.Kind == "FailoverPlan");
        ProcessResult? refused = null;
        await Eventually.TrueAsync(async () =>
        {
            refused = await ChildProcess.RunAsync(Tools.Resolve("kubectl"), ["apply", "-f", "-"], env, stdin: plan.Yaml);
            return refused.Stderr.Contains("denied the request", StringComparison.Ordinal);
        }, "the operator's webhook answers", TimeSpan.FromSeconds(60));
        Assert.Contains(plan.Expected, refused!.Stderr);
        Assert.Equal(0, await process.StopAsync());
        client.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Run_with_its_metrics_port_taken_says_so_in_one_line()
    {
        await using var kube = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Port = 0 });
        var (kubeconfig, _, _) = await PrepareClusterAsync(kube);
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await ChildProcess.RunAsync("dotnet",
            [Operator, "run", "--kubeconfig", kubeconfig, "--metrics-port", port, "--bind-address", "127.0.0.1", "--health-port", "0"], timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var refusal = Assert.Single(lines, l => l.StartsWith("contact-operator run: cannot listen:", StringComparison.Ordinal));
        Assert.Contains(port, refusal, StringComparison.Ordinal);
        Assert.Contains("--metrics-port", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_refuses_invalid_options_naming_each()
    {
        var result = await ChildProcess.RunAsync("dotnet", [Operator, "run", "--metrics-port", "abc", "--resync-period", "5"],
            new Dictionary<string, string> { ["CONTACT_OPERATOR_MAX_CONCURRENT_RECONCILES"] = "0" });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--metrics-port", result.Stderr);
        Assert.Contains("--resync-period", result.Stderr);
        Assert.Contains("CONTACT_OPERATOR_MAX_CONCURRENT_RECONCILES", result.Stderr);

        var webhooks = await ChildProcess.RunAsync("dotnet", [Operator, "run", "--webhook-port", "9443", "--webhook-cert-dir", "/no/such/folder"]);
        Assert.Equal(2, webhooks.ExitCode);
        Assert.Contains("--webhook-cert-dir: '/no/such/folder' has no tls.crt and tls.key", webhooks.Stderr);

        var alerting = await ChildProcess.RunAsync("dotnet", [Operator, "run", "--exporter-interval", "60", "--incident-bridge-port", "99999"],
            new Dictionary<string, string> { ["CONTACT_OPERATOR_INCIDENT_BRIDGE_URL"] = "contact-operator:8082", ["CONTACT_OPERATOR_EXPORTER_WINDOW"] = "2d" });
        Assert.Equal(2, alerting.ExitCode);
        Assert.Contains("--exporter-interval: must be a duration from 1s to 1h, or 0 for off (e.g. 60s, 15m; got '60')", alerting.Stderr);
        Assert.Contains("--exporter-window (from CONTACT_OPERATOR_EXPORTER_WINDOW): must be a duration from 1m to 24h (e.g. 60s, 15m; got '2d')", alerting.Stderr);
        Assert.Contains("--incident-bridge-port: '99999' is not a port (1 to 65535)", alerting.Stderr);
        Assert.Contains("--incident-bridge-url (from CONTACT_OPERATOR_INCIDENT_BRIDGE_URL): must be an absolute http or https URL (got 'contact-operator:8082')", alerting.Stderr);
    }
}
