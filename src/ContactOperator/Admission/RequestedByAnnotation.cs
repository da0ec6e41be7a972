using System.Text.Json.Nodes;
using ContactOperator.Api;
using ContactOperator.Api.Kinds;

namespace ContactOperator.Admission;

/// <summary>
/// The mutating webhook: names, in an annotation on a FailoverPlan, the user who last set <c>spec.activeRegion</c>
/// (the API server's <c>userInfo.username</c>), so the failover history can say who asked for a move. Users cannot
/// write the annotation themselves: on any other change it keeps its stored value.
/// </summary>
public static class RequestedByAnnotation
{
    public const string Name = ApiGroup.Name + "/requested-by";

    private const string EscapedPath = "/metadata/annotations/connect.contact-operator.io~1requested-by";

    public static AdmissionDecision Mutate(AdmissionReviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Group != ApiGroup.Name || request.Kind != FailoverPlan.KindName || request.SubResource is not null
            || request.Operation is not ("CREATE" or "UPDATE") || request.NewObject?["metadata"] is not JsonObject metadata)
        {
            return AdmissionDecision.Allow();
        }
        var regionChanged = request.Operation == "CREATE" || ActiveRegion(request.NewObject) != ActiveRegion(request.OldObject);
        var stored = Annotation(request.OldObject?["metadata"] as JsonObject);
        var desired = regionChanged ? (request.Username.Length > 0 ? request.Username : "system:anonymous") : stored;
        var annotations = metadata["annotations"] as JsonObject;
        var current = Annotation(metadata);
        if (desired == current)
        {
            return AdmissionDecision.Allow();
        }
        JsonObject operation = (desired, annotations) switch
        {
            (null, _) => new JsonObject { ["op"] = "remove", ["path"] = EscapedPath },
            (_, null) => new JsonObject { ["op"] = "add", ["path"] = "/metadata/annotations", ["value"] = new JsonObject { [Name] = desired } },
            _ => new JsonObject { ["op"] = "add", ["path"] = EscapedPath, ["value"] = desired },
        };
        return AdmissionDecision.Allow() with { Patch = [operation] };
    }

    private static string? ActiveRegion(JsonObject? obj) => AdmissionReviewReader.Text(obj?["spec"] as JsonObject, "activeRegion");

    private static string? Annotation(JsonObject? metadata) => AdmissionReviewReader.Text(metadata?["annotations"] as JsonObject, Name);
}
