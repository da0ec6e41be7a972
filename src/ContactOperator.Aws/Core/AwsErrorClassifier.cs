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
        "AccessDeniedException", "UnauthorizedException", "InvalidSignatureException", "SignatureDoesNotMatch",
        "UnrecognizedClientException", "IncompleteSignature", "MissingAuthenticationToken", "SerializationException",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "InternalServiceException", "InternalServerException", "InternalFailure", "InternalError",
        "ServiceUnavailable", "ServiceUnavailableException", "EndpointTemporarilyUnavailableException",
        RequestTimeout, "RequestTimeoutException", NetworkError, CredentialsUnavailable, "ExpiredTokenException",
    };

    /// <summary>Classifies one AWS error. <paramref name="httpStatusCode"/> is 0 when no answer came.</summary>
    public static AwsErrorClass Classify(string errorCode, int httpStatusCode)
    {
        ArgumentNullException.ThrowIfNull(errorCode);
        if (httpStatusCode == 429 || ThrottlingCodes.Contains(errorCode))
        {
            return AwsErrorClass.Throttling;
        }

        // Connect documents LimitExceededException as 429 (a rate); with any other status it is a resource limit.
        if (errorCode == "LimitExceededException")
        {
            return AwsErrorClass.QuotaExceeded;
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
            >= 500 => AwsErrorClass.Transient,
            >= 400 => AwsErrorClass.InvalidInput,
            _ => AwsErrorClass.Transient,
        };
    }
}
