using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Storage;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Emulators.Kubernetes.Admission;

/// <summary>Calls registered admission webhooks (filled in by the webhook client).</summary>
internal sealed class WebhookAdmission : IAdmissionChain
{
    private readonly ClusterState _state;
    private readonly ILogger _logger;

    public WebhookAdmission(ClusterState state, ILogger logger)
    {
        _state = state;
        _logger = logger;
    }

    public Task<JsonObject?> MutateAsync(AdmissionRequest request, CancellationToken cancellationToken) => Task.FromResult<JsonObject?>(request.Object);

    public Task ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        _ = _state;
        _ = _logger;
        return Task.CompletedTask;
    }
}
