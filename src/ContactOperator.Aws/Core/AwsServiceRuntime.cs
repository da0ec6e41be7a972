using System.Net.Sockets;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactOperator.Aws.Core;

/// <summary>
/// The request pipeline shared by our service clients: marshal → client-side rate limit → sign (AWSSDK.Core) →
/// send with a per-attempt timeout → unmarshal or parse the error → retry per <see cref="RetryPolicy"/> within the
/// <see cref="RetryBudget"/>. Metrics and logs are recorded per attempt.
/// </summary>
internal sealed partial class AwsServiceRuntime : IDisposable
{
    private static readonly HttpMessageHandler SharedHandler = new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    private readonly AwsClientOptions _options;
    private readonly AwsSigningClientConfig _config;
    private readonly AwsRequestSigner _signer;
    private readonly HttpClient _http;
    private readonly RetryPolicy _retryPolicy;
    private readonly RetryBudget _budget;
    private readonly AwsRateLimiterRegistry? _rateLimits;
    private readonly AwsMetrics _metrics;
    private readonly ILogger _logger;
    private AWSCredentials? _credentials;

    public AwsServiceRuntime(AwsServiceDescriptor service, AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Service = service;
        _options = options;
        _config = new AwsSigningClientConfig(service);
        _signer = new AwsRequestSigner(_config);
        _http = new HttpClient(options.HttpHandler ?? SharedHandler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _retryPolicy = new RetryPolicy(options.MaxAttempts, options.Jitter);
        _budget = options.RetryBudget ?? SharedRetryBudgets.For(options.AccountKey, options.Region, service.SigningName);
        _rateLimits = options.RateLimits;
        _metrics = options.Metrics ?? AwsMetrics.Default;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ContactOperator.Aws." + service.SigningName);
        _credentials = options.Credentials;
    }

    public AwsServiceDescriptor Service { get; }

    public AwsClientOptions Options => _options;

    public RetryBudget RetryBudget => _budget;

    /// <summary>Runs one operation with rate limiting and standard retries against <paramref name="endpoint"/>.</summary>
    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        AwsOperation operation,
        TRequest request,
        Func<TRequest, AwsRequestBuilder> marshall,
        Func<JsonElement, TResponse> unmarshall,
        AwsEndpoint endpoint,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(marshall);
        ArgumentNullException.ThrowIfNull(unmarshall);
        ArgumentNullException.ThrowIfNull(endpoint);
        var builder = marshall(request);
        var lastRetryCost = 0;
        for (var attempt = 1; ; attempt++)
        {
            using var result = await SendOnceAsync(operation, builder, endpoint, _options.AttemptTimeout, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                _budget.OnSuccess(lastRetryCost);
                return Unmarshall(operation, result.Body!, unmarshall);
            }

            var error = result.Error!;
            error.Attempts = attempt;
            if (!RetryPolicy.IsRetryable(operation.Safety, result.Failure, error.Class) || attempt >= _retryPolicy.MaxAttempts)
            {
                throw error;
            }

            var cost = RetryPolicy.CostOf(result.Failure);
            if (!_budget.TryAcquire(cost))
            {
                _metrics.RetryBudgetExhausted.WithLabels(Service.ServiceId, operation.Name).Inc();
                LogBudgetExhausted(_logger, Service.ServiceId, operation.Name, error.ErrorCode);
                throw error;
            }

            lastRetryCost = cost;
            var delay = _retryPolicy.Backoff(attempt);
            _metrics.Retries.WithLabels(Service.ServiceId, operation.Name, error.ErrorCode).Inc();
            LogRetry(_logger, Service.ServiceId, operation.Name, error.ErrorCode, attempt, delay.TotalMilliseconds);
            await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One attempt: rate limit, sign, send with <paramref name="timeout"/>, parse. Never throws for AWS or network errors.</summary>
    internal async Task<AttemptResult> SendOnceAsync(
        AwsOperation operation,
        AwsRequestBuilder builder,
        AwsEndpoint endpoint,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        await WaitForRateLimitAsync(operation, endpoint.SigningRegion, cancellationToken).ConfigureAwait(false);
        var credentials = await ResolveCredentialsAsync(operation).ConfigureAwait(false);
        var time = _options.TimeProvider;
        using var message = _signer.CreateSignedRequest(builder, endpoint, credentials, time.GetUtcNow().UtcDateTime);
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var started = time.GetTimestamp();
        AttemptResult result;
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            result = status is >= 200 and < 300
                ? ParseSuccess(operation, status, body)
                : AttemptResult.Failed(AwsErrorParser.Parse(operation, status, response.Headers, body), AttemptFailure.ErrorResponse);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            result = AttemptResult.Failed(
                new AwsServiceException(Service.ServiceId, operation.Name, AwsErrorClassifier.RequestTimeout, 0, $"no answer from {endpoint.Url} within {timeout.TotalSeconds:0.###} s", null, ex),
                AttemptFailure.Timeout);
        }
        catch (HttpRequestException ex)
        {
            var notSent = ex.HttpRequestError == HttpRequestError.ConnectionError
                || ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };
            result = AttemptResult.Failed(
                new AwsServiceException(Service.ServiceId, operation.Name, AwsErrorClassifier.NetworkError, 0, $"{endpoint.Url}: {ex.Message}", null, ex),
                notSent ? AttemptFailure.NotSent : AttemptFailure.NetworkError);
        }

        var code = result.Error?.ErrorCode ?? AwsMetrics.SuccessCode;
        _metrics.Requests.WithLabels(Service.ServiceId, operation.Name, code).Inc();
        _metrics.Duration.WithLabels(Service.ServiceId, operation.Name).Observe(time.GetElapsedTime(started).TotalSeconds);
        if (result.Error?.Class == AwsErrorClass.Throttling)
        {
            _metrics.Throttles.WithLabels(Service.ServiceId, operation.Name).Inc();
        }

        return result;
    }

