using System.Text.Json;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Faults;
using ContactOperator.Emulators.Aws.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ContactOperator.Emulators.Aws.Http;

/// <summary>
/// One AWS call end to end: ARC endpoint outages, SigV4 scope, operation match, input binding and
/// validation, injected faults, rate limits, the handler (under the state lock), the wire answer and the log.
/// </summary>
internal sealed class RequestPipeline(
    AwsEmulatorControl control,
    IReadOnlyDictionary<string, ServiceDefinition> services,
    Admin.AdminApi admin,
    CancellationToken shutdown)
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public async Task HandleAsync(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var target = RequestTarget.Parse(string.IsNullOrEmpty(raw) ? http.Request.Path + http.Request.QueryString : raw);
        var segments = target.Segments;
        if (segments.Count > 0 && segments[0] == "_emulator")
        {
            await admin.HandleAsync(http, [.. segments.Skip(1)], target.Query).ConfigureAwait(false);
            return;
        }

        ArcEndpointAddress? arcEndpoint = null;
        if (segments.Count >= 3 && segments[0] == "_arc" && int.TryParse(segments[2], out var index))
        {
            arcEndpoint = new ArcEndpointAddress(segments[1], index);
            segments = [.. segments.Skip(3)];
        }

        var time = control.TimeProvider;
        var started = time.GetUtcNow();
        var log = new LogFields();
        ServiceDefinition? service = null;
        JsonObject? output = null;
        AwsErrorException? failure = null;
        ArcEndpointOutageMode? dropped = null;
        try
        {
            if (arcEndpoint is not null && control.ArcOutage(arcEndpoint) is { } outage)
            {
                if (outage == ArcEndpointOutageMode.Unavailable)
                {
                    throw new AwsErrorException("EndpointTemporarilyUnavailableException", "The cluster endpoint isn't available. Try another cluster endpoint.");
                }

                dropped = outage;
            }
            else
            {
                output = await ExecuteAsync(http, target, segments, arcEndpoint, log, s => service = s).ConfigureAwait(false);
            }
        }
        catch (AwsErrorException error)
        {
            failure = error;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested || shutdown.IsCancellationRequested)
        {
            log.Error = "ClientClosedRequest";
        }
#pragma warning disable CA1031 // a bug in a handler must reach the client as the service's 500, not a dropped connection
        catch (Exception unexpected)
#pragma warning restore CA1031
        {
            var code = service?.Model.ErrorNamespace == "com.amazonaws.connect" ? "InternalServiceException" : "InternalServerException";
            failure = new AwsErrorException(code, $"Emulator failure in {log.Operation}: {unexpected.GetType().Name}: {unexpected.Message}");
        }

        // The log entry exists before the client can see the answer, so tests may assert on it right away.
        control.Record(new AwsRequestLogEntry(
            started, log.Service, log.Region, log.Operation,
            output is not null ? 200 : failure?.StatusCode ?? 0,
            output is not null ? null : failure?.ErrorCode ?? dropped?.ToString() ?? log.Error,
            arcEndpoint, log.AccessKeyId)
        {
            Duration = time.GetUtcNow() - started,
        });

        if (dropped is { } mode)
        {
            await DropAsync(http, mode).ConfigureAwait(false);
        }
        else if (output is not null)
        {
            if (log.HoldAnswer > TimeSpan.Zero && !await HoldAsync(http, log.HoldAnswer).ConfigureAwait(false))
            {
                return; // the client gave up: the call took effect and its answer is lost
            }
            await WriteAsync(http, 200, service!, output).ConfigureAwait(false);
        }
        else if (failure is not null)
        {
            await WriteErrorAsync(http, service, failure).ConfigureAwait(false);
        }
    }

    /// <summary>Waits before answering; false when the client or the emulator gave up meanwhile.</summary>
    private async Task<bool> HoldAsync(HttpContext http, TimeSpan hold)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, shutdown);
        try
        {
            await Task.Delay(hold, control.TimeProvider, linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<JsonObject> ExecuteAsync(
        HttpContext http, RequestTarget target, IReadOnlyList<string> segments, ArcEndpointAddress? arcEndpoint, LogFields log, Action<ServiceDefinition> resolved)
    {
        var scope = SigV4Scope.From(http.Request.Headers.Authorization.ToString(), target.Query);
        log.Service = scope.Service;
        log.Region = scope.Region;
        log.AccessKeyId = scope.AccessKeyId;
        var service = services.GetValueOrDefault(scope.Service)
            ?? throw new AwsErrorException("UnknownOperationException", $"Service '{scope.Service}' (from the credential scope) is not emulated; emulated: {string.Join(", ", services.Keys)}.", statusCode: 400);
        resolved(service);
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        var (operation, labels) = Resolve(http, service, segments, target.Query);
        log.Operation = operation.Name;
        if (arcEndpoint is not null && service.Model.Protocol != WireProtocol.AwsJson10)
        {
            throw new AwsErrorException("UnknownOperationException", "ARC cluster endpoints serve only the route53-recovery-cluster API.", statusCode: 404);
        }

        control.CheckRateLimit(service, operation.Name, scope.Region, arcEndpoint);
        var bindErrors = new List<string>();
        var input = InputBinder.Bind(service.Model, operation, labels, target.Query, name => HeaderValue(http, name), body, bindErrors);
        bindErrors.AddRange(InputValidator.Validate(service.Model, operation.Input, input));
        if (bindErrors.Count > 0)
        {
            throw new AwsErrorException(service.ValidationErrorCode(operation.Name), InputValidator.Describe(bindErrors));
        }

        var (latency, fault, latencyAfter) = control.Faults.Evaluate(service.SigningName, operation.Name, scope.Region);
        if (latency > TimeSpan.Zero)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, shutdown);
            await Task.Delay(latency, control.TimeProvider, linked.Token).ConfigureAwait(false);
        }

        if (fault is not null)
        {
            throw new AwsErrorException(fault.ErrorCode!, fault.Message ?? $"Injected fault: {fault.ErrorCode}", statusCode: fault.StatusCode);
        }

        var output = control.Invoke(service, operation.Name, scope.Region, input, arcEndpoint);
        log.HoldAnswer = latencyAfter;
        var problems = OutputValidator.Validate(service.Model, operation.Output, output);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"output does not match the {service.SigningName} model: {string.Join("; ", problems)}");
        }

        return output;
    }

    private static (OperationModel Operation, IReadOnlyDictionary<string, string> Labels) Resolve(
        HttpContext http, ServiceDefinition service, IReadOnlyList<string> segments, IReadOnlyDictionary<string, List<string>> query)
    {
        if (service.Model.Protocol == WireProtocol.AwsJson10)
        {
            var targetHeader = http.Request.Headers["X-Amz-Target"].ToString();
            var prefix = service.Model.TargetPrefix + ".";
            if (!HttpMethods.IsPost(http.Request.Method) || !targetHeader.StartsWith(prefix, StringComparison.Ordinal)
                || !service.Model.Operations.TryGetValue(targetHeader[prefix.Length..], out var op) || !service.Handlers.ContainsKey(op.Name))
            {
                throw new AwsErrorException("UnknownOperationException", $"Unknown operation '{targetHeader}'.", statusCode: 400);
            }

            return (op, new Dictionary<string, string>());
        }

        var match = service.MatchRest(http.Request.Method, segments, query);
        if (match is null || !service.Handlers.ContainsKey(match.Value.Operation.Name))
        {
            throw new AwsErrorException("UnknownOperationException", $"No emulated {service.SigningName} operation for {http.Request.Method} /{string.Join('/', segments)}.", statusCode: 404);
        }

        return (match.Value.Operation, match.Value.Labels);
    }

    private static string? HeaderValue(HttpContext http, string name) =>
        http.Request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    private static async Task<JsonObject> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray()) as JsonObject
                ?? throw new AwsErrorException("SerializationException", "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new AwsErrorException("SerializationException", $"The request body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>Ends a call on a down ARC endpoint without an answer: at once, or when the client or the emulator gives up.</summary>
    private async Task DropAsync(HttpContext http, ArcEndpointOutageMode mode)
    {
        if (mode == ArcEndpointOutageMode.Blackhole)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, shutdown);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        http.Abort();
    }

    private static async Task WriteAsync(HttpContext http, int status, ServiceDefinition service, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        http.Response.ContentType = service.Model.Protocol == WireProtocol.AwsJson10 ? "application/x-amz-json-1.0" : "application/json";
        await http.Response.WriteAsync(body.ToJsonString(Compact), http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteErrorAsync(HttpContext http, ServiceDefinition? service, AwsErrorException error)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        var jsonProtocol = service?.Model.Protocol == WireProtocol.AwsJson10
            || (service is null && http.Request.Headers.ContainsKey("X-Amz-Target"));
        http.Response.StatusCode = error.StatusCode;
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (error.RetryAfterSeconds is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        JsonObject body;
        if (service is not null)
        {
            body = service.ErrorBody(error);
        }
        else
        {
            // Before the service is known (missing or malformed Authorization), AWS answers from its front door.
            body = jsonProtocol
                ? new JsonObject { ["__type"] = $"com.amazon.coral.service#{error.ErrorCode}", ["message"] = error.Message }
                : new JsonObject { ["message"] = error.Message };
        }

        if (!jsonProtocol)
        {
            var ns = service?.CoralNamespace ?? "com.amazon.coral.service";
            http.Response.Headers["x-amzn-ErrorType"] = $"{error.ErrorCode}:http://internal.amazon.com/coral/{ns}/";
        }

        http.Response.ContentType = jsonProtocol ? "application/x-amz-json-1.0" : "application/json";
        await http.Response.WriteAsync(body.ToJsonString(Compact), http.RequestAborted).ConfigureAwait(false);
    }

    private sealed class LogFields
    {
        public string Service { get; set; } = string.Empty;

        public string Region { get; set; } = string.Empty;

        public string Operation { get; set; } = string.Empty;

        public string AccessKeyId { get; set; } = string.Empty;

        public string? Error { get; set; }

        /// <summary>How long the answer of a call that took effect is held back (a fault rule with AfterEffect).</summary>
        public TimeSpan HoldAnswer { get; set; }
    }
}
