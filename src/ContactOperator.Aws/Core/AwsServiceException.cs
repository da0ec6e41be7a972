using System.Net;

namespace ContactOperator.Aws.Core;

/// <summary>
/// An AWS call that failed: either AWS answered with an error, or the request never got an answer
/// (timeout, connection failure; then <see cref="HttpStatusCode"/> is 0).
/// </summary>
public class AwsServiceException : Exception
{
    public AwsServiceException()
        : this("AWS call failed.")
    {
    }

    public AwsServiceException(string message)
        : this(message, null)
    {
    }

    public AwsServiceException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Service = string.Empty;
        Operation = string.Empty;
        ErrorCode = "Unknown";
        Class = AwsErrorClass.Transient;
    }

    public AwsServiceException(
        string service,
        string operation,
        string errorCode,
        int httpStatusCode,
        string message,
        string? requestId,
        Exception? innerException = null)
        : base(Describe(service, operation, errorCode, httpStatusCode, message), innerException)
    {
        Service = service;
        Operation = operation;
        ErrorCode = errorCode;
        HttpStatusCode = httpStatusCode;
        AwsMessage = message;
        RequestId = requestId;
        Class = AwsErrorClassifier.Classify(errorCode, httpStatusCode, message);
    }

    /// <summary>Service id, e.g. <c>Connect</c>.</summary>
    public string Service { get; }

    /// <summary>Operation name as in the AWS model, e.g. <c>CreateQueue</c>.</summary>
    public string Operation { get; }

    /// <summary>The AWS error code (e.g. <c>ResourceNotFoundException</c>), or <c>RequestTimeout</c> / <c>NetworkError</c> when no answer came.</summary>
    public string ErrorCode { get; }

    /// <summary>HTTP status of AWS's answer; 0 when there was none.</summary>
    public int HttpStatusCode { get; }

    /// <summary>The message AWS sent, without our prefix.</summary>
    public string? AwsMessage { get; }

    /// <summary>The <c>x-amzn-RequestId</c> AWS sent, for support cases.</summary>
    public string? RequestId { get; }

    /// <summary>What to do about it.</summary>
    public AwsErrorClass Class { get; }

    /// <summary>How many HTTP attempts were made before giving up (1 = no retry).</summary>
    public int Attempts { get; internal set; } = 1;

    /// <summary>True for <see cref="AwsErrorClass.InvalidInput"/> and <see cref="AwsErrorClass.QuotaExceeded"/>: retrying the same input cannot help.</summary>
    public bool IsTerminal => Class is AwsErrorClass.InvalidInput or AwsErrorClass.QuotaExceeded;

    /// <summary>Convenience for status handling.</summary>
    public HttpStatusCode? StatusCode => HttpStatusCode == 0 ? null : (HttpStatusCode)HttpStatusCode;

    private static string Describe(string service, string operation, string errorCode, int status, string message)
    {
        var statusText = status == 0 ? "no response" : $"HTTP {status}";
        return $"{service} {operation} failed: {errorCode} ({statusText}): {message}";
    }
}
