using System.Net;
using System.Text;

namespace ContactOperator.Aws.Tests.Support;

/// <summary>One recorded request with its body read eagerly.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>An HTTP handler that records requests and answers from a script (one responder per call, last one repeats).</summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Func<RecordedRequest, int, CancellationToken, Task<HttpResponseMessage>> _respond;
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();

    public StubHttpHandler(Func<RecordedRequest, int, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Answers every call with the same JSON.</summary>
    public static StubHttpHandler Always(HttpStatusCode status, string json, string? errorType = null) =>
        new((_, _, _) => Task.FromResult(Json(status, json, errorType)));

    /// <summary>Answers call n with responses[n] (the last one repeats).</summary>
    public static StubHttpHandler Sequence(params Func<HttpResponseMessage>[] responses) =>
        new((_, n, _) => Task.FromResult(responses[Math.Min(n, responses.Length - 1)]()));

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string? errorType = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        response.Headers.Add("x-amzn-RequestId", "req-" + Guid.NewGuid().ToString("N")[..8]);
        if (errorType is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
        }

        return response;
    }

    public static HttpResponseMessage Error(HttpStatusCode status, string code, string message = "stub error") =>
        Json(status, $"{{\"message\":\"{message}\"}}", code + ":http://internal.amazon.com/coral/com.amazonaws.connect/");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body);
        int index;
        lock (_gate)
        {
            index = _requests.Count;
            _requests.Add(recorded);
        }

        return await _respond(recorded, index, cancellationToken);
    }
}
