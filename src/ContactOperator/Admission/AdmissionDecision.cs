using System.Text;
using System.Text.Json.Nodes;

namespace ContactOperator.Admission;

/// <summary>A webhook's answer to one request: allowed or denied (with the message kubectl prints), warnings, a JSONPatch.</summary>
public sealed record AdmissionDecision(bool Allowed, int Code, string? Reason, string? Message, IReadOnlyList<string> Warnings, JsonArray? Patch = null)
{
    public static AdmissionDecision Allow(IReadOnlyList<string>? warnings = null) => new(true, 200, null, null, warnings ?? []);

    /// <summary>Refuses with 403 Forbidden, as controller-runtime's <c>admission.Denied</c> does; kubectl prints the message after the webhook's name.</summary>
    public static AdmissionDecision Deny(IReadOnlyList<string> problems, IReadOnlyList<string>? warnings = null) =>
        new(false, 403, "Forbidden", string.Join("; ", problems), warnings ?? []);

    /// <summary>Refuses an object that cannot be read as its kind.</summary>
    public static AdmissionDecision Unreadable(string message) => new(false, 400, "BadRequest", message, []);

    /// <summary>The AdmissionReview response document for request <paramref name="uid"/>.</summary>
    public JsonObject ToReview(string uid)
    {
        var response = new JsonObject { ["uid"] = uid, ["allowed"] = Allowed };
        if (!Allowed)
        {
            response["status"] = new JsonObject { ["code"] = Code, ["reason"] = Reason, ["message"] = Message };
        }
        if (Warnings.Count > 0)
        {
            response["warnings"] = new JsonArray(Warnings.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray());
        }
        if (Patch is { Count: > 0 })
        {
            response["patchType"] = "JSONPatch";
            response["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Patch.ToJsonString()));
        }
        return new JsonObject { ["apiVersion"] = AdmissionReviewReader.ApiVersion, ["kind"] = "AdmissionReview", ["response"] = response };
    }
}
