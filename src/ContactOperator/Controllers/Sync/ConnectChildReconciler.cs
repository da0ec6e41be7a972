using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Core;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Controllers.Sync;

/// <summary>Settings every AWS-backed controller shares.</summary>
public sealed record SyncOptions
{
    /// <summary>How often a healthy resource is observed again to catch drift made outside Kubernetes.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How soon to look again while waiting for a dependency or for AWS to finish something.</summary>
    public TimeSpan WaitPoll { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A 404 for a resource created this recently is eventual consistency, not drift.</summary>
    public TimeSpan EventualConsistencyWindow { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// The shared flow for resources inside an instance (ARCHITECTURE.md): finalizer first; validate; resolve references;
/// observe; pure delta; minimal writes with an Event each; one status write. The kind-specific parts come from the
/// binding (spec → desired) and the manager (AWS calls).
/// </summary>
public sealed partial class ConnectChildReconciler<TResource, TDesired, TObserved>(
    IChildKindBinding<TResource, TDesired> binding,
    ConnectResourceManager<TDesired, TObserved> manager,
    ResourceClient<TResource> client,
    DependencyLookup lookup,
    ConnectClients connect,
    IEventSink events,
    SyncOptions options,
    TimeProvider time,
    ILogger logger) : IReconciler<TResource>
    where TResource : class, IContactResource
    where TDesired : class
    where TObserved : class, IObservedResource
{
    public const string Finalizer = "connect.contact-operator.io/finalizer";

    private readonly StatusWriter<TResource> statusWriter = new(client);
    private readonly CreatedRecently createdRecently = new(time, options.EventualConsistencyWindow);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<TResource> request, CancellationToken cancellationToken)
    {
        if (request.Resource is not { } resource)
        {
            return ReconcileResult.Done;
        }
        if (resource.Metadata.DeletionTimestamp is not null)
        {
            return await FinalizeAsync(resource, cancellationToken);
        }

        resource = await client.AddFinalizerAsync(resource, Finalizer, cancellationToken);

        var validation = binding.Validate(resource);
        if (!validation.IsValid)
        {
            var message = string.Join("; ", validation.Errors.Select(e => e.ErrorMessage));
            await WriteStatusAsync(resource, s => s, ready: ConditionValue.False(ConditionReasons.InvalidSpec, message), synced: ConditionValue.False(ConditionReasons.InvalidSpec, message), cancellationToken);
            await events.RecordAsync(resource, "Warning", ConditionReasons.InvalidSpec, message, cancellationToken);
            throw new TerminalReconcileException(message);
        }

        var instance = lookup.Instance(References.Key(resource, binding.InstanceRef(resource)));
        if (References.ReadyId(instance) is not { } instanceId || instance?.Status?.Region is not { } region)
        {
            var waiting = $"waiting for ContactInstance {binding.InstanceRef(resource).Name} to be Ready";
            await WriteStatusAsync(resource, s => s, ready: ConditionValue.False(ConditionReasons.WaitingForDependency, waiting), synced: null, cancellationToken);
            return ReconcileResult.RequeueAfter(options.WaitPoll);
        }

        var owner = DesiredState.Owner(resource.Metadata.NamespaceProperty, resource.Metadata.Name);
        var resolution = binding.Resolve(resource, lookup, owner);
        if (resolution.Value is not { } desired)
        {
            await WriteStatusAsync(resource, s => s, ready: ConditionValue.False(ConditionReasons.WaitingForDependency, resolution.WaitingFor!), synced: null, cancellationToken);
            return ReconcileResult.RequeueAfter(options.WaitPoll);
        }

        var at = new ConnectPlacement(connect.For(region), instanceId, region);
        try
        {
            return await SyncAsync(resource, desired, at, owner, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Class is AwsErrorClass.InvalidInput or AwsErrorClass.QuotaExceeded)
        {
            var reason = e.Class == AwsErrorClass.QuotaExceeded ? ConditionReasons.AwsQuotaExceeded : ConditionReasons.AwsInvalidRequest;
            var message = $"AWS refused {e.Operation}: {e.ErrorCode}: {e.Message}";
            await WriteStatusAsync(resource, s => s, ready: ConditionValue.False(reason, message), synced: ConditionValue.False(reason, message), cancellationToken);
            await events.RecordAsync(resource, "Warning", reason, message, cancellationToken);
            throw new TerminalReconcileException(message, e);
        }
        catch (AwsServiceException e)
        {
            var message = $"{e.Operation} failed: {e.ErrorCode}: {e.Message}; retrying with backoff";
            await WriteStatusAsync(resource, s => s, ready: null, synced: ConditionValue.False(ConditionReasons.AwsError, message), cancellationToken);
            throw;
        }
    }

    private async Task<ReconcileResult> SyncAsync(TResource resource, TDesired desired, ConnectPlacement at, string owner, CancellationToken cancellationToken)
    {
        var knownId = binding.Status(resource)?.Id;
        var observed = knownId is null ? null : await manager.DescribeAsync(at, knownId, cancellationToken);
        if (observed is null)
        {
            var adopted = await FindByNameAsync(resource, desired, at, owner, cancellationToken);
            if (adopted is { } found)
            {
                observed = found;
            }
            else if (knownId is not null && createdRecently.Contains(knownId))
            {
                LogEventualConsistency(logger, binding.Kind, ObjectKey.From(resource).ToString(), knownId);
                return ReconcileResult.RequeueAfter(options.WaitPoll);
            }
            else
            {
                if (knownId is not null)
                {
                    await events.RecordAsync(resource, "Warning", "DriftRecreated", $"{manager.AwsKind} {knownId} no longer exists in AWS; creating it again", cancellationToken);
                }
                var id = await manager.CreateAsync(at, desired, cancellationToken);
                createdRecently.Add(id);
                // Record the id before anything else, so a restart adopts instead of creating a duplicate.
                resource = await WriteStatusAsync(resource, s => s with { Id = id, Region = at.Region },
                    ready: ConditionValue.False(ConditionReasons.Creating, $"created {manager.AwsKind} {id}"), synced: null, cancellationToken);
                var created = $"created {manager.AwsKind} '{manager.DesiredName(desired)}' ({id})";
                await events.RecordAsync(resource, "Normal", "Created", created, cancellationToken);
                LogWrite(logger, binding.Kind, ObjectKey.From(resource).ToString(), "Create", created);
                observed = await manager.DescribeAsync(at, id, cancellationToken);
                if (observed is null)
                {
                    return ReconcileResult.RequeueAfter(options.WaitPoll);
                }
            }
        }

        var writes = manager.Delta(desired, observed);
        foreach (var write in writes)
        {
            await manager.ApplyAsync(at, observed, write, cancellationToken);
            await events.RecordAsync(resource, "Normal", "Updated", $"{write.Operation}: {write.Summary}", cancellationToken);
            LogWrite(logger, binding.Kind, ObjectKey.From(resource).ToString(), write.Operation, write.Summary);
        }

        var message = writes.Count == 0 ? $"{manager.AwsKind} {observed.Id} matches the spec" : $"{manager.AwsKind} {observed.Id} updated ({writes.Count} change{(writes.Count == 1 ? "" : "s")})";
        await WriteStatusAsync(resource, s => s with { Id = observed.Id, Arn = observed.Arn, Region = at.Region },
            ready: ConditionValue.True(ConditionReasons.Available, message),
            synced: ConditionValue.True(ConditionReasons.ReconcileSuccess, "last reconcile reached AWS without error"), cancellationToken);
        return ReconcileResult.RequeueAfter(options.ResyncPeriod);
    }

    /// <summary>
    /// A create whose id never reached status (crash, lost response) leaves a resource with our name: adopt it when it
    /// carries our owner tag or none; refuse when it belongs to another object.
    /// </summary>
    private async Task<TObserved?> FindByNameAsync(TResource resource, TDesired desired, ConnectPlacement at, string owner, CancellationToken cancellationToken)
    {
        var name = manager.DesiredName(desired);
        if (await manager.FindIdByNameAsync(at, name, cancellationToken) is not { } id || await manager.DescribeAsync(at, id, cancellationToken) is not { } found)
        {
            return null;
        }
        if (found.Tags.TryGetValue(TagDelta.OwnerTag, out var existingOwner) && existingOwner != owner)
        {
            var message = $"a {manager.AwsKind} named '{name}' already exists ({id}) and belongs to {existingOwner}; choose another spec.name";
            await WriteStatusAsync(resource, s => s, ready: ConditionValue.False(ConditionReasons.NameConflict, message), synced: ConditionValue.False(ConditionReasons.NameConflict, message), cancellationToken);
            await events.RecordAsync(resource, "Warning", ConditionReasons.NameConflict, message, cancellationToken);
            throw new TerminalReconcileException(message);
        }
        if (binding.Status(resource)?.Id != id)
        {
            await events.RecordAsync(resource, "Normal", "Adopted", $"adopted existing {manager.AwsKind} '{name}' ({id})", cancellationToken);
        }
        return found;
    }

    private async Task<ReconcileResult> FinalizeAsync(TResource resource, CancellationToken cancellationToken)
    {
        if (!Finalizers.Has(resource, Finalizer))
        {
            return ReconcileResult.Done;
        }
        var id = binding.Status(resource)?.Id;
        if (id is not null && binding.DeletionPolicy(resource) == DeletionPolicies.Delete)
        {
            var instance = lookup.Instance(References.Key(resource, binding.InstanceRef(resource)));
            if (instance?.Status is { Id: { } instanceId, Region: { } region })
            {
                var at = new ConnectPlacement(connect.For(region), instanceId, region);
                try
                {
                    await manager.DeleteAsync(at, id, cancellationToken);
                    await events.RecordAsync(resource, "Normal", "Deleted", $"deleted {manager.AwsKind} {id}", cancellationToken);
                    LogWrite(logger, binding.Kind, ObjectKey.From(resource).ToString(), "Delete", $"deleted {manager.AwsKind} {id}");
                }
                catch (AwsServiceException e) when (e.Class == AwsErrorClass.NotFound)
                {
                    // Already gone: nothing to do.
                }
            }
            else
            {
                // The instance object is gone: its AWS instance (and everything inside) is retained or deleted with it.
                await events.RecordAsync(resource, "Normal", "Deleted", $"ContactInstance is gone; {manager.AwsKind} {id} is left to the instance's deletion policy", cancellationToken);
            }
        }
        else if (id is not null)
        {
            await events.RecordAsync(resource, "Normal", "Retained", $"left {manager.AwsKind} {id} in AWS (deletionPolicy Retain)", cancellationToken);
        }
        await client.RemoveFinalizerAsync(resource, Finalizer, cancellationToken);
        return ReconcileResult.Done;
    }

    private Task<TResource> WriteStatusAsync(
        TResource resource, Func<ResourceStatus, ResourceStatus> change, ConditionValue? ready, ConditionValue? synced, CancellationToken cancellationToken)
    {
        var status = StatusConditions.With(change(binding.Status(resource) ?? new ResourceStatus()), resource.Metadata.Generation, time.GetUtcNow(), ready, synced);
        return statusWriter.WriteAsync(resource, status, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {Key}: {Operation}: {Summary}")]
    private static partial void LogWrite(ILogger logger, string kind, string key, string operation, string summary);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} {Key}: {Id} not visible yet after create; looking again shortly")]
    private static partial void LogEventualConsistency(ILogger logger, string kind, string key, string id);
}

/// <summary>Ids this process created within the eventual-consistency window.</summary>
internal sealed class CreatedRecently(TimeProvider time, TimeSpan window)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> created = new(StringComparer.Ordinal);

    public void Add(string id) => created[id] = time.GetUtcNow();

    public bool Contains(string id)
    {
        var now = time.GetUtcNow();
        foreach (var (key, at) in created)
        {
            if (now - at > window)
            {
                created.TryRemove(key, out _);
            }
        }
        return created.ContainsKey(id);
    }
}
