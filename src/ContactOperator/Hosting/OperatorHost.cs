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

        return new OperatorHost(manager);
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

    public async ValueTask DisposeAsync() => await Manager.DisposeAsync();
}
