using System.Text.Json.Serialization;

namespace ContactOperator.Incidents;

/// <summary>The body Alertmanager's webhook receiver posts (version 4).</summary>
public sealed record AlertmanagerNotification
{
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("groupKey")]
    public required string GroupKey { get; init; }

    /// <summary>firing or resolved: resolved only when every alert of the group has resolved.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("receiver")]
    public string? Receiver { get; init; }

    [JsonPropertyName("groupLabels")]
    public IReadOnlyDictionary<string, string>? GroupLabels { get; init; }

    [JsonPropertyName("commonLabels")]
    public IReadOnlyDictionary<string, string>? CommonLabels { get; init; }

    [JsonPropertyName("commonAnnotations")]
    public IReadOnlyDictionary<string, string>? CommonAnnotations { get; init; }

    [JsonPropertyName("externalURL")]
    public string? ExternalUrl { get; init; }

    [JsonPropertyName("alerts")]
    public IReadOnlyList<AlertmanagerAlert> Alerts { get; init; } = [];
}

public sealed record AlertmanagerAlert
{
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("startsAt")]
    public DateTimeOffset StartsAt { get; init; }

    [JsonPropertyName("endsAt")]
    public DateTimeOffset? EndsAt { get; init; }

    [JsonPropertyName("generatorURL")]
    public string? GeneratorUrl { get; init; }

    [JsonPropertyName("fingerprint")]
    public string? Fingerprint { get; init; }
}
