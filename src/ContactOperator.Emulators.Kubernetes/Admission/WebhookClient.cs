using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Admission;

/// <summary>
/// POSTs AdmissionReviews over HTTPS, trusting exactly the webhook's <c>caBundle</c> (or the system roots when
/// absent) and checking the host name, as the API server does.
/// </summary>
internal sealed class WebhookClient : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    public async Task<JsonObject> PostAsync(Uri url, string? caBundle, JsonObject review, TimeSpan timeout, CancellationToken ct)
    {
        var client = _clients.GetOrAdd(caBundle ?? "", Create);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        using var content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(url, content, cts.Token);
        var body = await response.Content.ReadAsStringAsync(cts.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the server responded with status code {(int)response.StatusCode}: {body}");
        }
        return JsonNode.Parse(body) as JsonObject ?? throw new HttpRequestException("the webhook response is not a JSON object");
    }

    private static HttpClient Create(string caBundle)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        if (caBundle.Length > 0)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(caBundle)));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
                {
                    return false;
                }
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
