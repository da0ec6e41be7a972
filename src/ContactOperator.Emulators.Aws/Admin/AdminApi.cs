using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Faults;
using ContactOperator.Emulators.Aws.Json;
using Microsoft.AspNetCore.Http;

namespace ContactOperator.Emulators.Aws.Admin;

/// <summary>
/// The control surface over HTTP under <c>/_emulator/</c> (no SigV4), for tests in other processes:
/// <list type="bullet">
/// <item>GET /_emulator/requests, DELETE /_emulator/requests — request log</item>
/// <item>GET /_emulator/counters — calls per service/Operation</item>
/// <item>GET /_emulator/operations — emulated operations with method and URI</item>
/// <item>GET /_emulator/state — readable snapshot of all emulated state</item>
/// <item>GET|POST|DELETE /_emulator/faults, DELETE /_emulator/faults/{id} — fault rules</item>
/// <item>GET|PUT /_emulator/quotas {"enforce":bool}; DELETE /_emulator/quotas/buckets — rate limits</item>
/// <item>PUT|DELETE /_emulator/arc/outages/{clusterIdOrArn}/{index} {"mode":"Unavailable|ConnectionReset|Blackhole"}; DELETE /_emulator/arc/outages</item>
/// <item>PUT /_emulator/connect/load/{region}/{instanceId}/{queueId} {QueueLoad members}; DELETE /_emulator/connect/load</item>
/// <item>POST /_emulator/invoke {"service","region","operation","input"} — out-of-band call (console drift)</item>
/// </list>
/// </summary>
internal sealed class AdminApi(AwsEmulatorControl control)
{
    public async Task HandleAsync(HttpContext http, IReadOnlyList<string> path, IReadOnlyDictionary<string, List<string>> query)
    {
        _ = query;
        try
        {
            var method = http.Request.Method;
            var head = path.Count > 0 ? path[0] : string.Empty;
            var route = head is "arc" or "connect" or "quotas" && path.Count > 1 ? $"{head}/{path[1]}" : head;
            JsonNode? result = (route, method) switch
            {
                ("requests", "GET") => Requests(),
                ("requests", "DELETE") => Done(control.ClearRequestLog),
                ("counters", "GET") => Counters(),
                ("operations", "GET") => Operations(),
                ("state", "GET") => control.DumpState(),
                ("faults", "GET") => Faults(),
                ("faults", "POST") => new JsonObject { ["id"] = control.InjectFault(ParseFault(await ReadAsync(http).ConfigureAwait(false))) },
                ("faults", "DELETE") when path.Count == 2 => new JsonObject { ["removed"] = control.RemoveFault(path[1]) },
                ("faults", "DELETE") => Done(control.ClearFaults),
                ("quotas", "GET") => new JsonObject { ["enforce"] = control.EnforceQuotas },
                ("quotas", "PUT") => SetQuotas(await ReadAsync(http).ConfigureAwait(false)),
                ("quotas/buckets", "DELETE") => Done(control.ResetRateLimits),
                ("arc/outages", "PUT") when path.Count == 4 => TakeDown(path[2], path[3], await ReadAsync(http).ConfigureAwait(false)),
                ("arc/outages", "DELETE") when path.Count == 4 => Done(() => control.RestoreArcEndpoint(path[2], ParseIndex(path[3]))),
                ("arc/outages", "DELETE") => Done(control.RestoreAllArcEndpoints),
                ("connect/load", "PUT") when path.Count == 5 => SetLoad(path[2], path[3], path[4], await ReadAsync(http).ConfigureAwait(false)),
                ("connect/load", "DELETE") => Done(control.ClearQueueLoads),
                ("invoke", "POST") => Invoke(await ReadAsync(http).ConfigureAwait(false)),
                _ => null,
            };
            if (result is null)
            {
                await WriteAsync(http, 404, new JsonObject { ["message"] = $"no admin route {method} /_emulator/{string.Join('/', path)}" }).ConfigureAwait(false);
                return;
            }

            await WriteAsync(http, 200, result).ConfigureAwait(false);
        }
        catch (AwsEmulatorCallException e)
        {
            await WriteAsync(http, e.StatusCode, new JsonObject { ["errorCode"] = e.ErrorCode, ["message"] = e.Message }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            await WriteAsync(http, 400, new JsonObject { ["message"] = e.Message }).ConfigureAwait(false);
        }
    }

    private JsonArray Requests() => new([.. control.RequestLog.Select(e => (JsonNode)new JsonObject
    {
        ["time"] = e.Time.ToString("O", CultureInfo.InvariantCulture),
        ["service"] = e.Service,
        ["region"] = e.Region,
        ["operation"] = e.Operation,
        ["statusCode"] = e.StatusCode,
        ["errorCode"] = e.ErrorCode,
        ["arcEndpoint"] = e.ArcEndpoint is null ? null : $"{e.ArcEndpoint.ClusterId}/{e.ArcEndpoint.Index}",
        ["accessKeyId"] = e.AccessKeyId,
    })]);

    private JsonArray Operations() => new([.. control.EmulatedOperations.Select(o => (JsonNode)new JsonObject
    {
        ["service"] = o.Service,
        ["operation"] = o.Operation,
        ["method"] = o.Method,
        ["requestUri"] = o.RequestUri,
    })]);

    private JsonObject Counters()
    {
        var json = new JsonObject();
        foreach (var (key, count) in control.CountsByOperation().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json[key] = count;
        }

        return json;
    }

    private JsonArray Faults() => new([.. control.ActiveFaults.Select(f => (JsonNode)new JsonObject
    {
        ["id"] = f.Id,
        ["service"] = f.Rule.Service,
        ["operation"] = f.Rule.Operation,
        ["region"] = f.Rule.Region,
        ["errorCode"] = f.Rule.ErrorCode,
        ["statusCode"] = f.Rule.StatusCode,
        ["probability"] = f.Rule.Probability,
        ["count"] = f.Rule.Count,
        ["latencyMs"] = f.Rule.Latency.TotalMilliseconds,
    })]);

    private static FaultRule ParseFault(JsonObject body) => new()
    {
        Service = body.Str("service"),
        Operation = body.Str("operation"),
        Region = body.Str("region"),
        ErrorCode = body.Str("errorCode"),
        StatusCode = body.Int("statusCode"),
        Message = body.Str("message"),
        Probability = body.Double("probability") ?? 1.0,
        Count = body.Int("count"),
        Latency = TimeSpan.FromMilliseconds(body.Double("latencyMs") ?? 0),
    };

    private JsonObject SetQuotas(JsonObject body)
    {
        control.EnforceQuotas = body.Bool("enforce") ?? throw new ArgumentException("body must be {\"enforce\": true|false}");
        return new JsonObject { ["enforce"] = control.EnforceQuotas };
    }

    private JsonObject TakeDown(string cluster, string index, JsonObject body)
    {
        var mode = Enum.Parse<ArcEndpointOutageMode>(body.Str("mode") ?? nameof(ArcEndpointOutageMode.Unavailable), ignoreCase: true);
        control.TakeArcEndpointDown(cluster, ParseIndex(index), mode);
        return new JsonObject { ["cluster"] = cluster, ["index"] = ParseIndex(index), ["mode"] = mode.ToString() };
    }

    private JsonObject SetLoad(string region, string instanceId, string queueId, JsonObject body)
    {
        var historical = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in body.Obj("Historical") ?? [])
        {
            historical[key] = Json.JsonNumbers.TryGetDouble(value, out var number) ? number : throw new ArgumentException($"Historical.{key} must be a number");
        }

        var load = new QueueLoad
        {
            ContactsInQueue = body.Int("ContactsInQueue") ?? 0,
            ContactsScheduled = body.Int("ContactsScheduled") ?? 0,
            OldestContactAge = TimeSpan.FromSeconds(body.Double("OldestContactAgeSeconds") ?? 0),
            AgentsOnline = body.Int("AgentsOnline") ?? 0,
            AgentsAvailable = body.Int("AgentsAvailable") ?? 0,
            AgentsOnCall = body.Int("AgentsOnCall") ?? 0,
            AgentsOnContact = body.Int("AgentsOnContact") ?? 0,
            AgentsNonProductive = body.Int("AgentsNonProductive") ?? 0,
            AgentsAfterContactWork = body.Int("AgentsAfterContactWork") ?? 0,
            AgentsError = body.Int("AgentsError") ?? 0,
            AgentsStaffed = body.Int("AgentsStaffed") ?? 0,
            SlotsActive = body.Int("SlotsActive") ?? 0,
            SlotsAvailable = body.Int("SlotsAvailable") ?? 0,
            EstimatedWaitTime = TimeSpan.FromSeconds(body.Double("EstimatedWaitTimeSeconds") ?? 0),
            Historical = historical,
        };
        control.SetQueueLoad(region, instanceId, queueId, load);
        return [];
    }

    private JsonObject Invoke(JsonObject body) => control.InvokeOutOfBand(
        body.Str("service") ?? throw new ArgumentException("service is required"),
        body.Str("region") ?? throw new ArgumentException("region is required"),
        body.Str("operation") ?? throw new ArgumentException("operation is required"),
        body.Obj("input")?.DeepClone().AsObject() ?? []);

    private static int ParseIndex(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : throw new ArgumentException($"endpoint index '{value}' is not a number");

    private static JsonObject Done(Action action)
    {
        action();
        return [];
    }

    private static async Task<JsonObject> ReadAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject ?? throw new ArgumentException("body must be a JSON object");
    }

    private static async Task WriteAsync(HttpContext http, int status, JsonNode body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted).ConfigureAwait(false);
    }
}
