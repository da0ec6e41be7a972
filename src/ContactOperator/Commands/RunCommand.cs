using System.CommandLine;
using ContactOperator.Hosting;
using ContactOperator.Kinds;
using ContactOperator.Kinds.Contract;
using ContactOperator.Runtime.Configuration;
using k8s;
using k8s.Exceptions;

namespace ContactOperator.Commands;

/// <summary>
/// <c>contact-operator run</c>: the container's entry point. Every option can also come from an environment variable
/// <c>CONTACT_OPERATOR_&lt;OPTION&gt;</c> (the command line wins); invalid values stop the start with a message naming the option.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the operator against a Kubernetes cluster (in-cluster config, --kubeconfig or KUBECONFIG).");
        var options = new Dictionary<OperatorSetting, Option<string?>>();
        foreach (var setting in OperatorSettingsParser.All.Concat(WebhookSettings.All).Concat(AlertingRunSettings.All))
        {
            var option = new Option<string?>(setting.Option)
            {
                Description = $"{setting.Description} [env: {setting.EnvironmentVariable}]"
                    + (setting.DefaultValue is null ? "" : $" [default: {setting.DefaultValue}]"),
            };
            options[setting] = option;
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = OperatorSettingsParser.Parse(s => parse.GetValue(options[s]), Environment.GetEnvironmentVariable, out var settingErrors);
            var errors = settingErrors.ToList();
            var webhooks = settings is null ? null
                : WebhookSettings.Parse(s => parse.GetValue(options[s]), Environment.GetEnvironmentVariable, settings.BindAddress, errors);
            var alerting = settings is null ? null
                : AlertingRunSettings.Parse(s => parse.GetValue(options[s]), Environment.GetEnvironmentVariable, settings.BindAddress, errors);
            if (settings is null || alerting is null || errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync($"contact-operator run: {error}");
                }

                return 2;
            }

            KubernetesClientConfiguration configuration;
            try
            {
                configuration = KubernetesConnection.Load(settings.Kubeconfig);
            }
            catch (KubeConfigException e)
            {
                await Console.Error.WriteLineAsync($"contact-operator run: {OperatorSettingsParser.Kubeconfig.Option}: cannot load the cluster configuration: {e.Message}");
                return 2;
            }

            using var loggerFactory = OperatorLogging.CreateJsonConsole(OperatorLogging.ParseLevel(settings.LogLevel));
            using var kubernetes = new Kubernetes(configuration);

            using var signals = new ShutdownSignals(cancellationToken);
            try
            {
                await OperatorHost.RunAsync(
                    new OperatorHostOptions
                    {
                        Kubernetes = kubernetes,
                        Manager = settings.ToManagerOptions(KubernetesConnection.DefaultLeaseNamespace(configuration)),
                        LoggerFactory = loggerFactory,
                        Webhooks = webhooks,
                        Registrations = ControllerRegistrations.All(KindSettings.Defaults.With(alerting)),
                    },
                    signals.Token);
            }
            catch (Exception e) when (IsAddressInUse(e))
            {
                await Console.Error.WriteLineAsync(
                    $"contact-operator run: cannot listen: {e.Message} Another process holds the port: choose another with --metrics-port, --health-port, --webhook-port or --incident-bridge-port.");
                return 1;
            }

            return 0;
        });
        return command;
    }

    /// <summary>A listener could not bind its port (Kestrel wraps the socket error in an IOException).</summary>
    private static bool IsAddressInUse(Exception e) =>
        e is Microsoft.AspNetCore.Connections.AddressInUseException
        || e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException
        || e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse };
}
