using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContactOperator.Admission;

/// <summary>The parts of an <c>admission.k8s.io/v1</c> AdmissionReview request the webhooks read.</summary>
public sealed record AdmissionReviewRequest(
    string Uid,
    string Group,
    string Kind,
    string Operation,
    string? SubResource,
    string Namespace,
    string Name,
    string Username,
    JsonObject? NewObject,
    JsonObject? OldObject);

/// <summary>Reads an AdmissionReview body; anything that is not one is refused with a reason (HTTP 400), never an exception.</summary>
public static class AdmissionReviewReader
{
    public const string ApiVersion = "admission.k8s.io/v1";

    public static AdmissionReviewRequest? TryRead(ReadOnlySpan<byte> body, out string error)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            error = $"the body is not JSON: {e.Message}";
            return null;
        }
        if (root is not JsonObject review)
        {
            error = "the body is not a JSON object";
            return null;
        }
        if (Text(review, "apiVersion") != ApiVersion || Text(review, "kind") != "AdmissionReview")
        {
            error = $"expected apiVersion {ApiVersion} and kind AdmissionReview";
            return null;
        }
        if (review["request"] is not JsonObject request)
        {
            error = "the AdmissionReview has no request";
            return null;
        }
        if (Text(request, "uid") is not { Length: > 0 } uid)
        {
            error = "request.uid is missing";
            return null;
        }
        if (request["kind"] is not JsonObject kind || Text(kind, "kind") is not { Length: > 0 } kindName)
        {
            error = "request.kind.kind is missing";
            return null;
        }
        if (Text(request, "operation") is not { Length: > 0 } operation)
        {
            error = "request.operation is missing";
            return null;
        }
        if (request["object"] is not (null or JsonObject) || request["oldObject"] is not (null or JsonObject))
        {
            error = "request.object and request.oldObject must be objects";
            return null;
        }
        error = "";
        return new AdmissionReviewRequest(
            uid,
            Text(kind, "group") ?? "",
            kindName,
            operation,
            Text(request, "subResource"),
            Text(request, "namespace") ?? "",
            Text(request, "name") ?? "",
            Text(request["userInfo"] as JsonObject, "username") ?? "",
            request["object"] as JsonObject,
            request["oldObject"] as JsonObject);
    }

    /// <summary>A string member, or null when absent or of another type.</summary>
    public static string? Text(JsonObject? parent, string name) =>
        parent?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
