using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Storage;

namespace ContactOperator.Emulators.Kubernetes.Admission;

/// <summary>What an admission step needs to know about one write.</summary>
internal sealed record AdmissionRequest(
    ResourceType Type,
    string Operation,
    string? Subresource,
    string Name,
    string Namespace,
    JsonObject? Object,
    JsonObject? OldObject,
    bool DryRun,
    WriteOptions Options);

/// <summary>Mutating then validating admission (webhooks). Mutation returns the (possibly patched) object.</summary>
internal interface IAdmissionChain
{
    Task<JsonObject?> MutateAsync(AdmissionRequest request, CancellationToken cancellationToken);

    Task ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken);
}
