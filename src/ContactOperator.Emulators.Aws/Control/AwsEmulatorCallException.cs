namespace ContactOperator.Emulators.Aws;

/// <summary>An AWS error returned by an out-of-band call made through <see cref="AwsEmulatorControl"/>.</summary>
public sealed class AwsEmulatorCallException : Exception
{
    public AwsEmulatorCallException()
    {
        ErrorCode = "InternalServiceException";
    }

    public AwsEmulatorCallException(string message)
        : base(message)
    {
        ErrorCode = "InternalServiceException";
    }

    public AwsEmulatorCallException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "InternalServiceException";
    }

    public AwsEmulatorCallException(string errorCode, int statusCode, string message)
        : base($"{errorCode}: {message}")
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
    }

    public string ErrorCode { get; }

    public int StatusCode { get; }
}
