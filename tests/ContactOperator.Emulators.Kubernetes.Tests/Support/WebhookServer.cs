using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Emulators.Kubernetes.Tests.Support;

/// <summary>An HTTPS admission webhook on loopback with a self-signed certificate; the handler decides each review's response.</summary>
public sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookServer(WebApplication app, X509Certificate2 certificate, Uri url)
    {
        _app = app;
        Certificate = certificate;
        Url = url;
    }

    public X509Certificate2 Certificate { get; }

    public Uri Url { get; }

    public List<JsonObject> Requests { get; } = [];

    public string CaBundle => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Certificate.ExportCertificatePem()));

    public static async Task<WebhookServer> StartAsync(Func<JsonObject, JsonObject> respond, TimeSpan? delay = null)
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        WebhookServer? server = null;
        app.Run(async context =>
        {
            var review = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            var request = review["request"]!.AsObject();
            lock (server!.Requests)
            {
                server.Requests.Add(request);
            }
            if (delay is { } wait)
            {
                await Task.Delay(wait, context.RequestAborted);
            }
            var response = respond(request);
            response["uid"] = request["uid"]!.GetValue<string>();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject
            {
                ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response,
            }.ToJsonString());
        });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        server = new WebhookServer(app, certificate, new Uri($"https://127.0.0.1:{address.Port}/admit"));
        return server;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=webhook.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
