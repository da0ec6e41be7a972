using Microsoft.Extensions.Hosting;

namespace ContactOperator.Emulators.Kubernetes.Http;

/// <summary>
/// The emulator is embedded in someone else's process: it must not take over Ctrl-C/SIGTERM the way the default
/// console lifetime does; the owner stops it by disposing.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
