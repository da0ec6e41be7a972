namespace ContactOperator.Aws.Tests.Support;

/// <summary>Counts HTTP requests in flight, so the fake clock can hold still while the emulator is answering.</summary>
internal sealed class InFlightHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
