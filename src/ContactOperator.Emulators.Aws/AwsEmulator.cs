using System.Net;
using ContactOperator.Emulators.Aws.Admin;
using ContactOperator.Emulators.Aws.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Emulators.Aws;

/// <summary>
/// Amazon Connect, Route 53 ARC control configuration and the ARC cluster data plane on one loopback
/// endpoint, over their real wire protocols. The service and Region of each call come from the SigV4
/// credential scope, so any number of Regions live side by side. ARC cluster endpoints are
/// <c>{Endpoint}_arc/{clusterId}/{index}/v1</c> on the same port.
/// </summary>
public sealed class AwsEmulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource shutdown;
    private int disposed;

    private AwsEmulator(WebApplication app, CancellationTokenSource shutdown, Uri endpoint, AwsEmulatorControl control)
    {
        this.app = app;
        this.shutdown = shutdown;
        Endpoint = endpoint;
        Control = control;
    }

    /// <summary>http://127.0.0.1:PORT/ — one endpoint for all services and Regions.</summary>
    public Uri Endpoint { get; }

    public AwsEmulatorControl Control { get; }

    public static async Task<AwsEmulator> StartAsync(AwsEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AwsEmulatorOptions();
        var state = new EmulatorState(options);
        var control = new AwsEmulatorControl(state);
        var services = ServiceRegistry.Create();
        control.Attach(services);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        var app = builder.Build();
        var shutdown = new CancellationTokenSource();
        var pipeline = new RequestPipeline(control, services, new AdminApi(control), shutdown.Token);
        app.Run(pipeline.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var endpoint = new Uri($"http://127.0.0.1:{port}/");
        state.Endpoint = endpoint;
        return new AwsEmulator(app, shutdown, endpoint, control);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await shutdown.CancelAsync().ConfigureAwait(false);
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        shutdown.Dispose();
    }
}
