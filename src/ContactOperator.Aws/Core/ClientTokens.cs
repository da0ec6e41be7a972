using System.Security.Cryptography;
using System.Text;

namespace ContactOperator.Aws.Core;

/// <summary>
/// Deterministic idempotency tokens (<c>ClientToken</c>) for CreateInstance, ReplicateInstance,
/// CreateTrafficDistributionGroup and the ARC creates: the same Kubernetes object and purpose always give the same
/// token, so a create repeated after a crash or a leader change returns the first result instead of a duplicate.
/// </summary>
public static class ClientTokens
{
    /// <summary>Connect's limit for ClientToken (500); ARC's is 64. Our tokens are 64 characters, within both.</summary>
    public const int Length = 64;

    /// <summary>
    /// Token for <paramref name="purpose"/> (e.g. <c>create-instance</c>, <c>replicate:us-west-2</c>) of the object with
    /// <paramref name="kubernetesUid"/>: the hex SHA-256 of both, 64 characters.
    /// </summary>
    public static string FromUid(string kubernetesUid, string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kubernetesUid);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(kubernetesUid + "\n" + purpose));
        return Convert.ToHexStringLower(hash);
    }
}
