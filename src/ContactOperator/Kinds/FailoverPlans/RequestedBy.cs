using System.Text.Json;
using k8s.Models;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>Who asked for a move: the requested-by annotation (set by the admission webhook), else the field manager of spec.activeRegion.</summary>
public static class RequestedBy
{
    public const string Annotation = Admission.RequestedByAnnotation.Name;

    public static string? Of(V1ObjectMeta metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.Annotations?.TryGetValue(Annotation, out var user) == true && !string.IsNullOrWhiteSpace(user))
        {
            return user;
        }
        return metadata.ManagedFields?
            .Where(OwnsActiveRegion)
            .OrderByDescending(m => m.Time ?? DateTime.MinValue)
            .Select(m => m.Manager)
            .FirstOrDefault();
    }

    private static bool OwnsActiveRegion(V1ManagedFieldsEntry entry)
    {
        if (entry.FieldsV1 is not JsonElement json || entry.Subresource is { Length: > 0 })
        {
            return false;
        }
        return json.ValueKind == JsonValueKind.Object
            && json.TryGetProperty("f:spec", out var spec) && spec.ValueKind == JsonValueKind.Object
            && spec.TryGetProperty("f:activeRegion", out _);
    }
}
