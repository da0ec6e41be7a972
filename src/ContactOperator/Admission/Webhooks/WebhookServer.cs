using System.Net;
using ContactOperator.Kinds;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Admission.Webhooks;

/// <summary>Where and how the admission webhooks are served.</summary>
public sealed record WebhookServerOptions
{
    public const string ValidatePath = "/validate";
    public const string MutatePath = "/mutate";

    /// <summary>Port of the HTTPS listener (0 = any free port).</summary>
    public int Port { get; init; } = 9443;

    public string BindAddress { get; init; } = "0.0.0.0";

    /// <summary>
    /// Largest AdmissionReview accepted. An object is at most 1.5 MiB in etcd and an UPDATE carries two of them, so
    /// 4 MiB leaves room for the envelope; larger bodies get 413 before they are read.
    /// </summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;
}

/// <summary>
/// The operator's admission webhooks over HTTPS: <c>POST /validate</c> (every kind's rules) and <c>POST /mutate</c>
/// (who asked for a failover). A body that is not an AdmissionReview gets 400 with the reason; a request is never
/// answered with a 5xx: a rule that fails unexpectedly denies with the reason instead.
/// </summary>
public sealed partial class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    /// <summary>https://127.0.0.1:PORT (the bound port).</summary>
    public Uri Address { get; }

    public static async Task<WebhookServer> StartAsync(
        WebhookServerOptions options, WebhookCertificate certificate, ResourceAdmission admission, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(admission);
        var logger = loggerFactory?.CreateLogger("ContactOperator.Admission") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Listen(IPAddress.Parse(options.BindAddress), options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificate.Current);
            });
        });
        var app = builder.Build();
        app.MapPost(WebhookServerOptions.ValidatePath, context => ServeAsync(context, logger, Validating(admission)));
        app.MapPost(WebhookServerOptions.MutatePath, context => ServeAsync(context, logger, Mutating));
        await app.StartAsync(cancellationToken);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new WebhookServer(app, new Uri($"https://127.0.0.1:{bound.Port}"));
    }

    private static async Task ServeAsync(HttpContext context, ILogger logger, Func<AdmissionReviewRequest, CancellationToken, Task<AdmissionDecision>> decide)
    {
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            await PlainAsync(context, e.StatusCode, $"invalid request: {e.Message}");
            return;
        }
        var answer = await AnswerAsync(body, decide, logger, context.RequestAborted);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }

    /// <summary>The HTTP answer to one request body: 400 with the reason for anything that is not an AdmissionReview, else 200 with the response review.</summary>
    public static async Task<WebhookAnswer> AnswerAsync(
        byte[] body, Func<AdmissionReviewRequest, CancellationToken, Task<AdmissionDecision>> decide, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var request = AdmissionReviewReader.TryRead(body, out var error);
        if (request is null)
        {
            return new WebhookAnswer(StatusCodes.Status400BadRequest, "text/plain; charset=utf-8", $"invalid AdmissionReview: {error}\n");
        }
        AdmissionDecision decision;
        try
        {
            decision = await decide(request, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in a rule must not turn into a 5xx (failurePolicy Fail would block every write with an opaque error).
            LogRuleFailed(logger, e, request.Kind, request.Namespace, request.Name);
            decision = AdmissionDecision.Unreadable($"the webhook could not check this {request.Kind} ({e.GetType().Name}); the operator's controller will check it");
        }
        if (!decision.Allowed)
        {
            LogDenied(logger, request.Operation, request.Kind, request.Namespace, request.Name, decision.Code);
        }
        return new WebhookAnswer(StatusCodes.Status200OK, "application/json", decision.ToReview(request.Uid).ToJsonString());
    }

    private static Task PlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n");
    }

    /// <summary>The answer served for <see cref="WebhookServerOptions.ValidatePath"/>.</summary>
    public static Func<AdmissionReviewRequest, CancellationToken, Task<AdmissionDecision>> Validating(ResourceAdmission admission) =>
        (request, cancellationToken) => admission.ValidateAsync(request, cancellationToken);

    private static readonly Dictionary<string, Func<AdmissionReviewRequest, AdmissionDecision>> Mutations =
        KindCatalog.All.Where(k => k.Admission.Mutate is not null).ToDictionary(k => k.Kind, k => k.Admission.Mutate!, StringComparer.Ordinal);

    /// <summary>The answer served for <see cref="WebhookServerOptions.MutatePath"/>: the mutation the request's kind declares, if any.</summary>
    public static Func<AdmissionReviewRequest, CancellationToken, Task<AdmissionDecision>> Mutating { get; } =
        (request, _) => Task.FromResult(request.Group == Api.ApiGroup.Name && Mutations.TryGetValue(request.Kind, out var mutate) ? mutate(request) : AdmissionDecision.Allow());

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admission denied {Operation} of {Kind} {Namespace}/{Name} (code {Code})")]
    private static partial void LogDenied(ILogger logger, string operation, string kind, string @namespace, string name, int code);

    [LoggerMessage(Level = LogLevel.Error, Message = "An admission rule failed on {Kind} {Namespace}/{Name}")]
    private static partial void LogRuleFailed(ILogger logger, Exception exception, string kind, string @namespace, string name);
}

/// <summary>An HTTP status, content type and body.</summary>
public sealed record WebhookAnswer(int Status, string ContentType, string Body);
