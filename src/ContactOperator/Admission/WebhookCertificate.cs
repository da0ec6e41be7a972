using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Admission;

/// <summary>
/// The serving certificate, read from <c>tls.crt</c> and <c>tls.key</c> in a folder (a mounted Secret, as cert-manager
/// writes it). The folder is re-read every <see cref="PollInterval"/> and whenever <see cref="Reload"/> is called; a new
/// pair replaces the old one for the next TLS handshake, so a rotated Secret is served without a restart. A pair that
/// cannot be read (half-written during the kubelet's swap) leaves the current certificate in place.
/// </summary>
public sealed partial class WebhookCertificate : IDisposable
{
    public const string CertificateFile = "tls.crt";
    public const string KeyFile = "tls.key";

    private readonly string directory;
    private readonly ILogger logger;
    private readonly ITimer timer;
    private readonly Lock gate = new();
    private X509Certificate2 current;
    private byte[] currentHash;

    public WebhookCertificate(string directory, TimeProvider? time = null, ILogger? logger = null, TimeSpan? pollInterval = null)
    {
        this.directory = directory;
        this.logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        PollInterval = pollInterval ?? TimeSpan.FromSeconds(10);
        (current, currentHash) = Load() ?? throw new FileNotFoundException(
            $"no readable certificate in '{directory}': expected {CertificateFile} and {KeyFile} (PEM)", Path.Combine(directory, CertificateFile));
        timer = (time ?? TimeProvider.System).CreateTimer(_ => Reload(), null, PollInterval, PollInterval);
    }

    public TimeSpan PollInterval { get; }

    /// <summary>The certificate the next handshake presents.</summary>
    public X509Certificate2 Current => Volatile.Read(ref current);

    /// <summary>Re-reads the folder; returns true when a new certificate replaced the current one.</summary>
    public bool Reload()
    {
        lock (gate)
        {
            var loaded = Load();
            if (loaded is not { } pair)
            {
                return false;
            }
            if (CryptographicOperations.FixedTimeEquals(pair.Hash, currentHash))
            {
                pair.Certificate.Dispose();
                return false;
            }
            // The previous certificate is not disposed: a handshake in flight may still be using it.
            Volatile.Write(ref current, pair.Certificate);
            currentHash = pair.Hash;
            LogRotated(logger, pair.Certificate.Subject, pair.Certificate.NotAfter.ToUniversalTime());
            return true;
        }
    }

    private (X509Certificate2 Certificate, byte[] Hash)? Load()
    {
        try
        {
            var certificatePem = File.ReadAllText(Path.Combine(directory, CertificateFile));
            var keyPem = File.ReadAllText(Path.Combine(directory, KeyFile));
            var certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            return (certificate, SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(certificatePem + keyPem)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            LogUnreadable(logger, directory, e.GetType().Name);
            return null;
        }
    }

    public void Dispose()
    {
        timer.Dispose();
        current.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook serving certificate reloaded: {Subject}, valid until {NotAfter:o}")]
    private static partial void LogRotated(ILogger logger, string subject, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook certificate in {Directory} could not be read ({Error}); keeping the current one")]
    private static partial void LogUnreadable(ILogger logger, string directory, string error);
}
