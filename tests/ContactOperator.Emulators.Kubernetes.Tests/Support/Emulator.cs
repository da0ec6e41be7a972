using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Tests.Support;

/// <summary>One emulator instance per test plus a raw HTTP client that speaks JSON to it.</summary>
public sealed class Emulator : IAsyncDisposable
{
    public const string WidgetsPath = "/apis/test.contact-operator.io/v1/namespaces/default/widgets";

    private Emulator(KubernetesApiServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public KubernetesApiServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<Emulator> StartAsync(TimeProvider? time = null, int historyCapacity = 10_000)
    {
        var server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions
        {
            TimeProvider = time ?? TimeProvider.System,
            WatchHistoryCapacity = historyCapacity,
        });
        return new Emulator(server);
    }

    public static async Task<Emulator> StartWithWidgetsAsync(TimeProvider? time = null, int historyCapacity = 10_000)
    {
        var emulator = await StartAsync(time, historyCapacity);
        await emulator.ExpectAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", TestData.WidgetCrd(), HttpStatusCode.Created);
        return emulator;
    }

    public async Task<Response> SendAsync(HttpMethod method, string path, JsonNode? body = null, string contentType = "application/json",
        string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var warnings = response.Headers.TryGetValues("Warning", out var values) ? values.ToList() : [];
        return new Response(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), warnings,
            response.Content.Headers.ContentType?.ToString() ?? "");
    }

    public async Task<JsonObject> ExpectAsync(HttpMethod method, string path, JsonNode? body, HttpStatusCode expected,
        string contentType = "application/json", string? accept = null)
    {
        var response = await SendAsync(method, path, body, contentType, accept);
        Assert.True(response.Status == expected, $"{method} {path}: expected {(int)expected} but got {(int)response.Status}: {response.Body?.ToJsonString()}");
        return response.Body!.AsObject();
    }

    public Task<JsonObject> CreateWidgetAsync(string name, string color = "red", string region = "eu-west-1", JsonObject? extraSpec = null)
    {
        var widget = TestData.Widget(name, color, region);
        if (extraSpec is not null)
        {
            foreach (var (key, value) in extraSpec)
            {
                widget["spec"]![key] = value?.DeepClone();
            }
        }
        return ExpectAsync(HttpMethod.Post, WidgetsPath, widget, HttpStatusCode.Created);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

public sealed record Response(HttpStatusCode Status, JsonNode? Body, IReadOnlyList<string> Warnings, string ContentType)
{
    public string? Reason => Body?["reason"]?.GetValue<string>();

    public string? Message => Body?["message"]?.GetValue<string>();
}
