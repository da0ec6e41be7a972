using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Core;
using ContactOperator.AwsResources;
using ContactOperator.Reconciliation;
using ContactOperator.Runtime.Configuration;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Kinds.Contract;

/// <summary>
/// The reconcile of a kind whose object owns one AWS resource: resolve references; observe the resource (ObserveOnly),
/// or ensure it through the shared create/adopt flow (<see cref="AwsResourceFlow"/>); wait for AWS's lifecycle; apply
/// the pure delta, one write and one Event per change. The skeleton around it writes the status once.
/// </summary>
public sealed partial class AwsResourceHooks<TResource, TPlacement, TDesired, TObserved>(
    AwsKindModule<TResource, TPlacement, TDesired, TObserved> module,
    SyncServices services) : IKindHooks<TResource, ResourceStatus>
    where TResource : class, IContactResource
    where TPlacement : IAwsPlacement
    where TDesired : class
    where TObserved : class, IObservedResource
{
    private readonly ILogger logger = services.Loggers.CreateLogger($"ContactOperator.Controllers.{typeof(TResource).Name}");
    private SyncOptions Options => services.Options;
    private AwsResourceManager<TPlacement, TDesired, TObserved> Manager => module.Manager;

    public string? Finalizer => AwsFinalizer.Name;

    public bool ReadsFresh => false;

    /// <summary>ObserveOnly objects are never held: deleting one never touches AWS.</summary>
    public bool AddsFinalizer(TResource resource) => module.ManagementPolicy(resource) == ManagementPolicies.Manage;

    public ResourceStatus StatusOf(TResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.CommonStatus ?? module.NewStatus();
    }

    public async Task<ReconcileResult> SyncAsync(ReconcileContext<TResource, ResourceStatus> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resource = context.Resource;
        var owner = OwnerTag.ValueFor(resource.Metadata.NamespaceProperty, resource.Metadata.Name);
        var resolution = module.Resolve(resource, owner, services);
        if (resolution.Value is not { At: var at, Desired: var desired })
        {
            context.Ready = ConditionValue.False(ConditionReasons.WaitingForDependency, resolution.WaitingFor!);
            return ReconcileResult.RequeueAfter(Options.WaitPoll);
        }

        var recordedId = context.Status.Id;
        var adoptId = recordedId is null ? module.AdoptId(resource) : null;
        Ensured<TObserved> ensured;
        if (module.ManagementPolicy(resource) == ManagementPolicies.ObserveOnly)
        {
            var knownId = recordedId ?? adoptId;
            var read = knownId is null ? null : await Manager.ReadOneAsync(at, knownId, desired, cancellationToken);
            if (read is null && adoptId is null)
            {
                context.Status = module.WithObserved(context.Status, null, at);
                context.Succeeded(ConditionValue.False(ConditionReasons.NotFound, $"{Manager.AwsKind} {knownId} no longer exists in {at.Region}; ObserveOnly never creates one"), "observed");
                return ReconcileResult.RequeueAfter(Options.ResyncPeriod);
            }
            ensured = read is null
                ? new Ensured<TObserved>.Refused(ConditionReasons.AdoptTargetNotFound, $"spec.adopt.id {adoptId} does not exist in {at.Region}")
                : Manager.LifecycleOf(read) switch
                {
                    PendingLifecycle pending => new Ensured<TObserved>.InProgress(read, pending.Message),
                    FailedLifecycle failed => new Ensured<TObserved>.Refused(ConditionReasons.CreationFailed, failed.Message),
                    _ => new Ensured<TObserved>.Active(read),
                };
        }
        else
        {
            var created = resource.Metadata.CreationTimestamp is { } stamp ? new DateTimeOffset(DateTime.SpecifyKind(stamp, DateTimeKind.Utc)) : (DateTimeOffset?)null;
            var request = new EnsureRequest(recordedId ?? adoptId, owner, resource.Metadata.Uid ?? resource.Metadata.Name, created, AdoptOnly: adoptId is not null);
            ensured = await services.Flow.EnsureAsync(Manager, at, desired, request, new Recorder(this, context, at.Region), cancellationToken);
        }

        if (adoptId is not null && ensured is not Ensured<TObserved>.Refused && Observed(ensured) is { } adopted)
        {
            var verb = module.ManagementPolicy(resource) == ManagementPolicies.ObserveOnly ? "observing" : "adopted";
            await context.RecordAsync("Normal", "Adopted", $"{verb} existing {Manager.AwsKind} {adopted.Id} ({Show(adopted.Name)}) from spec.adopt.id", cancellationToken);
        }
        switch (ensured)
        {
            case Ensured<TObserved>.Refused refused:
                await context.FailAsync(refused.Reason, refused.Message, cancellationToken);
                return ReconcileResult.Done;
            case Ensured<TObserved>.InProgress { Observed: null } notVisible:
                LogEventualConsistency(logger, Kind, context.Key.ToString(), notVisible.Message);
                context.Ready = ConditionValue.False(ConditionReasons.Creating, notVisible.Message);
                return ReconcileResult.RequeueAfter(Options.WaitPoll);
            case Ensured<TObserved>.InProgress { Observed: { } creating } pending:
                context.Status = module.WithObserved(context.Status, creating, at);
                var poll = Options.LifecyclePoll(PendingFor(context.Status));
                context.Succeeded(ConditionValue.False(ConditionReasons.Creating, pending.Message), "waiting for AWS to finish");
                return ReconcileResult.RequeueAfter(poll);
        }

        var observed = ((Ensured<TObserved>.Active)ensured).Observed;
        context.Status = module.WithObserved(context.Status, observed, at);
        var label = $"{Manager.AwsKind} {Show(observed.Name)} ({observed.Id})";
        var writes = Manager.Delta(desired, observed);
        if (module.ManagementPolicy(resource) == ManagementPolicies.ObserveOnly)
        {
            var drift = writes.Count == 0 ? "matches the spec" : $"differs from the spec: {string.Join("; ", writes.Select(w => w.Summary))}";
            context.Succeeded(ConditionValue.True(ConditionReasons.Observing, $"{label} {drift} (ObserveOnly: nothing written)"), "observed");
            return ReconcileResult.RequeueAfter(Options.ResyncPeriod);
        }
        var labels = Dependencies.LabelsIn(services.Lookup, resource.Metadata.NamespaceProperty);
        foreach (var write in writes)
        {
            await write.ApplyAsync(at, observed, cancellationToken);
            var summary = write.Summarize(labels);
            await context.RecordAsync("Normal", "Updated", $"{write.Operation}: {summary}", cancellationToken);
            LogWrite(logger, Kind, context.Key.ToString(), write.Operation, summary);
        }

        var result = writes.Count == 0 ? "matches the spec" : $"updated ({writes.Count} change{(writes.Count == 1 ? "" : "s")})";
        context.Succeeded(ConditionValue.True(ConditionReasons.Available, $"{label} {result}"));
        return ReconcileResult.RequeueAfter(Options.ResyncPeriod);
    }

    public async Task<ReconcileResult?> FinalizeAsync(ReconcileContext<TResource, ResourceStatus> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resource = context.Resource;
        if (module.DeletionWaitsFor(resource, services) is { } waiting)
        {
            var held = ConditionValue.False(ConditionReasons.DeletionWaiting, waiting);
            if (Conditions.Find(context.Status.Conditions, ConditionTypes.Ready) is not { Reason: ConditionReasons.DeletionWaiting } previous || previous.Message != waiting)
            {
                await context.RecordAsync("Normal", ConditionReasons.DeletionWaiting, waiting, cancellationToken);
            }
            context.Ready = held;
            return ReconcileResult.RequeueAfter(Options.WaitPoll);
        }
        var id = resource.CommonStatus?.Id;
        if (id is not null && module.DeletionPolicy(resource) == DeletionPolicies.Delete && module.ManagementPolicy(resource) == ManagementPolicies.Manage)
        {
            if (module.PlacementForDelete(resource, services) is { } at)
            {
                bool deleted;
                try
                {
                    deleted = await Manager.DeleteIfExistsAsync(at, id, cancellationToken);
                }
                catch (AwsServiceException e) when (e.Class == AwsErrorClass.Conflict)
                {
                    return await DeletionRefusedAsync(context, id, e, cancellationToken);
                }
                if (deleted)
                {
                    await context.RecordAsync("Normal", "Deleted", $"deleted {Manager.AwsKind} {id}", cancellationToken);
                    LogWrite(logger, Kind, context.Key.ToString(), "Delete", $"deleted {Manager.AwsKind} {id}");
                }
            }
            else
            {
                // The instance object is gone: its AWS instance (and everything inside) is retained or deleted with it.
                await context.RecordAsync("Normal", "Deleted", $"ContactInstance is gone; {Manager.AwsKind} {id} is left to the instance's deletion policy", cancellationToken);
            }
        }
        else if (id is not null)
        {
            await context.RecordAsync("Normal", "Retained", $"left {Manager.AwsKind} {id} in AWS (deletionPolicy {module.DeletionPolicy(resource)})", cancellationToken);
        }
        return null;
    }

    /// <summary>
    /// AWS refused the delete because the resource is in use: say so, with the objects that still use it, and look again
    /// soon (not after a growing backoff), so the delete goes as soon as the last referrer lets go of it.
    /// </summary>
    private async Task<ReconcileResult?> DeletionRefusedAsync(ReconcileContext<TResource, ResourceStatus> context, string id, AwsServiceException e, CancellationToken cancellationToken)
    {
        var users = services.Referrers.Of(context.Resource);
        var by = users.Count == 0 ? "; nothing in this namespace refers to it: it is used by a resource outside Kubernetes" : $"; still used by {string.Join(", ", users)}";
        var message = $"AWS refused to delete {Manager.AwsKind} {id}: {e.ErrorCode}: {e.AwsMessage}{by}. The operator tries again every {OperatorSettingsParser.FormatDuration(Options.WaitPoll)}.";
        if (Conditions.Find(context.Status.Conditions, ConditionTypes.Ready) is not { Reason: ConditionReasons.DeletionBlocked } previous || previous.Message != message)
        {
            await context.RecordAsync("Warning", ConditionReasons.DeletionBlocked, message, cancellationToken);
        }
        var blocked = ConditionValue.False(ConditionReasons.DeletionBlocked, message);
        context.Ready = blocked;
        context.Synced = blocked;
        return ReconcileResult.RequeueAfter(Options.WaitPoll);
    }

    private static TObserved? Observed(Ensured<TObserved> ensured) => ensured switch
    {
        Ensured<TObserved>.Active active => active.Observed,
        Ensured<TObserved>.InProgress progress => progress.Observed,
        _ => null,
    };

    /// <summary>How long AWS has been creating the resource, from when Ready turned False with reason Creating.</summary>
    private TimeSpan PendingFor(ResourceStatus previous) =>
        Conditions.Find(previous.Conditions, ConditionTypes.Ready) is { Status: ConditionStatus.False, Reason: ConditionReasons.Creating, LastTransitionTime: { } since }
            ? services.Time.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc))
            : TimeSpan.Zero;

    private static string Show(string name) => name.Length == 0 ? "(no name)" : $"'{name}'";

    private static string Kind => typeof(TResource).Name;

    /// <summary>Records a just-created resource's id, Region and ARN in status before anything else happens to it.</summary>
    private sealed class Recorder(AwsResourceHooks<TResource, TPlacement, TDesired, TObserved> hooks, ReconcileContext<TResource, ResourceStatus> context, string region) : IAwsResourceRecorder
    {
        public Task RecordEventAsync(string type, string reason, string note, CancellationToken cancellationToken) =>
            context.RecordAsync(type, reason, note, cancellationToken);

        public async Task RecordCreatedAsync(CreatedResource created, string message, CancellationToken cancellationToken)
        {
            context.Status = context.Status with { Id = created.Id, Arn = created.Arn ?? context.Status.Arn, Region = region };
            await context.CheckpointAsync(ConditionValue.False(ConditionReasons.Creating, message), cancellationToken);
            await context.RecordAsync("Normal", "Created", message, cancellationToken);
            LogWrite(hooks.logger, Kind, context.Key.ToString(), "Create", message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {Key}: {Operation}: {Summary}")]
    private static partial void LogWrite(ILogger logger, string kind, string key, string operation, string summary);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} {Key}: {Message}; looking again shortly")]
    private static partial void LogEventualConsistency(ILogger logger, string kind, string key, string message);
}

/// <summary>The finalizer that holds an object until its AWS resource is deleted or retained.</summary>
public static class AwsFinalizer
{
    public const string Name = "connect.contact-operator.io/finalizer";
}
