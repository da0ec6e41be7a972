using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace ContactOperator.Runtime.Observability;

/// <summary>A small Kestrel listener serving some of <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>.</summary>
public sealed class HttpEndpoints : IAsyncDisposable
{
    private readonly WebApplication app;

    private HttpEndpoints(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<HttpEndpoints> StartAsync(string bindAddress, int port, Action<IEndpointRouteBuilder> map, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(bindAddress), port));
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(bound.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return new HttpEndpoints(app, uri);
    }

    public static void MapMetrics(IEndpointRouteBuilder endpoints, CollectorRegistry registry) =>
        endpoints.MapGet("/metrics", async context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });

    public static void MapProbes(IEndpointRouteBuilder endpoints, Func<IReadOnlyList<string>> liveProblems, Func<IReadOnlyList<string>> readyProblems)
    {
        endpoints.MapGet("/healthz", context => Answer(context, liveProblems()));
        endpoints.MapGet("/readyz", context => Answer(context, readyProblems()));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static Task Answer(HttpContext context, IReadOnlyList<string> problems)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (problems.Count == 0)
        {
            return context.Response.WriteAsync("ok\n");
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return context.Response.WriteAsync(string.Join('\n', problems) + "\n");
    }
}
