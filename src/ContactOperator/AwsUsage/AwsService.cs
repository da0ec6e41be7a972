using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;

namespace ContactOperator.AwsUsage;

/// <summary>
/// An AWS service the operator has a generated client for, and the client-side rate limit of its operations that
/// declare none of their own (<see cref="AwsOperationUse.RateLimit"/>). Sized from the Connect and ARC quotas in
/// reference/aws-quotas-and-operator-anchors.md, per account and Region.
/// </summary>
/// <param name="Client">The service as its generated client describes it; its signing name is also the IAM action prefix.</param>
/// <param name="DefaultRateLimit">The limit of an operation that declares none; null: not limited.</param>
public sealed record AwsService(AwsServiceDescriptor Client, AwsRateLimit? DefaultRateLimit)
{
    /// <summary>Connect's generic default for most APIs: 2 rps, burst 5 (admin guide, service limits).</summary>
    public static AwsService Connect { get; } = new(ConnectClient.Descriptor, new AwsRateLimit(2, 5));

    /// <summary>The ARC control configuration API, limited like Connect's default.</summary>
    public static AwsService ArcControlConfig { get; } = new(ArcControlConfigClient.Descriptor, new AwsRateLimit(2, 5));

    /// <summary>The ARC data plane: reads are not limited; its updates declare the 3 per second per cluster endpoint.</summary>
    public static AwsService ArcCluster { get; } = new(ArcClusterClient.Descriptor, null);

    public static IReadOnlyList<AwsService> All { get; } = [Connect, ArcControlConfig, ArcCluster];

    /// <summary>The signing name, e.g. <c>connect</c>: the IAM action prefix and the rate-limit key.</summary>
    public string SigningName => Client.SigningName;

    /// <summary>
    /// An operation whose retry safety the service model tells: a GET is a read, a write with a <c>ClientToken</c> is
    /// idempotent, any other write is not (see <see cref="RetrySafety"/>).
    /// </summary>
    /// <param name="operation">The operation's name in the service model, e.g. <c>CreateQueue</c>.</param>
    /// <param name="rateLimit">Its own AWS quota, when it differs from <see cref="DefaultRateLimit"/>.</param>
    public AwsOperationUse Call(string operation, AwsRateLimit? rateLimit = null) => new(this, operation) { RateLimit = rateLimit };

    /// <summary>A read the model cannot tell is one, because it is sent by POST (GetCurrentMetricData, the ARC data plane).</summary>
    public AwsOperationUse Read(string operation, AwsRateLimit? rateLimit = null) =>
        new(this, operation) { RateLimit = rateLimit, RetrySafety = RetrySafety.Read };

    /// <summary>A write with set semantics ("make X equal v") and no <c>ClientToken</c>: repeating it converges, so 5xx and timeouts may be retried.</summary>
    public AwsOperationUse IdempotentWrite(string operation, AwsRateLimit? rateLimit = null) =>
        new(this, operation) { RateLimit = rateLimit, RetrySafety = RetrySafety.Idempotent };
}
