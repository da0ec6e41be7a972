using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ContactOperator.Emulators.Kubernetes.Http;

/// <summary>Writes JSON bodies and Warning headers.</summary>
internal static class JsonResponses
{
    public static async Task WriteAsync(HttpContext context, int statusCode, JsonNode body, IEnumerable<string>? warnings = null,
        string contentType = "application/json")
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        AddWarnings(context, warnings);
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter.AsStream());
        body.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted);
    }

    public static void AddWarnings(HttpContext context, IEnumerable<string>? warnings)
    {
        if (warnings is null)
        {
            return;
        }
        foreach (var warning in warnings.Distinct())
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
    }

    public static Task WriteErrorAsync(HttpContext context, ApiException error) =>
        WriteAsync(context, error.Code, error.ToStatus());
}
