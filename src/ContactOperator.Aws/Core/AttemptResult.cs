using System.Text.Json;

namespace ContactOperator.Aws.Core;

/// <summary>The outcome of one HTTP attempt: a parsed 2xx body, or an error with how it failed.</summary>
internal sealed class AttemptResult : IDisposable
{
    private AttemptResult(JsonDocument? body, AwsServiceException? error, AttemptFailure failure)
    {
        Body = body;
        Error = error;
        Failure = failure;
    }

    public JsonDocument? Body { get; }

    public AwsServiceException? Error { get; }

    public AttemptFailure Failure { get; }

    public bool Succeeded => Error is null;

    public static AttemptResult Success(JsonDocument body) => new(body, null, AttemptFailure.ErrorResponse);

    public static AttemptResult Failed(AwsServiceException error, AttemptFailure failure) => new(null, error, failure);

    public void Dispose() => Body?.Dispose();
}
