namespace ContactOperator.Aws.Core;

/// <summary>
/// The one place that maps an AWS error code and HTTP status to an <see cref="AwsErrorClass"/>.
/// Codes are checked first (they are more specific than status codes); unknown codes fall back to the status.
/// </summary>
public static class AwsErrorClassifier
{
    /// <summary>Error code used when an attempt timed out on our side.</summary>
    public const string RequestTimeout = "RequestTimeout";

    /// <summary>Error code used when no HTTP answer came (connection refused, reset, DNS).</summary>
    public const string NetworkError = "NetworkError";

    /// <summary>Error code used when the credential chain (env, profile, IRSA, pod identity, IMDS) gave no credentials.</summary>
    public const string CredentialsUnavailable = "CredentialsUnavailable";

    // The AWS SDKs' standard throttling set (aws-sdk-go-v2 aws/retry/throttle_error.go) plus Connect's TooManyRequestsException.
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException",
    };

    private static readonly HashSet<string> NotFoundCodes = new(StringComparer.Ordinal)
    {
        "ResourceNotFoundException", "NotFoundException", "NoSuchEntity",
    };

    private static readonly HashSet<string> ConflictCodes = new(StringComparer.Ordinal)
    {
        "DuplicateResourceException", "ResourceConflictException", "ConflictException",
        "ResourceInUseException", "ResourceNotReadyException", "ResourceExistsException",
    };

    private static readonly HashSet<string> QuotaCodes = new(StringComparer.Ordinal)
    {
        "ServiceQuotaExceededException", "ServiceLimitExceededException",
    };

    private static readonly HashSet<string> InvalidInputCodes = new(StringComparer.Ordinal)
    {
        "InvalidRequestException", "InvalidParameterException", "ValidationException", "InvalidContactFlowException",
        "SerializationException",
    };

    private static readonly HashSet<string> AccessCodes = new(StringComparer.Ordinal)
    {
        "AccessDeniedException", "AccessDenied", "UnauthorizedException", "UnauthorizedOperation", "InvalidSignatureException",
        "SignatureDoesNotMatch", "UnrecognizedClientException", "InvalidClientTokenId", "IncompleteSignature",
        "MissingAuthenticationToken", "RequestExpired",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "InternalServiceException", "InternalServerException", "InternalFailure", "InternalError",
        "ServiceUnavailable", "ServiceUnavailableException", "EndpointTemporarilyUnavailableException",
        RequestTimeout, "RequestTimeoutException", NetworkError, CredentialsUnavailable, "ExpiredTokenException",
    };

    /// <summary>Classifies one AWS error. <paramref name="httpStatusCode"/> is 0 when no answer came.</summary>
    public static AwsErrorClass Classify(string errorCode, int httpStatusCode) => Classify(errorCode, httpStatusCode, message: null);

    /// <summary>
    /// Classifies one AWS error, reading the message where the code alone is ambiguous: Connect answers
    /// LimitExceededException (HTTP 429) both for a request rate and for a resource quota such as
    /// "The quota of 500 routing profiles per instance has been reached".
    /// </summary>
    public static AwsErrorClass Classify(string errorCode, int httpStatusCode, string? message)
    {
        ArgumentNullException.ThrowIfNull(errorCode);
        if (errorCode == "LimitExceededException")
        {
            return NamesResourceQuota(message) || httpStatusCode is not (429 or 0) ? AwsErrorClass.QuotaExceeded : AwsErrorClass.Throttling;
        }

        if (httpStatusCode == 429 || ThrottlingCodes.Contains(errorCode))
        {
            return AwsErrorClass.Throttling;
        }

        if (NotFoundCodes.Contains(errorCode))
        {
            return AwsErrorClass.NotFound;
        }

        if (ConflictCodes.Contains(errorCode))
        {
            return AwsErrorClass.Conflict;
        }

        if (QuotaCodes.Contains(errorCode))
        {
            return AwsErrorClass.QuotaExceeded;
        }

        if (AccessCodes.Contains(errorCode))
        {
            return AwsErrorClass.AccessDenied;
        }

        if (InvalidInputCodes.Contains(errorCode))
        {
            return AwsErrorClass.InvalidInput;
        }

        if (TransientCodes.Contains(errorCode))
        {
            return AwsErrorClass.Transient;
        }

        return httpStatusCode switch
        {
            0 => AwsErrorClass.Transient,
            404 => AwsErrorClass.NotFound,
            409 => AwsErrorClass.Conflict,
            402 => AwsErrorClass.QuotaExceeded,
            401 or 403 => AwsErrorClass.AccessDenied,
            >= 500 => AwsErrorClass.Transient,
            >= 400 => AwsErrorClass.InvalidInput,
            _ => AwsErrorClass.Transient,
        };
    }

    /// <summary>A message that speaks of a quota or a resource limit rather than a request rate.</summary>
    public static bool NamesResourceQuota(string? message) =>
        message is not null
        && !message.Contains("rate", StringComparison.OrdinalIgnoreCase)
        && (message.Contains("quota", StringComparison.OrdinalIgnoreCase)
            || message.Contains("limit for the resource", StringComparison.OrdinalIgnoreCase)
            || message.Contains(" per instance", StringComparison.OrdinalIgnoreCase)
            || message.Contains(" per account", StringComparison.OrdinalIgnoreCase));
}
