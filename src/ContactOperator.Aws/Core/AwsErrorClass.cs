namespace ContactOperator.Aws.Core;

/// <summary>What a caller (a reconciler) should do about an AWS error.</summary>
public enum AwsErrorClass
{
    /// <summary>The resource does not exist (404, ResourceNotFoundException). Often eventual consistency right after a create.</summary>
    NotFound,

    /// <summary>Rate or burst exceeded (429, ThrottlingException, TooManyRequestsException). Retry later.</summary>
    Throttling,

    /// <summary>State conflict: duplicate name, resource in use or not ready (409 and friends). Re-observe, then decide.</summary>
    Conflict,

    /// <summary>AWS refused the input (400). Terminal until the input changes.</summary>
    InvalidInput,

    /// <summary>
    /// AWS refused the caller: missing permission, unknown or wrong credentials, a signature off by clock skew (403).
    /// Fixed outside Kubernetes (IAM, credentials, the clock): retried slowly, never terminal.
    /// </summary>
    AccessDenied,

    /// <summary>A hard service quota is reached (402, ServiceQuotaExceededException). Terminal until the quota changes.</summary>
    QuotaExceeded,

    /// <summary>Server error, timeout or network failure. Retry with backoff.</summary>
    Transient,
}
