using System.Runtime.InteropServices;

namespace ContactOperator.Hosting;

/// <summary>
/// SIGTERM (the kubelet's stop) and SIGINT (Ctrl-C) cancel <see cref="Token"/> and nothing else: the process keeps
/// running until its caller has drained and returns. System.CommandLine's own handling must be off
/// (<c>ProcessTerminationTimeout = null</c>): it lets Main return 2 s after SIGTERM with exit code 143, cutting a
/// graceful drain short.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly PosixSignalRegistration sigterm;
    private readonly PosixSignalRegistration sigint;

    public ShutdownSignals(CancellationToken linked)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(linked);
        sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    }

    public CancellationToken Token => stop.Token;

    public void Dispose()
    {
        sigterm.Dispose();
        sigint.Dispose();
        stop.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // A signal after the shutdown finished: nothing left to stop.
        }
    }
}
