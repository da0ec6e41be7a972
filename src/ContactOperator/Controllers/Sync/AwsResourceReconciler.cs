using System.Runtime.ExceptionServices;
using ContactOperator.Api.Common;
using ContactOperator.Aws.Core;
using ContactOperator.Runtime.Configuration;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Controllers.Sync;

/// <summary>
/// The one flow for every AWS-backed kind: finalizer; validate; resolve references; observe (by recorded id, by
/// spec.adopt.id, or by name through the shared <see cref="NameIndex"/>); create when absent; wait for the AWS
/// lifecycle; pure delta; one write and one Event per change. The outcome is collected as the flow goes and the
/// status is written once, at the end, whatever the path; the only other status write records the id of a resource
/// just created, before anything else happens to it, so a restart adopts it instead of creating a duplicate.
/// </summary>
public sealed partial class AwsResourceReconciler<TResource, TPlacement, TDesired, TObserved>(
    AwsKindModule<TResource, TPlacement, TDesired, TObserved> module,
    ResourceClient<TResource> client,
    SyncServices services) : IReconciler<TResource>
    where TResource : class, IContactResource
    where TPlacement : IConnectPlacement
    where TDesired : class
    where TObserved : class, IObservedResource
{
    private const string Finalizer = AwsFinalizer.Name;

    private readonly StatusWriter<TResource> statusWriter = new(client);
    private readonly CreatedRecently createdRecently = new(services.Time, services.Options.EventualConsistencyWindow);
    private readonly ILogger logger = services.Loggers.CreateLogger($"ContactOperator.Controllers.{typeof(TResource).Name}");
    private SyncOptions Options => services.Options;

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
        if (module.ManagementPolicy(resource) == ManagementPolicies.Manage)
        {
            resource = await client.AddFinalizerAsync(resource, Finalizer, cancellationToken);
        }

        var outcome = new ReconcileOutcome<TResource>(resource, resource.CommonStatus ?? module.NewStatus());
        ReconcileResult result;
        try
        {
            result = await SyncAsync(outcome, cancellationToken);
        }
        catch (AwsServiceException e) when (!cancellationToken.IsCancellationRequested)
        {
            result = await RefusedAsync(outcome, e, cancellationToken);
        }

        var status = StatusConditions.With(outcome.Status, outcome.Resource.Metadata.Generation, services.Time.GetUtcNow(), outcome.Ready, outcome.Synced);
        await statusWriter.WriteAsync(outcome.Resource, status, cancellationToken);
        if (outcome.Rethrow is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
        if (outcome.TerminalMessage is { } terminal)
        {
            throw new TerminalReconcileException(terminal);
        }
        return result;
    }

    private async Task<ReconcileResult> SyncAsync(ReconcileOutcome<TResource> outcome, CancellationToken cancellationToken)
    {
        var resource = outcome.Resource;
        var validation = resource.Validate();
        if (!validation.IsValid)
        {
            var message = string.Join("; ", validation.Errors.Select(e => e.ErrorMessage));
            await FailAsync(outcome, ConditionReasons.InvalidSpec, message, cancellationToken);
            return ReconcileResult.Done;
        }

        var owner = TagDelta.Owner(resource.Metadata.NamespaceProperty, resource.Metadata.Name);
        var resolution = module.Resolve(resource, owner, services);
        if (resolution.Value is not { At: var at, Desired: var desired })
        {
            outcome.Ready = ConditionValue.False(ConditionReasons.WaitingForDependency, resolution.WaitingFor!);
            return ReconcileResult.RequeueAfter(Options.WaitPoll);
        }

        var observeOnly = module.ManagementPolicy(resource) == ManagementPolicies.ObserveOnly;
        var recordedId = outcome.Status.Id;
        var adoptId = recordedId is null ? module.AdoptId(resource) : null;
        var knownId = recordedId ?? adoptId;
        var observed = knownId is null ? null : await module.DescribeAsync(at, knownId, desired, cancellationToken);

        if (adoptId is not null)
        {
            if (observed is null)
            {
                await FailAsync(outcome, "AdoptTargetNotFound", $"spec.adopt.id {adoptId} does not exist in {at.Region}", cancellationToken);
                return ReconcileResult.Done;
            }
            var verb = observeOnly ? "observing" : "adopted";
            await RecordAsync(outcome, "Normal", "Adopted", $"{verb} existing {module.AwsKind} {observed.Id} ({Show(observed.Name)}) from spec.adopt.id", cancellationToken);
        }

        if (observed is null && observeOnly)
        {
            outcome.Status = module.WithObserved(outcome.Status, null, at);
            outcome.Ready = ConditionValue.False("NotFound", $"{module.AwsKind} {knownId} no longer exists in {at.Region}; ObserveOnly never creates one");
            outcome.Synced = ConditionValue.True(ConditionReasons.ReconcileSuccess, "observed");
            return ReconcileResult.RequeueAfter(Options.ResyncPeriod);
        }

        if (observed is null)
        {
            if (knownId is not null && createdRecently.Contains(knownId))
            {
                LogEventualConsistency(logger, Kind, ObjectKey.From(resource).ToString(), knownId);
                outcome.Ready = ConditionValue.False(ConditionReasons.Creating, $"{module.AwsKind} {knownId} was created and is not visible in AWS yet");
                return ReconcileResult.RequeueAfter(Options.WaitPoll);
            }
            observed = await FindByNameAsync(outcome, at, desired, owner, cancellationToken);
            if (outcome.TerminalMessage is not null)
            {
                return ReconcileResult.Done;
            }
            if (observed is null)
            {
                observed = await CreateAsync(outcome, at, desired, owner, knownId, cancellationToken);
                if (outcome.TerminalMessage is not null)
                {
                    return ReconcileResult.Done;
                }
                if (observed is null)
                {
                    return ReconcileResult.RequeueAfter(Options.WaitPoll);
                }
            }
        }

        outcome.Status = module.WithObserved(outcome.Status, observed, at);
        var label = $"{module.AwsKind} {Show(observed.Name)} ({observed.Id})";
        switch (module.LifecycleOf(observed))
        {
            case PendingLifecycle pending:
                var poll = Options.LifecyclePoll(PendingFor(outcome.Status));
                outcome.Ready = ConditionValue.False(ConditionReasons.Creating, pending.Message);
                outcome.Synced = ConditionValue.True(ConditionReasons.ReconcileSuccess, "waiting for AWS to finish");
                return ReconcileResult.RequeueAfter(poll);
            case FailedLifecycle failed:
                await FailAsync(outcome, "CreationFailed", failed.Message, cancellationToken);
                return ReconcileResult.Done;
        }

        var writes = module.Delta(desired, observed);
        if (observeOnly)
        {
            var drift = writes.Count == 0 ? "matches the spec" : $"differs from the spec: {string.Join("; ", writes.Select(w => w.Summary))}";
            outcome.Ready = ConditionValue.True(ConditionReasons.Observing, $"{label} {drift} (ObserveOnly: nothing written)");
            outcome.Synced = ConditionValue.True(ConditionReasons.ReconcileSuccess, "observed");
            return ReconcileResult.RequeueAfter(Options.ResyncPeriod);
        }
        var labels = Dependencies.LabelsIn(services.Lookup, resource.Metadata.NamespaceProperty);
        foreach (var write in writes)
        {
            await write.ApplyAsync(at, observed, cancellationToken);
            var summary = write.Summarize(labels);
            await RecordAsync(outcome, "Normal", "Updated", $"{write.Operation}: {summary}", cancellationToken);
            LogWrite(logger, Kind, ObjectKey.From(resource).ToString(), write.Operation, summary);
        }

        var result = writes.Count == 0 ? "matches the spec" : $"updated ({writes.Count} change{(writes.Count == 1 ? "" : "s")})";
        outcome.Ready = ConditionValue.True(ConditionReasons.Available, $"{label} {result}");
        outcome.Synced = ConditionValue.True(ConditionReasons.ReconcileSuccess, "last reconcile reached AWS without error");
        return ReconcileResult.RequeueAfter(Options.ResyncPeriod);
    }

    /// <summary>How long AWS has been creating the resource, from when Ready turned False with reason Creating.</summary>
    private TimeSpan PendingFor(ResourceStatus previous) =>
        Conditions.Find(previous.Conditions, ConditionTypes.Ready) is { Status: ConditionStatus.False, Reason: ConditionReasons.Creating, LastTransitionTime: { } since }
            ? services.Time.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc))
            : TimeSpan.Zero;

    /// <summary>
    /// A create whose id never reached status (crash, lost response) leaves a resource with our name: adopt it when it
    /// carries our owner tag or none; refuse when it belongs to another object. One listing per scope serves every
    /// create in it (<see cref="NameIndex"/>).
    /// </summary>
    private async Task<TObserved?> FindByNameAsync(ReconcileOutcome<TResource> outcome, TPlacement at, TDesired desired, string owner, CancellationToken cancellationToken)
    {
        var name = module.DesiredName(desired);
        if (name.Length == 0)
        {
            return null;
        }
        var created = outcome.Resource.Metadata.CreationTimestamp is { } stamp ? new DateTimeOffset(DateTime.SpecifyKind(stamp, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        var id = await services.Names.FindAsync(module.AwsKind, at.NameScope, name, created, module.NameComparer, ct => module.ListNamesAsync(at, ct), cancellationToken);
        if (id is null || await module.DescribeAsync(at, id, desired, cancellationToken) is not { } found)
        {
            return null;
        }
        if (found.Tags.TryGetValue(TagDelta.OwnerTag, out var existingOwner) && existingOwner != owner)
        {
            await FailAsync(outcome, ConditionReasons.NameConflict,
                $"a {module.AwsKind} named '{name}' already exists ({id}) and belongs to {existingOwner}; choose another spec.name", cancellationToken);
            return null;
        }
        if (outcome.Status.Id != id)
        {
            await RecordAsync(outcome, "Normal", "Adopted", $"adopted existing {module.AwsKind} '{name}' ({id})", cancellationToken);
        }
        return found;
    }

    /// <summary>Creates the resource and records its id in status at once; null while AWS does not show it yet.</summary>
    private async Task<TObserved?> CreateAsync(
        ReconcileOutcome<TResource> outcome, TPlacement at, TDesired desired, string owner, string? replacedId, CancellationToken cancellationToken)
    {
        var resource = outcome.Resource;
        var name = module.DesiredName(desired);
        if (replacedId is not null)
        {
            await RecordAsync(outcome, "Warning", "DriftRecreated", $"{module.AwsKind} {replacedId} no longer exists in AWS; creating it again", cancellationToken);
        }
        CreatedResource created;
        try
        {
            created = await module.CreateAsync(at, desired, new CreateContext(resource.Metadata.Uid ?? resource.Metadata.Name, replacedId), cancellationToken);
        }
        catch (AwsServiceException e) when (e.Class == AwsErrorClass.Conflict)
        {
            // The name was taken after the scope was listed: list again and adopt (or report the conflict).
            services.Names.Invalidate(module.AwsKind, at.NameScope);
            var adopted = await FindByNameAsync(outcome, at, desired, owner, cancellationToken);
            if (adopted is not null || outcome.TerminalMessage is not null)
            {
                return adopted;
            }
            throw;
        }
        createdRecently.Add(created.Id);
        services.Names.Add(module.AwsKind, at.NameScope, name, created.Id);

        outcome.Status = outcome.Status with { Id = created.Id, Arn = created.Arn ?? outcome.Status.Arn, Region = at.Region };
        var creating = ConditionValue.False(ConditionReasons.Creating, $"created {module.AwsKind} '{name}' ({created.Id})");
        var record = StatusConditions.With(outcome.Status, resource.Metadata.Generation, services.Time.GetUtcNow(), creating, null);
        outcome.Resource = await statusWriter.WriteAsync(resource, record, cancellationToken);
        outcome.Ready = creating;

        var message = $"created {module.AwsKind} '{name}' ({created.Id}) in {at.Region}";
        await RecordAsync(outcome, "Normal", "Created", message, cancellationToken);
        LogWrite(logger, Kind, ObjectKey.From(resource).ToString(), "Create", message);
        return module.AsCreated(desired, created) ?? await module.DescribeAsync(at, created.Id, desired, cancellationToken);
    }

    /// <summary>Turns an AWS error into the outcome: refusals and quotas are conditions, the rest retries with backoff.</summary>
    private async Task<ReconcileResult> RefusedAsync(ReconcileOutcome<TResource> outcome, AwsServiceException e, CancellationToken cancellationToken)
    {
        switch (e.Class)
        {
            case AwsErrorClass.InvalidInput:
                await FailAsync(outcome, ConditionReasons.AwsInvalidRequest, $"AWS refused {e.Operation}: {e.ErrorCode}: {e.AwsMessage}", cancellationToken);
                return ReconcileResult.Done;
            case AwsErrorClass.QuotaExceeded:
                var retry = Options.QuotaRetry ?? Options.ResyncPeriod;
                var quota = $"AWS refused {e.Operation}: {e.ErrorCode}: {e.AwsMessage} Raise the quota in Service Quotas (service Amazon Connect) or remove resources; the operator tries again every {OperatorSettingsParser.FormatDuration(retry)}.";
                outcome.Ready = ConditionValue.False(ConditionReasons.AwsQuotaExceeded, quota);
                outcome.Synced = ConditionValue.False(ConditionReasons.AwsQuotaExceeded, quota);
                await RecordAsync(outcome, "Warning", ConditionReasons.AwsQuotaExceeded, quota, cancellationToken);
                return ReconcileResult.RequeueAfter(retry);
            default:
                var message = $"{e.Operation} failed: {e.ErrorCode}: {e.AwsMessage}; retrying with backoff";
                outcome.Synced = ConditionValue.False(ConditionReasons.AwsError, message);
                if (!Conditions.IsTrue(outcome.Status.Conditions, ConditionTypes.Ready, outcome.Resource.Metadata.Generation))
                {
                    outcome.Ready = ConditionValue.False(ConditionReasons.AwsError, message);
                }
                outcome.Rethrow = e;
                return ReconcileResult.Done;
        }
    }

    /// <summary>A failure that retrying the same spec cannot fix: Ready and Synced False, a Warning Event, no retry until the spec changes.</summary>
    private async Task FailAsync(ReconcileOutcome<TResource> outcome, string reason, string message, CancellationToken cancellationToken)
    {
        outcome.Ready = ConditionValue.False(reason, message);
        outcome.Synced = ConditionValue.False(reason, message);
        outcome.TerminalMessage = message;
        await RecordAsync(outcome, "Warning", reason, message, cancellationToken);
    }

    private async Task<ReconcileResult> FinalizeAsync(TResource resource, CancellationToken cancellationToken)
    {
        if (!Finalizers.Has(resource, Finalizer))
        {
            return ReconcileResult.Done;
        }
        var id = resource.CommonStatus?.Id;
        if (id is not null && module.DeletionPolicy(resource) == DeletionPolicies.Delete && module.ManagementPolicy(resource) == ManagementPolicies.Manage)
        {
            if (module.PlacementForDelete(resource, services) is { } at)
            {
                try
                {
                    await module.DeleteAsync(at, id, cancellationToken);
                    await services.Events.RecordAsync(resource, "Normal", "Deleted", $"deleted {module.AwsKind} {id}", cancellationToken);
                    LogWrite(logger, Kind, ObjectKey.From(resource).ToString(), "Delete", $"deleted {module.AwsKind} {id}");
                }
                catch (AwsServiceException e) when (e.Class == AwsErrorClass.NotFound)
                {
                    // Already gone: nothing to do.
                }
            }
            else
            {
                // The instance object is gone: its AWS instance (and everything inside) is retained or deleted with it.
                await services.Events.RecordAsync(resource, "Normal", "Deleted", $"ContactInstance is gone; {module.AwsKind} {id} is left to the instance's deletion policy", cancellationToken);
            }
        }
        else if (id is not null)
        {
            await services.Events.RecordAsync(resource, "Normal", "Retained", $"left {module.AwsKind} {id} in AWS (deletionPolicy {module.DeletionPolicy(resource)})", cancellationToken);
        }
        await client.RemoveFinalizerAsync(resource, Finalizer, cancellationToken);
        return ReconcileResult.Done;
    }

    private Task RecordAsync(ReconcileOutcome<TResource> outcome, string type, string reason, string note, CancellationToken cancellationToken) =>
        services.Events.RecordAsync(outcome.Resource, type, reason, note, cancellationToken);

    private static string Show(string name) => name.Length == 0 ? "(no name)" : $"'{name}'";

    private static string Kind => typeof(TResource).Name;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {Key}: {Operation}: {Summary}")]
    private static partial void LogWrite(ILogger logger, string kind, string key, string operation, string summary);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} {Key}: {Id} not visible yet after create; looking again shortly")]
    private static partial void LogEventualConsistency(ILogger logger, string kind, string key, string id);
}

/// <summary>The finalizer that holds an object until its AWS resource is deleted or retained.</summary>
public static class AwsFinalizer
{
    public const string Name = "connect.contact-operator.io/finalizer";
}

/// <summary>What one reconcile found, collected as it goes and written to status once at the end.</summary>
internal sealed class ReconcileOutcome<TResource>(TResource resource, ResourceStatus status)
    where TResource : class, IContactResource
{
    /// <summary>The object as last stored (replaced after the id record).</summary>
    public TResource Resource { get; set; } = resource;

    public ResourceStatus Status { get; set; } = status;

    /// <summary>Null leaves the condition as it is.</summary>
    public ConditionValue? Ready { get; set; }

    public ConditionValue? Synced { get; set; }

    /// <summary>Set when no retry can help until the spec changes.</summary>
    public string? TerminalMessage { get; set; }

    /// <summary>An AWS error to retry with backoff once the status is written.</summary>
    public Exception? Rethrow { get; set; }
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
