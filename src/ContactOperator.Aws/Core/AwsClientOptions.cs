using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Aws.Core;

/// <summary>
/// Settings shared by the Connect and ARC clients. Only <see cref="Region"/> is required; everything else has the
/// AWS SDK's defaults (credentials from the default chain, standard retry mode with 3 attempts).
/// </summary>
public sealed record AwsClientOptions
{
    /// <summary>AWS Region the client talks to and signs for, e.g. <c>us-east-1</c>.</summary>
    public required string Region { get; init; }

    /// <summary>
    /// Explicit endpoint (e.g. <c>http://127.0.0.1:4566</c>). Wins over <c>AWS_ENDPOINT_URL_*</c> and <c>AWS_ENDPOINT_URL</c>.
    /// </summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>Credentials; null means the AWS SDK default chain (env, profile, IRSA web identity, EKS pod identity, IMDS).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>
    /// Names the AWS account for client-side rate limits and retry budgets, which AWS applies per account and Region.
    /// Clients with the same key, Region and registry share buckets.
    /// </summary>
    public string AccountKey { get; init; } = "default";

    /// <summary>Total attempts per call including the first (AWS standard mode: 3).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-endpoint timeout of the ARC data plane before it moves on to the next cluster endpoint.</summary>
    public TimeSpan ArcEndpointTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Clock for signing, rate limits, backoff and timeouts (tests pass a FakeTimeProvider).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Rate-limit buckets and the table of limits they follow, shared by every client given the same registry; null: no
    /// client-side limits. The operator passes one built from the operations its kinds declare.
    /// </summary>
    public AwsRateLimiterRegistry? RateLimits { get; init; }

    /// <summary>False turns the client-side rate limits off (the emulator tests that show throttling need this).</summary>
    public bool EnableRateLimits { get; init; } = true;

    /// <summary>Retry budget; default is one process-wide budget per (account, Region, service).</summary>
    public RetryBudget? RetryBudget { get; init; }

    /// <summary>Source of jitter in [0, 1) for backoff; default <see cref="Random.Shared"/>.</summary>
    public Func<double>? Jitter { get; init; }

    /// <summary>HTTP handler to send through; default is a shared pooled <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Reads environment variables (endpoint overrides); default <see cref="Environment.GetEnvironmentVariable(string)"/>.</summary>
    public Func<string, string?>? EnvironmentVariables { get; init; }

    /// <summary>Metrics sink; default <see cref="AwsMetrics.Default"/>.</summary>
    public AwsMetrics? Metrics { get; init; }

    public ILoggerFactory? LoggerFactory { get; init; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Region))
        {
            throw new ArgumentException("AwsClientOptions.Region is required (for example 'us-east-1').", nameof(Region));
        }

        if (MaxAttempts < 1)
        {
            throw new ArgumentException($"AwsClientOptions.MaxAttempts must be at least 1, got {MaxAttempts}.", nameof(MaxAttempts));
        }

        if (AttemptTimeout <= TimeSpan.Zero || ArcEndpointTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("AwsClientOptions.AttemptTimeout and ArcEndpointTimeout must be positive.", nameof(AttemptTimeout));
        }

        if (ServiceUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException($"AwsClientOptions.ServiceUrl must be an absolute URL, got '{ServiceUrl}'.", nameof(ServiceUrl));
        }
    }
}
