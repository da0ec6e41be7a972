using Prometheus;

namespace ContactOperator.Aws.Core;

/// <summary>
/// Prometheus metrics of the AWS clients. One sample per HTTP attempt: <c>code</c> is <c>Success</c> for a 2xx answer,
/// otherwise the AWS error code (<c>ThrottlingException</c>, ...) or <c>RequestTimeout</c> / <c>NetworkError</c> when no answer came.
/// </summary>
public sealed class AwsMetrics
{
    /// <summary>The <c>code</c> label value of a successful attempt.</summary>
    public const string SuccessCode = "Success";

    /// <summary>
    /// The AWS service's label (<c>Connect</c>, ...). Not <c>service</c>: prometheus-operator sets that target label on
    /// every series a ServiceMonitor scrapes (the Kubernetes Service), and without honorLabels ours would become
    /// <c>exported_service</c>.
    /// </summary>
    public const string ServiceLabel = "aws_service";

    public AwsMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        Requests = factory.CreateCounter(
            "contact_operator_aws_requests_total",
            "HTTP attempts made to AWS, by service, operation and result code (Success or the AWS error code).",
            new CounterConfiguration { LabelNames = [ServiceLabel, "operation", "code"] });
        Duration = factory.CreateHistogram(
            "contact_operator_aws_request_duration_seconds",
            "Duration of one HTTP attempt to AWS, excluding client-side rate-limit waits and retry backoff.",
            new HistogramConfiguration
            {
                LabelNames = [ServiceLabel, "operation"],
                Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
            });
        Retries = factory.CreateCounter(
            "contact_operator_aws_retries_total",
            "Retries of AWS calls, by the error code that caused them.",
            new CounterConfiguration { LabelNames = [ServiceLabel, "operation", "code"] });
        Throttles = factory.CreateCounter(
            "contact_operator_aws_throttles_total",
            "AWS answers classified as throttling (429, ThrottlingException, TooManyRequestsException, ...).",
            new CounterConfiguration { LabelNames = [ServiceLabel, "operation"] });
        RetryBudgetExhausted = factory.CreateCounter(
            "contact_operator_aws_retry_budget_exhausted_total",
            "Retries skipped because the retry budget (AWS standard retry quota) was empty.",
            new CounterConfiguration { LabelNames = [ServiceLabel, "operation"] });
        RateLimitWait = factory.CreateCounter(
            "contact_operator_aws_rate_limit_wait_seconds_total",
            "Time AWS calls spent queued behind the client-side per-operation rate limits.",
            new CounterConfiguration { LabelNames = [ServiceLabel, "operation"] });
    }

    /// <summary>Metrics on the prometheus-net default registry (what <c>/metrics</c> exports).</summary>
    public static AwsMetrics Default { get; } = new(Metrics.DefaultRegistry);

    public Counter Requests { get; }

    public Histogram Duration { get; }

    public Counter Retries { get; }

    public Counter Throttles { get; }

    public Counter RetryBudgetExhausted { get; }

    public Counter RateLimitWait { get; }
}
