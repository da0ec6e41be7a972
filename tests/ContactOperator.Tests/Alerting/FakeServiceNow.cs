using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Tests.Alerting;

/// <summary>
/// A ServiceNow-compatible incident table: GET (sysparm_query with field=value and fieldNOT INa,b), POST and PATCH on
/// /api/now/table/incident, behind one Authorization header, with injectable failures (including a create that is
/// stored but answered 503, as when the answer is lost).
/// </summary>
public sealed class FakeServiceNow : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string authorization;
    private readonly ConcurrentQueue<HttpStatusCode> failNext = new();
    private int loseNextCreateAnswers;
    private int number;

    private FakeServiceNow(WebApplication app, string authorization)
    {
        this.app = app;
        this.authorization = authorization;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Incidents by sys_id.</summary>
    public ConcurrentDictionary<string, JsonObject> Incidents { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FakeServiceNow> StartAsync(string authorization)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeServiceNow(app, authorization);
        app.MapGet("/api/now/table/incident", fake.Query);
        app.MapPost("/api/now/table/incident", (Delegate)fake.CreateAsync);
        app.MapMethods("/api/now/table/incident/{sysId}", ["PATCH"], fake.UpdateAsync);
        await app.StartAsync();
        fake.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return fake;
    }

    /// <summary>The next requests are answered with these statuses (and do nothing).</summary>
    public void FailNext(params HttpStatusCode[] statuses)
    {
        foreach (var status in statuses)
        {
            failNext.Enqueue(status);
        }
    }

    /// <summary>The next create is stored but answered 503, as if the answer were lost.</summary>
    public void LoseNextCreateAnswer() => Interlocked.Increment(ref loseNextCreateAnswers);

    public JsonObject ByCorrelation(string correlationId) => Incidents.Values.Single(i => (string?)i["correlation_id"] == correlationId);

    private IResult? Refuse(HttpContext context, string what)
    {
        Requests.Enqueue(what);
        if (context.Request.Headers.Authorization.ToString() != authorization)
        {
            return Results.Unauthorized();
        }
        return failNext.TryDequeue(out var status) ? Results.StatusCode((int)status) : null;
    }

    private IResult Query(HttpContext context)
    {
        if (Refuse(context, "GET") is { } refused)
        {
            return refused;
        }
        var conditions = (context.Request.Query["sysparm_query"].ToString()).Split('^', StringSplitOptions.RemoveEmptyEntries);
        var matches = Incidents.Values.Where(i => conditions.All(c => Matches(i, c))).OrderBy(i => (string?)i["number"], StringComparer.Ordinal);
        var limit = int.TryParse(context.Request.Query["sysparm_limit"], out var l) ? l : int.MaxValue;
        return Results.Json(new JsonObject { ["result"] = new JsonArray([.. matches.Take(limit).Select(i => (JsonNode)i.DeepClone())]) });
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        if (Refuse(context, "POST") is { } refused)
        {
            return refused;
        }
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var sysId = Guid.NewGuid().ToString("N");
        body["sys_id"] = sysId;
        body["number"] = $"INC{Interlocked.Increment(ref number):D7}";
        body["state"] = "1";
        body["work_notes_journal"] = new JsonArray();
        Incidents[sysId] = body;
        if (Interlocked.Exchange(ref loseNextCreateAnswers, 0) > 0)
        {
            return Results.StatusCode(503);
        }
        return Results.Json(new JsonObject { ["result"] = body.DeepClone() }, statusCode: 201);
    }

    private async Task<IResult> UpdateAsync(HttpContext context, string sysId)
    {
        if (Refuse(context, "PATCH") is { } refused)
        {
            return refused;
        }
        if (!Incidents.TryGetValue(sysId, out var incident))
        {
            return Results.NotFound();
        }
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        lock (incident)
        {
            foreach (var (key, value) in body)
            {
                if (key == "work_notes")
                {
                    incident["work_notes_journal"]!.AsArray().Add(value?.DeepClone());
                }
                else
                {
                    incident[key] = value?.DeepClone();
                }
            }
        }
        return Results.Json(new JsonObject { ["result"] = incident.DeepClone() });
    }

    private static bool Matches(JsonObject incident, string condition)
    {
        var notIn = condition.IndexOf("NOT IN", StringComparison.Ordinal);
        if (notIn > 0)
        {
            var values = condition[(notIn + "NOT IN".Length)..].Split(',');
            return !values.Contains((string?)incident[condition[..notIn]]);
        }
        var equals = condition.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && (string?)incident[condition[..equals]] == condition[(equals + 1)..];
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Sends the bridge's calls for https://SERVICENOW-HOST/ to the fake instead.</summary>
public sealed class RedirectHandler(Uri target) : DelegatingHandler(new HttpClientHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
