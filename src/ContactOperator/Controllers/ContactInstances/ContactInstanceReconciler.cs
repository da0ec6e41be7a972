using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Api.Validation;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Controllers.Sync;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Controllers.ContactInstances;

/// <summary>
/// Creates (with a ClientToken derived from the object's uid) or adopts an instance, waits for ACTIVE with progress in
/// status, then keeps its attributes, storage, Lambda and Lex associations and tags as the spec says.
/// </summary>
public sealed partial class ContactInstanceReconciler(
    ResourceClient<ContactInstance> client,
    ConnectClients connect,
    IEventSink events,
    SyncOptions options,
    TimeProvider time,
    ILogger logger) : IReconciler<ContactInstance>
{
    public const string Finalizer = "connect.contact-operator.io/finalizer";

    private static readonly ContactInstanceValidator Validator = new();
    private readonly StatusWriter<ContactInstance> statusWriter = new(client);
    private readonly CreatedRecently createdRecently = new(time, options.EventualConsistencyWindow);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<ContactInstance> request, CancellationToken cancellationToken)
    {
        if (request.Resource is not { } resource)
        {
            return ReconcileResult.Done;
        }
        if (resource.Metadata.DeletionTimestamp is not null)
        {
            return await FinalizeAsync(resource, cancellationToken);
        }
        var spec = resource.Spec;
        if (spec.ManagementPolicy == ManagementPolicies.Manage)
        {
            resource = await client.AddFinalizerAsync(resource, Finalizer, cancellationToken);
        }

        var validation = Validator.Validate(resource);
        if (!validation.IsValid)
        {
            var message = string.Join("; ", validation.Errors.Select(e => e.ErrorMessage));
            await WriteAsync(resource, s => s, ConditionValue.False(ConditionReasons.InvalidSpec, message), ConditionValue.False(ConditionReasons.InvalidSpec, message), cancellationToken);
            await events.RecordAsync(resource, "Warning", ConditionReasons.InvalidSpec, message, cancellationToken);
            throw new TerminalReconcileException(message);
        }

        var aws = connect.For(spec.Region);
        try
        {
            return await SyncAsync(resource, aws, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Class is AwsErrorClass.InvalidInput or AwsErrorClass.QuotaExceeded)
        {
            var reason = e.Class == AwsErrorClass.QuotaExceeded ? ConditionReasons.AwsQuotaExceeded : ConditionReasons.AwsInvalidRequest;
            var message = $"AWS refused {e.Operation}: {e.ErrorCode}: {e.Message}";
            await WriteAsync(resource, s => s, ConditionValue.False(reason, message), ConditionValue.False(reason, message), cancellationToken);
            await events.RecordAsync(resource, "Warning", reason, message, cancellationToken);
            throw new TerminalReconcileException(message, e);
        }
        catch (AwsServiceException e)
        {
            await WriteAsync(resource, s => s, null, ConditionValue.False(ConditionReasons.AwsError, $"{e.Operation} failed: {e.ErrorCode}: {e.Message}; retrying with backoff"), cancellationToken);
            throw;
        }
    }

    private async Task<ReconcileResult> SyncAsync(ContactInstance resource, IConnectClient aws, CancellationToken cancellationToken)
    {
        var spec = resource.Spec;
        var owner = DesiredState.Owner(resource.Metadata.NamespaceProperty, resource.Metadata.Name);
        var observeOnly = spec.ManagementPolicy == ManagementPolicies.ObserveOnly;
        var knownId = resource.Status?.Id ?? spec.Adopt?.Id;
        var instance = knownId is null ? null : await InstanceManager.DescribeAsync(aws, knownId, cancellationToken);

        if (instance is null && spec.Adopt?.Id is { } adoptId && resource.Status?.Id is null)
        {
            var message = $"spec.adopt.id {adoptId} does not exist in {spec.Region}";
            await WriteAsync(resource, s => s, ConditionValue.False("AdoptTargetNotFound", message), ConditionValue.False("AdoptTargetNotFound", message), cancellationToken);
            await events.RecordAsync(resource, "Warning", "AdoptTargetNotFound", message, cancellationToken);
            throw new TerminalReconcileException(message);
        }
        if (instance is not null && resource.Status?.Id is null && spec.Adopt?.Id is not null)
        {
            var verb = observeOnly ? "observing" : "adopted";
            await events.RecordAsync(resource, "Normal", "Adopted", $"{verb} existing instance {instance.Id} ({instance.Alias ?? "no alias"}) from spec.adopt.id", cancellationToken);
        }
        if (instance is null && observeOnly)
        {
            var message = $"instance {knownId} no longer exists in {spec.Region}; ObserveOnly never creates one";
            await WriteAsync(resource, s => s with { InstanceStatus = null }, ConditionValue.False("NotFound", message), ConditionValue.True(ConditionReasons.ReconcileSuccess, "observed"), cancellationToken);
            return ReconcileResult.RequeueAfter(options.ResyncPeriod);
        }
        if (instance is null)
        {
            if (knownId is not null && createdRecently.Contains(knownId))
            {
                return ReconcileResult.RequeueAfter(options.WaitPoll);
            }
            if (knownId is null && spec.InstanceAlias is { } alias && await InstanceManager.FindIdByAliasAsync(aws, alias, cancellationToken) is { } existingId
                && await InstanceManager.DescribeAsync(aws, existingId, cancellationToken) is { } existing)
            {
                if (existing.Tags.TryGetValue(TagDelta.OwnerTag, out var otherOwner) && otherOwner != owner)
                {
                    var message = $"an instance with alias '{alias}' already exists ({existingId}) and belongs to {otherOwner}";
                    await WriteAsync(resource, s => s, ConditionValue.False(ConditionReasons.NameConflict, message), ConditionValue.False(ConditionReasons.NameConflict, message), cancellationToken);
                    throw new TerminalReconcileException(message);
                }
                await events.RecordAsync(resource, "Normal", "Adopted", $"adopted existing instance '{alias}' ({existingId})", cancellationToken);
                instance = existing;
            }
            else
            {
                if (knownId is not null)
                {
                    await events.RecordAsync(resource, "Warning", "DriftRecreated", $"instance {knownId} no longer exists in AWS; creating it again", cancellationToken);
                }
                // The token changes with each generation of the instance so a deliberate re-create is not folded into the old one.
                var token = ClientTokens.FromUid(resource.Metadata.Uid ?? resource.Metadata.Name, $"CreateInstance/{knownId ?? "first"}");
                var created = await aws.CreateInstanceAsync(new CreateInstanceRequest
                {
                    ClientToken = token,
                    IdentityManagementType = spec.IdentityManagementType,
                    InstanceAlias = spec.InstanceAlias,
                    DirectoryId = spec.DirectoryId,
                    InboundCallsEnabled = spec.InboundCallsEnabled,
                    OutboundCallsEnabled = spec.OutboundCallsEnabled,
                    Tags = TagDelta.Desired(spec.Tags, owner),
                }, cancellationToken);
                var id = created.Id ?? throw new InvalidOperationException("CreateInstance returned no Id");
                createdRecently.Add(id);
                await WriteAsync(resource, s => s with { Id = id, Arn = created.Arn, Region = spec.Region, InstanceStatus = "CREATION_IN_PROGRESS" },
                    ConditionValue.False(ConditionReasons.Creating, $"instance {id} is being created"), ConditionValue.True(ConditionReasons.ReconcileSuccess, "create requested"), cancellationToken);
                var requested = $"requested instance '{spec.InstanceAlias}' ({id}) in {spec.Region}";
                await events.RecordAsync(resource, "Normal", "Created", requested, cancellationToken);
                LogWrite(logger, resource.Metadata.NamespaceProperty, resource.Metadata.Name, "CreateInstance", requested);
                return ReconcileResult.RequeueAfter(options.WaitPoll);
            }
        }

        Func<ContactInstanceStatus, ContactInstanceStatus> identity = s => s with
        {
            Id = instance.Id,
            Arn = instance.Arn,
            Region = spec.Region,
            InstanceStatus = instance.Status,
            AccessUrl = instance.AccessUrl,
            ServiceRole = instance.ServiceRole,
        };
        switch (instance.Status)
        {
            case "CREATION_IN_PROGRESS":
                await WriteAsync(resource, identity, ConditionValue.False(ConditionReasons.Creating, $"instance {instance.Id} is CREATION_IN_PROGRESS"), ConditionValue.True(ConditionReasons.ReconcileSuccess, "waiting for ACTIVE"), cancellationToken);
                return ReconcileResult.RequeueAfter(options.WaitPoll);
            case "CREATION_FAILED":
                var failed = $"instance {instance.Id} CREATION_FAILED: {instance.StatusReason ?? "no reason given"}";
                await WriteAsync(resource, identity, ConditionValue.False("CreationFailed", failed), ConditionValue.False("CreationFailed", failed), cancellationToken);
                await events.RecordAsync(resource, "Warning", "CreationFailed", failed, cancellationToken);
                throw new TerminalReconcileException(failed);
        }

        var desired = DesiredState.InstanceSettings(spec, owner);
        var observed = await InstanceManager.ObserveSettingsAsync(aws, instance, desired, cancellationToken);
        var writes = InstanceDelta.Compute(desired, observed);
        if (observeOnly)
        {
            var drift = writes.Count == 0 ? "matches the spec" : $"differs from the spec: {string.Join("; ", writes.Select(w => w.Summary))}";
            await WriteAsync(resource, identity, ConditionValue.True(ConditionReasons.Observing, $"instance {instance.Id} is {instance.Status} and {drift} (ObserveOnly: nothing written)"),
                ConditionValue.True(ConditionReasons.ReconcileSuccess, "observed"), cancellationToken);
            return ReconcileResult.RequeueAfter(options.ResyncPeriod);
        }
        foreach (var write in writes)
        {
            await InstanceManager.ApplyAsync(aws, instance, write, cancellationToken);
            await events.RecordAsync(resource, "Normal", "Updated", $"{write.Operation}: {write.Summary}", cancellationToken);
            LogWrite(logger, resource.Metadata.NamespaceProperty, resource.Metadata.Name, write.Operation, write.Summary);
        }
        var summary = writes.Count == 0 ? "matches the spec" : $"updated ({writes.Count} change{(writes.Count == 1 ? "" : "s")})";
        await WriteAsync(resource, identity, ConditionValue.True(ConditionReasons.Available, $"instance {instance.Id} is ACTIVE and {summary}"),
            ConditionValue.True(ConditionReasons.ReconcileSuccess, "last reconcile reached AWS without error"), cancellationToken);
        return ReconcileResult.RequeueAfter(options.ResyncPeriod);
    }

    private async Task<ReconcileResult> FinalizeAsync(ContactInstance resource, CancellationToken cancellationToken)
    {
        if (!Finalizers.Has(resource, Finalizer))
        {
            return ReconcileResult.Done;
        }
        if (resource.Status?.Id is { } id)
        {
            if (resource.Spec.DeletionPolicy == DeletionPolicies.Delete && resource.Spec.ManagementPolicy == ManagementPolicies.Manage)
            {
                try
                {
                    await connect.For(resource.Spec.Region).DeleteInstanceAsync(new DeleteInstanceRequest { InstanceId = id }, cancellationToken);
                    await events.RecordAsync(resource, "Normal", "Deleted", $"deleted instance {id}", cancellationToken);
                    LogWrite(logger, resource.Metadata.NamespaceProperty, resource.Metadata.Name, "DeleteInstance", $"deleted instance {id}");
                }
                catch (AwsServiceException e) when (e.Class == AwsErrorClass.NotFound)
                {
                    // Already gone.
                }
            }
            else
            {
                await events.RecordAsync(resource, "Normal", "Retained", $"left instance {id} in AWS (deletionPolicy {resource.Spec.DeletionPolicy})", cancellationToken);
            }
        }
        await client.RemoveFinalizerAsync(resource, Finalizer, cancellationToken);
        return ReconcileResult.Done;
    }

    private Task<ContactInstance> WriteAsync(ContactInstance resource, Func<ContactInstanceStatus, ContactInstanceStatus> change, ConditionValue? ready, ConditionValue? synced, CancellationToken cancellationToken)
    {
        var status = StatusConditions.With(change(resource.Status ?? new ContactInstanceStatus()), resource.Metadata.Generation, time.GetUtcNow(), ready, synced);
        return statusWriter.WriteAsync(resource, status, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ContactInstance {Namespace}/{Name}: {Operation}: {Summary}")]
    private static partial void LogWrite(ILogger logger, string? @namespace, string name, string operation, string summary);
}
