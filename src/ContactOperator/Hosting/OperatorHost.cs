using ContactOperator.Admission;
using ContactOperator.Admission.Webhooks;
using ContactOperator.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Hosting;

/// <summary>
/// The operator as a startable object: the <c>run</c> command, local mode and end-to-end tests all start it with a
/// client, options and controller registrations, and stop it gracefully.
/// </summary>
public sealed class OperatorHost : IAsyncDisposable
{
    private OperatorHost(ControllerManager manager) => Manager = manager;

    /// <summary>The running manager: informers, controllers, metrics and probe addresses, leadership.</summary>
    public ControllerManager Manager { get; }

    /// <summary>The admission webhooks, when <see cref="OperatorHostOptions.Webhooks"/> asked for them. Every replica serves them, leader or not.</summary>
    public WebhookServer? Webhooks { get; private set; }

    /// <summary>The webhooks' serving certificate (re-read from its folder on a timer; <see cref="WebhookCertificate.Reload"/> re-reads it now).</summary>
    public WebhookCertificate? WebhookCertificate { get; private set; }

    /// <summary>Registers every controller, then starts the manager (endpoints listening, informers and election running).</summary>
    public static async Task<OperatorHost> StartAsync(OperatorHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var manager = new ControllerManager(options.Kubernetes, options.Manager, options.LoggerFactory);
        try
        {
            foreach (var registration in options.Registrations ?? ControllerRegistrations.All())
            {
                registration.Register(manager);
            }

            await manager.StartAsync(cancellationToken);
        }
        catch
        {
            await manager.DisposeAsync();
            throw;
        }

        var host = new OperatorHost(manager);
        if (options.Webhooks is { } webhooks)
        {
            try
            {
                await host.StartWebhooksAsync(options, webhooks, cancellationToken);
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }
        }
        return host;
    }

    private async Task StartWebhooksAsync(OperatorHostOptions options, WebhookHostOptions webhooks, CancellationToken cancellationToken)
    {
        var logger = options.LoggerFactory?.CreateLogger("ContactOperator.Admission");
        WebhookCertificate = new WebhookCertificate(webhooks.CertificateDirectory, options.Manager.TimeProvider, logger);
        Webhooks = await WebhookServer.StartAsync(
            webhooks.Server, WebhookCertificate, new ResourceAdmission(new KubernetesAdmissionObjects(options.Kubernetes)), options.LoggerFactory, cancellationToken);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (SIGTERM), then stops gracefully.</summary>
    public static async Task RunAsync(OperatorHostOptions options, CancellationToken cancellationToken)
    {
        await using var host = await StartAsync(options, cancellationToken);
        var logger = options.LoggerFactory?.CreateLogger("ContactOperator.Host");
        logger?.LogInformation(
            "Operator running; metrics at {MetricsAddress}, probes at {HealthAddress}", host.Manager.MetricsAddress, host.Manager.HealthAddress);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops taking work, lets in-flight reconciles finish (up to the shutdown timeout), releases the lease.</summary>
    public Task StopAsync() => Manager.StopAsync();

    public async ValueTask DisposeAsync()
    {
        if (Webhooks is not null)
        {
            await Webhooks.DisposeAsync();
        }
        WebhookCertificate?.Dispose();
        await Manager.DisposeAsync();
    }
}