    internal TResponse Unmarshall<TResponse>(AwsOperation operation, JsonDocument body, Func<JsonElement, TResponse> unmarshall)
    {
        try
        {
            return unmarshall(body.RootElement);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException)
        {
            throw new AwsServiceException(Service.ServiceId, operation.Name, "InvalidResponse", 200, $"could not read the response: {ex.Message}", null, ex);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Credentials for one attempt. The default chain is resolved lazily and only kept once it worked, so a
    /// transient IMDS or STS failure is retried on the next call instead of being remembered.
    /// </summary>
    private async Task<ImmutableCredentials> ResolveCredentialsAsync(AwsOperation operation)
    {
        try
        {
            var source = _credentials ??= DefaultAWSCredentialsIdentityResolver.GetCredentials(_config);
            return await source.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AmazonClientException or AmazonServiceException)
        {
            throw new AwsServiceException(Service.ServiceId, operation.Name, AwsErrorClassifier.CredentialsUnavailable, 0, $"no AWS credentials could be resolved: {ex.Message}", null, ex);
        }
    }

    private AttemptResult ParseSuccess(AwsOperation operation, int status, byte[] body)
    {
        try
        {
            return AttemptResult.Success(JsonDocument.Parse(body.Length == 0 ? EmptyObject : body));
        }
        catch (JsonException ex)
        {
            return AttemptResult.Failed(
                new AwsServiceException(Service.ServiceId, operation.Name, "InvalidResponse", status, $"response body is not JSON: {ex.Message}", null, ex),
                AttemptFailure.ErrorResponse);
        }
    }

    private async ValueTask WaitForRateLimitAsync(AwsOperation operation, string region, CancellationToken cancellationToken)
    {
        if (!_options.EnableRateLimits || _rateLimits is null)
        {
            return;
        }

        var limiter = _rateLimits.Get(_options.AccountKey, region, Service.SigningName, operation.Name);
        if (limiter is null)
        {
            return;
        }

        var waited = await limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (waited > TimeSpan.Zero)
        {
            _metrics.RateLimitWait.WithLabels(Service.ServiceId, operation.Name).Inc(waited.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "AWS {Service} {Operation} failed with {ErrorCode} on attempt {Attempt}; retrying in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string service, string operation, string errorCode, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AWS {Service} {Operation} failed with {ErrorCode}; retry budget exhausted, not retrying")]
    private static partial void LogBudgetExhausted(ILogger logger, string service, string operation, string errorCode);
}
