using System.Globalization;
using ContactOperator.Admission;
using ContactOperator.Admission.Webhooks;
using ContactOperator.Hosting;
using ContactOperator.Runtime.Configuration;

namespace ContactOperator.Commands;

/// <summary>The <c>run</c> options of the admission webhooks, with their environment variables.</summary>
internal static class WebhookSettings
{
    public const string DefaultCertificateDirectory = "/tmp/k8s-webhook-server/serving-certs";

    public static readonly OperatorSetting Port = new("webhook-port", "Serve the admission webhooks over HTTPS on this port (the manifests in config/webhook/ expect 9443). Unset: no webhooks.", null);

    public static readonly OperatorSetting CertificateDirectory = new(
        "webhook-cert-dir", "Folder holding tls.crt and tls.key for the webhooks (a mounted TLS Secret); re-read when the Secret is rotated.", DefaultCertificateDirectory);

    public static IReadOnlyList<OperatorSetting> All { get; } = [Port, CertificateDirectory];

    /// <summary>The webhook listener, or null when <c>--webhook-port</c> is unset; problems name the option.</summary>
    public static WebhookHostOptions? Parse(Func<OperatorSetting, string?> commandLine, Func<string, string?> environment, string bindAddress, List<string> errors)
    {
        string? Value(OperatorSetting s) => s.Given(commandLine, environment);
        if (Value(Port) is not { } portText)
        {
            return null;
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            errors.Add($"{Port.Option}: '{portText}' is not a port (0 to 65535)");
            return null;
        }
        var directory = Value(CertificateDirectory) ?? DefaultCertificateDirectory;
        if (!File.Exists(Path.Combine(directory, WebhookCertificate.CertificateFile)) || !File.Exists(Path.Combine(directory, WebhookCertificate.KeyFile)))
        {
            errors.Add($"{CertificateDirectory.Option}: '{directory}' has no {WebhookCertificate.CertificateFile} and {WebhookCertificate.KeyFile} (mount the webhook's TLS Secret there)");
            return null;
        }
        return new WebhookHostOptions
        {
            Server = new WebhookServerOptions { Port = port, BindAddress = bindAddress },
            CertificateDirectory = directory,
        };
    }
}
