using System.Diagnostics;
using System.Text;
using ContactOperator.Api.Kinds;
using ContactOperator.Controllers;
using ContactOperator.Kinds;
using ContactOperator.Local;
using ContactOperator.Runtime.Resources;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactOperator.Tests.EndToEnd;

/// <summary>The newcomer's first command, run as a real process and driven with the machine's kubectl and promtool.</summary>
public class LocalModeTests
{
    [Fact]
    public async Task Local_mode_serves_kubectl_converges_the_samples_and_stops_cleanly_on_sigterm()
    {
        var directory = Directory.CreateTempSubdirectory("local-mode-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        var local = Path.Combine(AppContext.BaseDirectory, "ContactOperator.Local.dll");
        using var process = new Process
        {
            StartInfo = ChildProcess.StartInfo("dotnet",
                [local, "--kubeconfig", kubeconfig, "--kube-port", "0", "--aws-port", "0", "--metrics-port", "0", "--health-port", "0", "--resync-period", "30s", "--exporter-interval", "1s"],
                workingDirectory: RepoPaths.Root),
        };
        var output = new StringBuilder();
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
            if (e.Data?.StartsWith("metrics: ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(e.Data["metrics: ".Length..]);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var metricsUrl = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
            string Printed()
            {
                lock (output)
                {
                    return output.ToString();
                }
            }
            Assert.Contains($"kubeconfig: {kubeconfig}", Printed());
            Assert.Matches(@"aws endpoint: http://127\.0\.0\.1:\d+/", Printed());

            var env = new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["HOME"] = directory };
            var kubectl = Tools.Resolve("kubectl");
            var wait = await ChildProcess.RunAsync(kubectl, ["wait", "--for=condition=Ready", "contactinstance/support", "queue/billing", "queue/technical", "queue/callbacks",
                "routingprofile/generalists", "routingprofile/billing-agents", "hoursofoperation/office-hours", "failoverplan/support-dr", "--timeout=90s"], env, TimeSpan.FromSeconds(120));
            Assert.True(wait.ExitCode == 0, wait.Output);

            var table = await ChildProcess.RunAsync(kubectl, ["get", "contactcenter"], env);
            Assert.Equal(0, table.ExitCode);
            Assert.Matches(@"queue\.connect\.contact-operator\.io/billing\s+True\s+[0-9a-f-]{36}\s+us-east-1", table.Stdout);

            // The default --log-level Information: one line per AWS write and per state change.
            Assert.Matches(@"ContactOperator\.Controllers\.Queue\S* Queue default/billing: Create: created queue 'Billing' \([0-9a-f-]{36}\) in us-east-1", Printed());
            Assert.Matches(@"ContactOperator\.StateChanges\S* Queue default/billing: Ready True \(Available\): queue 'Billing'", Printed());

            var leases = await ChildProcess.RunAsync(kubectl, ["get", "leases", "-A"], env);
            Assert.Contains("contact-operator-leader", leases.Stdout);

            var rules = await ChildProcess.RunAsync(kubectl, ["get", "prometheusrules"], env);
            Assert.True(rules.ExitCode == 0, rules.Output);
            Assert.Contains("support-alerts", rules.Stdout);

            // The exporter's series for the sample instance, at the quiet load local mode seeds (oldest contact 45 s).
            using var http = new HttpClient();
            var metrics = "";
            const string billingAge = "contact_center_queue_oldest_contact_age_seconds{connect_namespace=\"default\",connect_instance=\"support\",queue=\"billing\"} 45";
            for (var deadline = DateTime.UtcNow.AddSeconds(60); !metrics.Contains(billingAge, StringComparison.Ordinal) && DateTime.UtcNow < deadline; await Task.Delay(200))
            {
                metrics = await http.GetStringAsync(new Uri(new Uri(metricsUrl), "metrics"));
            }
            Assert.Contains(billingAge, metrics);
            Assert.Contains("contact_operator_reconcile_total", metrics);
            Assert.Matches("contact_operator_aws_requests_total\\{[^}]*operation=\"CreateQueue\"[^}]*\\} 3", metrics);
            var metricsFile = Path.Combine(directory, "metrics.txt");
            await File.WriteAllTextAsync(metricsFile, metrics);
            var promtool = await ChildProcess.RunAsync("/bin/sh", ["-c", $"promtool check metrics < '{metricsFile}'"]);
            Assert.True(promtool.ExitCode == 0 && promtool.Output.Trim().Length == 0, $"promtool findings:\n{promtool.Output}");

            var term = await ChildProcess.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            Assert.Equal(0, term.ExitCode);
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            await process.WaitForExitAsync(exited.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("stopping", Printed());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void Local_mode_logs_the_operators_lines_from_the_log_level_others_from_warning_and_exceptions_in_one_line()
    {
        var failure = new HttpRequestException("Connection refused (127.0.0.1:1)", new System.Net.Sockets.SocketException(111));
        IReadOnlyList<CapturingLoggerProvider.Line> Logged(Microsoft.Extensions.Logging.LogLevel level)
        {
            var captured = new CapturingLoggerProvider();
            using (var factory = LocalLogging.Create(level, b => b.AddProvider(captured)))
            {
                factory.CreateLogger("ContactOperator.Controllers.Queue").LogInformation("Queue default/billing: Create: created queue");
                factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").LogInformation("Request finished");
                factory.CreateLogger("ContactOperator.Emulators.Kubernetes").LogInformation("GET /api");
                factory.CreateLogger("ContactOperator.Controller.queue").LogWarning(failure, "Reconcile failed (attempt 1); retrying in 5 ms");
                factory.CreateLogger("ContactOperator.Controllers.Queue").LogDebug("looking again shortly");
            }
            return [.. captured.Lines];
        }

        var information = Logged(Microsoft.Extensions.Logging.LogLevel.Information);
        Assert.Equal(["Queue default/billing: Create: created queue",
            "Reconcile failed (attempt 1); retrying in 5 ms: HttpRequestException: Connection refused (127.0.0.1:1) (SocketException: Connection refused)"],
            information.Select(l => l.Message));
        Assert.All(information, l => Assert.Null(l.Exception));

        var debug = Logged(Microsoft.Extensions.Logging.LogLevel.Debug);
        Assert.Equal(3, debug.Count);
        Assert.Equal("Reconcile failed (attempt 1); retrying in 5 ms", debug[1].Message);
        Assert.NotNull(debug[1].Exception);

        Assert.Equal(["Reconcile failed (attempt 1); retrying in 5 ms: HttpRequestException: Connection refused (127.0.0.1:1) (SocketException: Connection refused)"],
            Logged(Microsoft.Extensions.Logging.LogLevel.Warning).Select(l => l.Message));
    }

    [Fact]
    public async Task Local_mode_refuses_bad_options_with_a_message_that_names_them()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "ContactOperator.Local.dll");
        var port = await ChildProcess.RunAsync("dotnet", [local, "--kube-port", "70000"], workingDirectory: RepoPaths.Root);
        Assert.NotEqual(0, port.ExitCode);
        Assert.Contains("--kube-port must be between 0 and 65535 (got 70000)", port.Output);
        var resync = await ChildProcess.RunAsync("dotnet", [local, "--resync-period", "soon"], workingDirectory: RepoPaths.Root);
        Assert.NotEqual(0, resync.ExitCode);
        Assert.Contains("--resync-period: 'soon' is not a positive duration", resync.Output);
        var level = await ChildProcess.RunAsync("dotnet", [local, "--log-level", "loud"], workingDirectory: RepoPaths.Root);
        Assert.NotEqual(0, level.ExitCode);
        Assert.Contains("'loud'", level.Output);
        Assert.Contains("--log-level", level.Output);
        var samples = await ChildProcess.RunAsync("dotnet", [local, "--samples", "no-such-folder"], workingDirectory: RepoPaths.Root);
        Assert.NotEqual(0, samples.ExitCode);
        Assert.Contains("no-such-folder' does not exist", samples.Output);
        var both = await ChildProcess.RunAsync("dotnet", [local, "--samples", "samples", "--no-samples"], workingDirectory: RepoPaths.Root);
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("--samples and --no-samples exclude each other", both.Output);
    }

    [Fact]
    public async Task No_operator_with_a_samples_folder_installs_the_crds_and_applies_only_that_folder()
    {
        var directory = Directory.CreateTempSubdirectory("local-no-operator-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "hours.yaml"), """
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: HoursOfOperation
            metadata: {name: weekdays}
            spec:
              instanceRef: {name: support}
              timeZone: Europe/Berlin
              config: [{day: MONDAY, startTime: "09:00", endTime: "17:00"}]
            """);
        var options = new LocalOptions
        {
            KubeconfigPath = Path.Combine(directory, "kubeconfig"),
            SamplesDirectory = directory,
            CrdDirectory = RepoPaths.Of("config", "crd", "bases"),
            StartOperator = false,
        };

        await using var local = await LocalEnvironment.StartAsync(options, NullLoggerFactory.Instance, CancellationToken.None);

        Assert.Null(local.MetricsAddress);
        Assert.True(File.Exists(options.KubeconfigPath));
        var crds = await local.Client.ApiextensionsV1.ListCustomResourceDefinitionAsync();
        Assert.Equal(KindCatalog.All.Count, crds.Items.Count(c => c.Spec.Group == "connect.contact-operator.io"));
        var hours = await new ResourceClient<HoursOfOperation>(local.Client, Descriptors.HoursOfOperation)
            .ListAsync("default");
        var weekdays = Assert.Single(hours.Items);
        Assert.Equal("weekdays", weekdays.Metadata.Name);
        Assert.Null(weekdays.Status);
        Assert.Empty((await local.Client.CoordinationV1.ListLeaseForAllNamespacesAsync()).Items);
        Assert.Empty(local.Aws.Control.RequestLog);
    }
}
