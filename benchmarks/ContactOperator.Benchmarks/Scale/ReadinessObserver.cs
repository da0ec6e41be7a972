using System.Text.Json;
using k8s;

namespace ContactOperator.Benchmarks.Scale;

/// <summary>The Ready condition of one object as last listed (status null = no Ready condition yet).</summary>
public sealed record ReadyState(ScaleKind Kind, string Name, string? Status, string? Reason, string? Message)
{
    /// <summary>The Ready reason for a create AWS refused because a resource quota is reached (issue 9).</summary>
    public const string QuotaReason = "AwsQuotaExceeded";

    public bool IsReady => Status == "True";

    public bool IsQuotaExceeded => Status == "False" && Reason == QuotaReason;
}

/// <summary>Lists the operator's kinds through the Kubernetes API and reads each object's Ready condition.</summary>
public sealed class ReadinessObserver(IKubernetes kubernetes, string @namespace)
{
    public async Task<IReadOnlyList<ReadyState>> SnapshotAsync(CancellationToken cancellationToken)
    {
        var states = new List<ReadyState>();
        foreach (var kind in ScaleKind.All)
        {
            var list = await kubernetes.CustomObjects.ListNamespacedCustomObjectAsync(
                ScaleKind.Group, ScaleKind.Version, @namespace, kind.Plural, cancellationToken: cancellationToken);
            var items = ((JsonElement)list).GetProperty("items");
            foreach (var item in items.EnumerateArray())
            {
                states.Add(Read(kind, item));
            }
        }
        return states;
    }

    private static ReadyState Read(ScaleKind kind, JsonElement item)
    {
        var name = item.GetProperty("metadata").GetProperty("name").GetString()!;
        if (item.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out var conditions)
            && conditions.ValueKind == JsonValueKind.Array)
        {
            foreach (var condition in conditions.EnumerateArray())
            {
                if (condition.TryGetProperty("type", out var type) && type.GetString() == "Ready")
                {
                    return new ReadyState(kind, name, Text(condition, "status"), Text(condition, "reason"), Text(condition, "message"));
                }
            }
        }
        return new ReadyState(kind, name, null, null, null);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
