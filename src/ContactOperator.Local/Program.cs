using System.CommandLine;
using System.Runtime.InteropServices;
using ContactOperator.Hosting;
using ContactOperator.Local;
using Microsoft.Extensions.Logging;

var kubeconfig = new Option<string>("--kubeconfig") { Description = "Where to write the kubeconfig for kubectl.", DefaultValueFactory = _ => Path.Combine(".local", "kubeconfig") };
var kubePort = new Option<int>("--kube-port") { Description = "Port of the embedded Kubernetes API server (0 = any free port).", DefaultValueFactory = _ => 0 };
var awsPort = new Option<int>("--aws-port") { Description = "Port of the AWS emulator (0 = any free port).", DefaultValueFactory = _ => 0 };
var metricsPort = new Option<int>("--metrics-port") { Description = "Port of the operator's /metrics (0 = any free port).", DefaultValueFactory = _ => 8080 };
var healthPort = new Option<int>("--health-port") { Description = "Port of /healthz and /readyz (0 = any free port).", DefaultValueFactory = _ => 8081 };
var samples = new Option<string>("--samples") { Description = "Folder of manifests to apply once the operator runs.", DefaultValueFactory = _ => "samples" };
var noSamples = new Option<bool>("--no-samples") { Description = "Apply no samples." };
var noOperator = new Option<bool>("--no-operator") { Description = "Start only the emulators and install the CRDs." };
var exporterInterval = new Option<TimeSpan>("--exporter-interval") { Description = "How often the contact-center exporter polls queue metrics (e.g. 10s).", DefaultValueFactory = _ => TimeSpan.FromSeconds(10), CustomParser = DurationArgument.Parse };
var webhookPort = new Option<int>("--webhook-port") { Description = "Port of the admission webhooks' HTTPS listener (0 = any free port).", DefaultValueFactory = _ => 0 };
var noWebhooks = new Option<bool>("--no-webhooks") { Description = "Serve and register no admission webhooks (the controllers still validate)." };
var logLevel = new Option<LogLevel>("--log-level")
{
    Description = "Lowest level of the operator's own log lines: Trace, Debug, Information (every AWS write and state change), Warning, Error, Critical or None. Debug and Trace keep stack traces.",
    DefaultValueFactory = _ => LogLevel.Information,
};
var resync = new Option<TimeSpan>("--resync-period") { Description = "How often the operator re-reads AWS to correct drift (e.g. 00:00:10 or 10s).", DefaultValueFactory = _ => TimeSpan.FromMinutes(10), CustomParser = DurationArgument.Parse };

var root = new RootCommand("ContactOperator local mode: an embedded Kubernetes API server and AWS emulator, the operator, and the samples, in one process.")
{
    kubeconfig, kubePort, awsPort, metricsPort, healthPort, samples, noSamples, noOperator, webhookPort, noWebhooks, resync, exporterInterval, logLevel,
};
root.Validators.Add(result =>
{
    foreach (var port in new[] { kubePort, awsPort, metricsPort, healthPort, webhookPort })
    {
        if (result.GetValue(port) is < 0 or > 65535)
        {
            result.AddError($"{port.Name} must be between 0 and 65535 (got {result.GetValue(port)})");
        }
    }
    if (result.GetResult(samples) is { Implicit: false } && result.GetValue(noSamples))
    {
        result.AddError("--samples and --no-samples exclude each other");
    }
});
root.SetAction(async (parse, cancellationToken) =>
{
    var options = new LocalOptions
    {
        KubeconfigPath = parse.GetValue(kubeconfig)!,
        KubePort = parse.GetValue(kubePort),
        AwsPort = parse.GetValue(awsPort),
        MetricsPort = parse.GetValue(metricsPort),
        HealthPort = parse.GetValue(healthPort),
        SamplesDirectory = parse.GetValue(noSamples) ? null : parse.GetValue(samples),
        StartOperator = !parse.GetValue(noOperator),
        Webhooks = !parse.GetValue(noWebhooks),
        WebhookPort = parse.GetValue(webhookPort),
        ResyncPeriod = parse.GetValue(resync),
        ExporterInterval = parse.GetValue(exporterInterval),
    };
    if (options.SamplesDirectory is { } folder && !Directory.Exists(folder))
    {
        Console.Error.WriteLine($"--samples: folder '{Path.GetFullPath(folder)}' does not exist (run from the repository root, or pass --samples DIR or --no-samples)");
        return 2;
    }
    if (!Directory.Exists(options.CrdDirectory))
    {
        Console.Error.WriteLine($"CRDs not found at '{Path.GetFullPath(options.CrdDirectory)}': run from the repository root");
        return 2;
    }
    // Signals are ours alone (System.CommandLine's handling is off below): it would cut the shutdown short after 2 s.
    using var signals = new ShutdownSignals(cancellationToken);
    using var loggerFactory = LocalLogging.Create(parse.GetValue(logLevel));
    await using var local = await LocalEnvironment.StartAsync(options, loggerFactory, signals.Token);
    Console.WriteLine($"kubeconfig: {local.KubeconfigPath}");
    Console.WriteLine($"aws endpoint: {local.Aws.Endpoint}");
    if (local.MetricsAddress is { } metrics)
    {
        Console.WriteLine($"metrics: {metrics}");
    }
    if (local.WebhookAddress is { } webhooks)
    {
        Console.WriteLine($"webhooks: {webhooks}");
    }
    Console.WriteLine($"try: KUBECONFIG={local.KubeconfigPath} kubectl get contactcenter");
    try
    {
        await Task.Delay(Timeout.Infinite, signals.Token);
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("stopping");
    }
    return 0;
});
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
