using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Aws.Tests;

/// <summary>An AWS answer as a client sees it on the wire.</summary>
internal sealed record AwsAnswer(HttpStatusCode Status, string? ErrorCode, JsonObject Body)
{
    public string? Message => Body["Message"]?.GetValue<string>() ?? Body["message"]?.GetValue<string>();

    public AwsAnswer EnsureOk()
    {
        Assert.True(Status == HttpStatusCode.OK, $"expected 200, got {(int)Status} {ErrorCode}: {Message}");
        return this;
    }

    public AwsAnswer EnsureError(string code, HttpStatusCode status)
    {
        Assert.True(ErrorCode == code && Status == status, $"expected {(int)status} {code}, got {(int)Status} {ErrorCode}: {Message}");
        return this;
    }
}

/// <summary>
/// Raw wire calls with a SigV4-shaped Authorization header (the emulator reads the credential scope
/// and does not verify signatures), so tests see exactly what the emulator sends.
/// </summary>
internal sealed class AwsWire(Uri endpoint) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = endpoint, Timeout = Timeout.InfiniteTimeSpan };

    public static string Authorization(string region, string service) =>
        $"AWS4-HMAC-SHA256 Credential=AKIDTEST/20261124/{region}/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000";

    public Task<AwsAnswer> Connect(HttpMethod method, string path, JsonObject? body = null, string region = "us-east-1") =>
        SendAsync(method, path, body, region, "connect", target: null);

    public Task<AwsAnswer> ArcConfig(HttpMethod method, string path, JsonObject? body = null) =>
        SendAsync(method, path, body, "us-west-2", "route53-recovery-control-config", target: null);

    /// <summary>A data-plane call on one cluster endpoint URL (as returned in ClusterEndpoints).</summary>
    public Task<AwsAnswer> ArcCluster(string endpointUrl, string operation, JsonObject body, string region = "us-east-1") =>
        SendAsync(HttpMethod.Post, new Uri(endpointUrl).PathAndQuery, body, region, "route53-recovery-cluster", $"ToggleCustomerAPI.{operation}");

    public async Task<AwsAnswer> SendAsync(HttpMethod method, string path, JsonObject? body, string region, string service, string? target, string? authorization = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.TryAddWithoutValidation("Authorization", authorization ?? Authorization(region, service));
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        if (body is not null || target is not null)
        {
            request.Content = new StringContent((body ?? []).ToJsonString(), Encoding.UTF8, target is null ? "application/json" : "application/x-amz-json-1.0");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text)!.AsObject();
        string? code = null;
        if (response.Headers.TryGetValues("x-amzn-ErrorType", out var types))
        {
            code = types.First().Split(':')[0];
        }
        else if (json["__type"]?.GetValue<string>() is { } type)
        {
            code = type[(type.IndexOf('#', StringComparison.Ordinal) + 1)..];
        }

        return new AwsAnswer(response.StatusCode, code, json);
    }

    public async Task<JsonNode?> Admin(HttpMethod method, string path, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, "_emulator/" + path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"admin {method} {path}: {(int)response.StatusCode} {text}");
        return string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);
    }

    public void Dispose() => http.Dispose();
}
