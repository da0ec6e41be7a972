using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace ContactOperator.Testing;

/// <summary>AdmissionReview requests as the API server sends them, for the webhook tests and the latency harness.</summary>
public static class AdmissionReviews
{
    /// <summary>A review of <paramref name="obj"/> (one of the operator's kinds) in namespace default.</summary>
    public static JsonObject For(JsonObject obj, string operation, JsonObject? oldObject, string user = "alice@example.com")
    {
        ArgumentNullException.ThrowIfNull(obj);
        var withNamespace = (JsonObject)obj.DeepClone();
        withNamespace["metadata"]!["namespace"] = "default";
        return new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = Guid.NewGuid().ToString(),
                ["kind"] = new JsonObject { ["group"] = "connect.contact-operator.io", ["version"] = "v1alpha1", ["kind"] = (string?)obj["kind"] },
                ["operation"] = operation,
                ["namespace"] = "default",
                ["name"] = (string?)obj["metadata"]?["name"],
                ["userInfo"] = new JsonObject { ["username"] = user },
                ["object"] = withNamespace,
                ["oldObject"] = oldObject?.DeepClone(),
            },
        };
    }

    /// <summary>An HTTP client for <paramref name="baseAddress"/> that trusts exactly the authority in <paramref name="caPem"/>, as the API server trusts a caBundle.</summary>
    public static HttpClient TrustingOnly(string caPem, Uri baseAddress)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(caPem);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, served, _, _) =>
        {
            if (served is null)
            {
                return false;
            }
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var certificate = new X509Certificate2(served);
            return chain.Build(certificate);
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }
}
