using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace ContactOperator.Aws.Core;

/// <summary>
/// What a request marshaller produces: the model's method and URI template, the values of the URI labels,
/// query parameters, headers and an optional JSON body. The runtime turns it into a signed HTTP request.
/// </summary>
internal sealed class AwsRequestBuilder
{
    private readonly Dictionary<string, string> _pathLabels = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _query = [];
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    public AwsRequestBuilder(string httpMethod, string uriTemplate)
    {
        HttpMethod = httpMethod;
        UriTemplate = uriTemplate;
    }

    public string HttpMethod { get; }

    public string UriTemplate { get; }

    public IReadOnlyDictionary<string, string> PathLabels => _pathLabels;

    public IReadOnlyList<KeyValuePair<string, string>> Query => _query;

    public IReadOnlyDictionary<string, string> Headers => _headers;

    public byte[]? Body { get; private set; }

    public string? ContentType { get; private set; }

    public void SetPathLabel(string label, string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"URI member '{label}' must not be empty.", label);
        }

        _pathLabels[label] = value;
    }

    public void AddQuery(string name, string? value)
    {
        if (value is not null)
        {
            _query.Add(new(name, value));
        }
    }

    public void AddQuery(string name, int? value) => AddQuery(name, value?.ToString(CultureInfo.InvariantCulture));

    public void AddQuery(string name, long? value) => AddQuery(name, value?.ToString(CultureInfo.InvariantCulture));

    public void AddQuery(string name, bool? value) => AddQuery(name, value is null ? null : value.Value ? "true" : "false");

    public void AddQuery(string name, DateTimeOffset? value) =>
        AddQuery(name, value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    public void AddQuery(string name, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return;
        }

        foreach (var value in values)
        {
            _query.Add(new(name, value));
        }
    }

    public void SetHeader(string name, string value) => _headers[name] = value;

    /// <summary>Writes the JSON body with <paramref name="write"/> (which writes one complete JSON value).</summary>
    public void SetJsonBody(string contentType, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        Body = buffer.WrittenSpan.ToArray();
        ContentType = contentType;
    }
}
