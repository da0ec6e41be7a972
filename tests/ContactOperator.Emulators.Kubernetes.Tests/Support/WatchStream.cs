using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Tests.Support;

/// <summary>A raw watch connection read line by line, the way the C# client reads it.</summary>
public sealed class WatchStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private WatchStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public System.Net.HttpStatusCode Status => _response.StatusCode;

    public string ContentType => _response.Content.Headers.ContentType?.ToString() ?? "";

    public static async Task<WatchStream> OpenAsync(Emulator emulator, string pathAndQuery, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        var response = await emulator.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        return new WatchStream(response, new StreamReader(stream));
    }

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<JsonObject?> NextAsync(int timeoutSeconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var line = await _reader.ReadLineAsync(timeout.Token);
        return line is null ? null : JsonNode.Parse(line)!.AsObject();
    }

    public async Task<List<JsonObject>> NextAsync(int count, int timeoutSeconds)
    {
        var events = new List<JsonObject>();
        for (var i = 0; i < count; i++)
        {
            events.Add(await NextAsync(timeoutSeconds) ?? throw new InvalidOperationException($"stream ended after {i} events"));
        }
        return events;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

public static class WatchEvents
{
    public static string Type(this JsonObject e) => e["type"]!.GetValue<string>();

    public static string Name(this JsonObject e) => e["object"]!["metadata"]!["name"]!.GetValue<string>();

    public static long Rv(this JsonObject e) => long.Parse(e["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    public static long Rv(this JsonObject obj, bool isObject) => long.Parse(obj["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
