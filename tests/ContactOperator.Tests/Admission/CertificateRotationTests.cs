using System.Net;
using System.Security.Cryptography.X509Certificates;
using ContactOperator.Admission;
using ContactOperator.Manifests;
using ContactOperator.Tests.EndToEnd;
using k8s.Autorest;
using Microsoft.Extensions.Time.Testing;

namespace ContactOperator.Tests.Admission;

/// <summary>The serving certificate is replaced in its folder (as the kubelet updates a mounted Secret) and served without a restart.</summary>
public class CertificateRotationTests
{
    private const string Plan = """
        apiVersion: connect.contact-operator.io/v1alpha1
        kind: FailoverPlan
        metadata: {name: PLAN}
        spec:
          instanceRef: {name: support}
          replica: {region: us-west-2, instanceAlias: acme-support-west}
          trafficDistributionGroup: {name: support-tdg}
          activeRegion: us-east-1
        """;

    [Fact]
    public async Task After_rotation_to_a_new_authority_the_next_admission_call_uses_the_new_certificate()
    {
        await using var h = await ContactCenterHarness.StartAsync(webhooks: true, controllers: false);
        await h.ApplyAsync(Plan.Replace("PLAN", "before", StringComparison.Ordinal));

        // cert-manager issues from a new authority and the CA injector updates the caBundle: the API server now trusts only it.
        using var rotated = SelfSignedCertificates.CreateAuthority("rotated webhook CA", DateTimeOffset.UtcNow);
        rotated.WriteServingPair(h.Webhooks!.Directory, ["127.0.0.1"], DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        var manifests = ManifestReader.ReadFile(RepoPaths.Of("config", "webhook", "manifests.yaml"));
        await WebhookRegistration.ApplyAsync(h.Client, WebhookRegistration.PointAt(manifests, h.Host!.Webhooks!.Address, rotated.CaBundle), CancellationToken.None);

        // Until the folder is re-read the old certificate is served, and FailoverPlan's webhooks fail closed.
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => h.ApplyAsync(Plan.Replace("PLAN", "during", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.InternalServerError, refused.Response.StatusCode);
        Assert.Contains("failed calling webhook", refused.Response.Content, StringComparison.Ordinal);

        Assert.True(h.Host.WebhookCertificate!.Reload());
        await h.ApplyAsync(Plan.Replace("PLAN", "after", StringComparison.Ordinal));
        Assert.Equal(ServedCertificate(h.Host.Webhooks.Address).Thumbprint, h.Host.WebhookCertificate.Current.Thumbprint);
    }

    [Fact]
    public void The_folder_is_re_read_on_the_poll_interval_and_a_half_written_pair_keeps_the_current_certificate()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var first = new WebhookCertificates();
        using var certificate = new WebhookCertificate(first.Directory, time, pollInterval: TimeSpan.FromSeconds(10));
        var original = certificate.Current.Thumbprint;

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(original, certificate.Current.Thumbprint);

        // The kubelet swaps the files one at a time: a new certificate with the old key does not load.
        var (newCertificate, newKey) = first.Authority.Issue(["127.0.0.1"], time.GetUtcNow(), TimeSpan.FromDays(1));
        File.WriteAllText(Path.Combine(first.Directory, WebhookCertificate.CertificateFile), newCertificate);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(original, certificate.Current.Thumbprint);

        File.WriteAllText(Path.Combine(first.Directory, WebhookCertificate.KeyFile), newKey);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(original, certificate.Current.Thumbprint);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotEqual(original, certificate.Current.Thumbprint);
        Assert.Equal(X509Certificate2.CreateFromPem(newCertificate).Thumbprint, certificate.Current.Thumbprint);
    }

    private static X509Certificate2 ServedCertificate(Uri address)
    {
        using var client = new System.Net.Sockets.TcpClient(address.Host, address.Port);
        using var tls = new System.Net.Security.SslStream(client.GetStream(), false, (_, served, _, _) => served is not null);
        tls.AuthenticateAsClient("127.0.0.1");
        return new X509Certificate2(tls.RemoteCertificate!);
    }
}
