using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ContactOperator.Admission;

/// <summary>
/// A throwaway certificate authority and serving certificates for local mode, tests and benchmarks (in a cluster,
/// cert-manager or the Helm chart provides the Secret). Keys are ECDSA P-256.
/// </summary>
public sealed class SelfSignedCertificates : IDisposable
{
    private readonly X509Certificate2 authority;

    private SelfSignedCertificates(X509Certificate2 authority) => this.authority = authority;

    public static SelfSignedCertificates CreateAuthority(string commonName, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return new SelfSignedCertificates(request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1)));
    }

    /// <summary>The authority's certificate as base64 PEM: a webhook configuration's <c>clientConfig.caBundle</c>.</summary>
    public string CaBundle => Convert.ToBase64String(Encoding.ASCII.GetBytes(authority.ExportCertificatePem()));

    /// <summary>A serving certificate for <paramref name="hosts"/> (DNS names or IP addresses), as PEM certificate and key.</summary>
    public (string CertificatePem, string KeyPem) Issue(IEnumerable<string> hosts, DateTimeOffset notBefore, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var names = hosts.ToList();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names.FirstOrDefault() ?? "webhook"}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var host in names)
        {
            if (IPAddress.TryParse(host, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(host);
            }
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(authority, notBefore.AddMinutes(-5), notBefore + validity, serial);
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Writes a serving pair as a mounted TLS Secret looks: <c>tls.crt</c>, <c>tls.key</c> and <c>ca.crt</c>.</summary>
    public void WriteServingPair(string directory, IEnumerable<string> hosts, DateTimeOffset now, TimeSpan validity)
    {
        var (certificate, key) = Issue(hosts, now, validity);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, WebhookCertificate.KeyFile), key);
        File.WriteAllText(Path.Combine(directory, WebhookCertificate.CertificateFile), certificate);
        File.WriteAllText(Path.Combine(directory, "ca.crt"), authority.ExportCertificatePem());
    }

    public void Dispose() => authority.Dispose();
}
