using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Storage;

/// <summary>The body and status code of a successful write.</summary>
internal sealed record WriteResult(JsonObject Body, int StatusCode);
