using System.Net;
using System.Text;
using ContactOperator.Admission;
using ContactOperator.Admission.Webhooks;
using ContactOperator.Tests.EndToEnd;

namespace ContactOperator.Tests.Admission;

/// <summary>The HTTPS endpoint itself: what it answers to bodies that are not AdmissionReviews, and to oversized ones.</summary>
public sealed class WebhookServerTests : IAsyncLifetime
{
    private readonly WebhookCertificates certificates = new();
    private WebhookCertificate? certificate;
    private WebhookServer? server;
    private HttpClient? client;

    public async Task InitializeAsync()
    {
        certificate = new WebhookCertificate(certificates.Directory);
        server = await WebhookServer.StartAsync(new WebhookServerOptions { Port = 0, BindAddress = "127.0.0.1", MaxRequestBodyBytes = 64 * 1024 },
            certificate, new ResourceAdmission(new AdmissionSamples.Objects()), null, CancellationToken.None);
        client = AdmissionReviews.TrustingOnly(File.ReadAllText(Path.Combine(certificates.Directory, "ca.crt")), server.Address);
    }

    [Theory]
    [InlineData("/validate", "not json", "invalid AdmissionReview: the body is not JSON")]
    [InlineData("/validate", "[1,2]", "invalid AdmissionReview: the body is not a JSON object")]
    [InlineData("/validate", """{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview"}""", "invalid AdmissionReview: expected apiVersion admission.k8s.io/v1")]
    [InlineData("/mutate", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "invalid AdmissionReview: the AdmissionReview has no request")]
    [InlineData("/mutate", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"kind":{"kind":"Queue"},"operation":"CREATE"}}""", "invalid AdmissionReview: request.uid is missing")]
    [InlineData("/validate", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","kind":{"kind":"Queue"},"operation":"CREATE","object":"x"}}""", "invalid AdmissionReview: request.object and request.oldObject must be objects")]
    public async Task A_body_that_is_not_an_admission_review_gets_400_with_the_reason(string path, string body, string reason)
    {
        using var response = await client!.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_the_server_keeps_answering()
    {
        var huge = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"pad\":\"" + new string('x', 200 * 1024) + "\"}";
        // Expect: 100-continue, as a client that respects the limit sends a large body: the server refuses on the
        // Content-Length, before a byte of the body is sent (otherwise the refusal races the upload and the client may
        // see its own write fail instead of the 413).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/validate") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await client!.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);

        var review = AdmissionSamples.Reviews[0].ToJsonString();
        using var next = await client.PostAsync("/validate", new StringContent(review, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Contains("\"allowed\":true", await next.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_post_to_the_two_paths_is_served()
    {
        using var get = await client!.GetAsync("/validate");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        using var other = await client.PostAsync("/convert", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
        certificate?.Dispose();
        certificates.Dispose();
    }
}
