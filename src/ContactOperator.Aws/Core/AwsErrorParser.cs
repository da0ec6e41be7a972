using System.Net.Http.Headers;
using System.Text.Json;

namespace ContactOperator.Aws.Core;

/// <summary>
/// Reads an AWS JSON error (rest-json and json 1.0 alike): the code from <c>x-amzn-ErrorType</c>, else the body's
/// <c>__type</c> / <c>code</c>, with any <c>namespace#</c> prefix and <c>:uri</c> suffix removed; the message from
/// <c>message</c> / <c>Message</c>.
/// </summary>
internal static class AwsErrorParser
{
    public static AwsServiceException Parse(AwsOperation operation, int status, HttpResponseHeaders headers, byte[] body)
    {
        string? code = null;
        string? message = null;
        if (headers.TryGetValues("x-amzn-ErrorType", out var types))
        {
            code = Sanitize(types.FirstOrDefault());
        }

        if (body.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    var root = document.RootElement;
                    code ??= Sanitize(JsonWire.GetString(root, "__type") ?? JsonWire.GetString(root, "code") ?? JsonWire.GetString(root, "Code"));
                    message = JsonWire.GetString(root, "message") ?? JsonWire.GetString(root, "Message") ?? JsonWire.GetString(root, "errorMessage");
                }
            }
            catch (JsonException)
            {
                message = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 256));
            }
        }

        code ??= "Http" + status;
        var requestId = First(headers, "x-amzn-RequestId") ?? First(headers, "x-amz-request-id");
        return new AwsServiceException(operation.Service, operation.Name, code, status, message ?? "(no message)", requestId);
    }

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string? Sanitize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var code = raw.Trim();
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        return code.Length == 0 ? null : code;
    }
}
