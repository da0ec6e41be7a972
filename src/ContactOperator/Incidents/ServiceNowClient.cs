using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContactOperator.Incidents;

/// <summary>An incident as the bridge sees it.</summary>
public sealed record ServiceNowIncident(string SysId, string Number, string State);

/// <summary>ServiceNow credentials: "user:password" (basic authentication) or a bearer token. Never logged.</summary>
public sealed class ServiceNowCredentials
{
    private readonly string secret;

    public ServiceNowCredentials(string secret) => this.secret = (secret ?? throw new ArgumentNullException(nameof(secret))).Trim();

    public AuthenticationHeaderValue Header => secret.Contains(':', StringComparison.Ordinal)
        ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)))
        : new AuthenticationHeaderValue("Bearer", secret);

    public override string ToString() => "ServiceNowCredentials(redacted)";
}

/// <summary>A ServiceNow answer the bridge could not use (after retries for the retryable ones).</summary>
public sealed class ServiceNowException(string message, HttpStatusCode? status = null) : Exception(message)
{
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>
/// The incident table of ServiceNow's Table API (<c>/api/now/table/incident</c>). Reads and updates are retried on
/// 429, 5xx and network errors with exponential backoff; a create is never blindly repeated: before each retry it
/// looks the incident up by its correlation id, so a create whose answer was lost does not make a second incident.
/// </summary>
public sealed class ServiceNowClient(HttpClient http, Uri instanceUrl, ServiceNowCredentials credentials, TimeProvider time, int maxAttempts = 5)
{
    /// <summary>ServiceNow incident states: 6 Resolved, 7 Closed, 8 Canceled.</summary>
    public const string ResolvedState = "6";

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);

    /// <summary>The open (not resolved, closed or canceled) incident with this correlation id, if any.</summary>
    public async Task<ServiceNowIncident?> FindOpenAsync(string correlationId, CancellationToken cancellationToken)
    {
        var query = Uri.EscapeDataString($"correlation_id={correlationId}^stateNOT IN6,7,8");
        var body = await SendWithRetryAsync(
            () => new HttpRequestMessage(HttpMethod.Get, Table($"?sysparm_query={query}&sysparm_fields=sys_id,number,state&sysparm_limit=1")), cancellationToken);
        return body?["result"] is JsonArray { Count: > 0 } results ? Incident(results[0]) : null;
    }

    /// <summary>Creates an incident unless one with the correlation id appears while retrying.</summary>
    public async Task<ServiceNowIncident> CreateAsync(string correlationId, JsonObject fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields["correlation_id"] = correlationId;
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1 && await FindOpenAsync(correlationId, cancellationToken) is { } existing)
            {
                return existing;
            }
            try
            {
                var body = await SendOnceAsync(() => Json(HttpMethod.Post, Table(""), fields), cancellationToken);
                return Incident(body?["result"]) ?? throw new ServiceNowException("ServiceNow created an incident but returned no sys_id");
            }
            catch (Exception e) when (Retryable(e) && attempt < maxAttempts)
            {
                await Task.Delay(Backoff(attempt), time, cancellationToken);
            }
        }
    }

    public async Task UpdateAsync(string sysId, JsonObject fields, CancellationToken cancellationToken) =>
        await SendWithRetryAsync(() => Json(HttpMethod.Patch, Table("/" + Uri.EscapeDataString(sysId)), fields), cancellationToken);

    private Uri Table(string rest) => new(instanceUrl, "api/now/table/incident" + rest);

    private static HttpRequestMessage Json(HttpMethod method, Uri uri, JsonObject body) =>
        new(method, uri) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    private async Task<JsonNode?> SendWithRetryAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(request, cancellationToken);
            }
            catch (Exception e) when (Retryable(e) && attempt < maxAttempts)
            {
                await Task.Delay(Backoff(attempt), time, cancellationToken);
            }
        }
    }

    private async Task<JsonNode?> SendOnceAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        using var request = build();
        request.Headers.Authorization = credentials.Header;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ServiceNowException($"ServiceNow answered {(int)response.StatusCode} {response.ReasonPhrase} to {request.Method} {request.RequestUri?.AbsolutePath}", response.StatusCode);
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw new ServiceNowException($"ServiceNow answered {request.Method} {request.RequestUri?.AbsolutePath} with a body that is not JSON");
        }
    }

    private static bool Retryable(Exception e) => e switch
    {
        ServiceNowException { Status: { } status } => status == HttpStatusCode.TooManyRequests || (int)status >= 500,
        HttpRequestException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    private static TimeSpan Backoff(int attempt) => FirstBackoff * Math.Pow(2, attempt - 1);

    private static ServiceNowIncident? Incident(JsonNode? node) =>
        node?["sys_id"]?.GetValue<string>() is { Length: > 0 } sysId
            ? new ServiceNowIncident(sysId, node["number"]?.GetValue<string>() ?? "", node["state"]?.GetValue<string>() ?? "")
            : null;
}
