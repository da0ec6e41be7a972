using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Aws.Http;

/// <summary>An AWS service error: the code the SDKs map to an exception type, its HTTP status and message.</summary>
internal sealed class AwsErrorException : Exception
{
    public AwsErrorException(string errorCode, string message, JsonObject? extraFields = null, int? statusCode = null)
        : base(message)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode ?? ErrorStatusCodes.For(errorCode);
        ExtraFields = extraFields;
    }

    public AwsErrorException()
        : this("InternalServiceException", "Internal service error")
    {
    }

    public AwsErrorException(string message)
        : this("InternalServiceException", message)
    {
    }

    public AwsErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "InternalServiceException";
        StatusCode = 500;
    }

    public string ErrorCode { get; }

    public int StatusCode { get; }

    /// <summary>Members besides the message, e.g. <c>resourceId</c>/<c>resourceType</c> on ARC errors.</summary>
    public JsonObject? ExtraFields { get; }

    /// <summary>Seconds for a <c>Retry-After</c> header (ARC throttling and internal errors).</summary>
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>The HTTP status AWS sends with each error code (from the service models' httpError traits).</summary>
internal static class ErrorStatusCodes
{
    public static int For(string errorCode) => errorCode switch
    {
        "ResourceNotFoundException" => 404,
        "DuplicateResourceException" or "ResourceConflictException" or "ResourceInUseException"
            or "ResourceNotReadyException" or "ConflictException" or "IdempotencyException" => 409,
        "ThrottlingException" or "LimitExceededException" or "TooManyRequestsException" => 429,
        "ServiceQuotaExceededException" or "ServiceLimitExceededException" => 402,
        "AccessDeniedException" or "MissingAuthenticationTokenException" => 403,
        "InternalServiceException" or "InternalServerException" => 500,
        "EndpointTemporarilyUnavailableException" or "ServiceUnavailableException" => 503,
        "UnknownOperationException" => 404,
        _ => 400,
    };
}
