using System.Text;
using System.Text.Json;
using ContactOperator.Api.Kinds;
using ContactOperator.Runtime.Caching;
using ContactOperator.Runtime.Observability;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Autorest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Incidents;

/// <summary>Where the incident bridge listens.</summary>
public sealed record IncidentBridgeOptions
{
    public string BindAddress { get; init; } = "0.0.0.0";

    /// <summary>The port (0 = any free port, null = bridge off).</summary>
    public int? Port { get; init; }

    /// <summary>The HTTP handler for ServiceNow calls (a proxy, or a test's redirect); null uses the default.</summary>
    public HttpMessageHandler? ServiceNowHandler { get; init; }
}

/// <summary>
/// Serves <c>POST /alertmanager/servicenow/{namespace}/{policy}</c> for Alertmanager's webhook receiver while this
/// replica leads (one writer to ServiceNow). The policy's ServiceNow settings come from the AlertPolicy cache and
/// its credentials from the Secret it names, read on each notification so a rotated Secret takes effect at once.
/// </summary>
public sealed partial class IncidentBridgeServer : IController
{
    private readonly ResourceInformer<AlertPolicy> policies;
    private readonly IKubernetes kubernetes;
    private readonly IncidentBridgeOptions options;
    private readonly IncidentBridge bridge;
    private readonly IncidentMetrics metrics;
    private readonly ILogger logger;
    private int running;

    /// <summary>The bridge's webhook path for one policy (the AlertmanagerConfig the policy renders points here).</summary>
    public static string PathFor(string @namespace, string policy) => $"/alertmanager/servicenow/{@namespace}/{policy}";

    public IncidentBridgeServer(ResourceInformer<AlertPolicy> policies, IKubernetes kubernetes, HttpClient http, IncidentBridgeOptions options, IncidentMetrics metrics, TimeProvider time, ILogger logger)
    {
        this.policies = policies;
        this.kubernetes = kubernetes;
        this.options = options;
        this.metrics = metrics;
        this.logger = logger;
        bridge = new IncidentBridge(ResolveAsync, t => new ServiceNowClient(http, BaseUrl(t.ServiceNow.InstanceUrl), t.Credentials, time), time, logger);
    }

    public string Name => "incident-bridge";

    public bool IsRunning => Volatile.Read(ref running) == 1;

    public IInformer Informer => policies;

    /// <summary>Where it listens while running.</summary>
    public Uri? Address { get; private set; }

    public async Task RunAsync(CancellationToken stopTakingWork, CancellationToken abort)
    {
        await using var endpoints = await HttpEndpoints.StartAsync(options.BindAddress, options.Port ?? 0, Map, stopTakingWork);
        Address = endpoints.Address;
        Volatile.Write(ref running, 1);
        try
        {
            await Task.Delay(Timeout.Infinite, stopTakingWork);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Volatile.Write(ref running, 0);
        }
    }

    private void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(PathFor("{namespace}", "{policy}"), HandleAsync);

    private async Task<IResult> HandleAsync(string @namespace, string policy, HttpRequest request, CancellationToken cancellationToken)
    {
        AlertmanagerNotification? notification;
        try
        {
            notification = await JsonSerializer.DeserializeAsync<AlertmanagerNotification>(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            metrics.Failed(IncidentMetrics.Invalid);
            return Results.BadRequest($"not an Alertmanager webhook notification: {e.Message}");
        }
        if (notification is null)
        {
            metrics.Failed(IncidentMetrics.Invalid);
            return Results.BadRequest("empty notification");
        }
        try
        {
            var outcome = await bridge.HandleAsync(@namespace, policy, notification, cancellationToken);
            metrics.Handled(outcome);
            return Results.Ok(new { outcome = outcome.ToString() });
        }
        catch (IncidentTargetException e)
        {
            metrics.Failed(IncidentMetrics.Refused);
            LogRefused(logger, @namespace, policy, e.Message);
            return Results.NotFound(e.Message);
        }
        catch (ServiceNowException e)
        {
            // 5xx makes Alertmanager retry the notification later.
            metrics.Failed(IncidentMetrics.ServiceNowError);
            LogServiceNowFailed(logger, @namespace, policy, e.Message);
            return Results.Problem(e.Message, statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private async Task<IncidentTarget> ResolveAsync(string @namespace, string policyName, CancellationToken cancellationToken)
    {
        var policy = policies.Get(new ObjectKey(@namespace, policyName))
            ?? throw new IncidentTargetException($"AlertPolicy {@namespace}/{policyName} does not exist");
        var serviceNow = policy.Spec.Escalation?.ServiceNow
            ?? throw new IncidentTargetException($"AlertPolicy {@namespace}/{policyName} has no ServiceNow escalation");
        var reference = serviceNow.CredentialsSecretRef;
        try
        {
            var secret = await kubernetes.CoreV1.ReadNamespacedSecretAsync(reference.Name, @namespace, cancellationToken: cancellationToken);
            if (secret.Data?.TryGetValue(reference.Key, out var bytes) != true || bytes is null)
            {
                throw new IncidentTargetException($"Secret {@namespace}/{reference.Name} has no key {reference.Key}");
            }
            return new IncidentTarget(serviceNow, new ServiceNowCredentials(Encoding.UTF8.GetString(bytes)));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new IncidentTargetException($"Secret {@namespace}/{reference.Name} does not exist");
        }
    }

    private static Uri BaseUrl(string instanceUrl) => new(instanceUrl.EndsWith('/') ? instanceUrl : instanceUrl + "/");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident bridge refused a notification for {Namespace}/{Policy}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string @namespace, string policy, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ServiceNow call for {Namespace}/{Policy} failed: {Reason}")]
    private static partial void LogServiceNowFailed(ILogger logger, string @namespace, string policy, string reason);
}
