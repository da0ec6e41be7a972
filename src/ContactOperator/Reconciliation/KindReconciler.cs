using System.Runtime.ExceptionServices;
using ContactOperator.Aws.Core;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Reconciliation;

/// <summary>
/// The one reconcile skeleton every kind runs on (cluster-api's patch helper, taken further): read the object, hold it
/// with the kind's finalizer, validate it, skip a generation AWS already refused for good, run the kind's hook, map
/// what went wrong to conditions and Events, and write the status once, in a <c>finally</c>, on every path.
/// observedGeneration moves only when a reconcile of that generation concluded (a transient failure leaves it); a
/// refusal no retry can fix is persisted as the Stalled condition of that generation, so neither this process nor a
/// new leader sends it again until the spec changes. Nothing is written once leadership is lost (the token is
/// cancelled) or when the object changed under the reconcile (a 409: the next reconcile reads it again).
/// </summary>
public sealed partial class KindReconciler<TResource, TStatus>(
    IKindHooks<TResource, TStatus> hooks,
    ResourceClient<TResource> client,
    IEventSink events,
    SyncOptions options,
    TimeProvider time,
    ILogger logger) : IReconciler<TResource>
    where TResource : class, IContactResource
    where TStatus : ResourceStatus
{
    private readonly StatusWriter<TResource> statusWriter = new(client);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<TResource> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var resource = request.Resource;
        if (resource is not null && hooks.ReadsFresh)
        {
            resource = await client.TryGetAsync(request.Key, cancellationToken);
        }
        if (resource is null)
        {
            return ReconcileResult.Done;
        }
        var deleting = resource.Metadata.DeletionTimestamp is not null;
        if (deleting && (hooks.Finalizer is not { } held || !Finalizers.Has(resource, held)))
        {
            return ReconcileResult.Done;
        }
        if (!deleting && hooks.Finalizer is { } finalizer && hooks.AddsFinalizer(resource))
        {
            resource = await client.AddFinalizerAsync(resource, finalizer, cancellationToken);
        }

        var status = hooks.StatusOf(resource);
        if (!deleting && StalledAt(status, resource.Metadata.Generation) is { } refused)
        {
            // Refused for good at this generation (by this process or another): nothing to send, nothing to write.
            throw new TerminalReconcileException(refused);
        }

        var context = new ReconcileContext<TResource, TStatus>(resource, status, statusWriter, events, time);
        var write = true;
        var concluded = false;
        Exception? failure = null;
        ReconcileResult result = ReconcileResult.Done;
        try
        {
            if (deleting)
            {
                if (await hooks.FinalizeAsync(context, cancellationToken) is { } later)
                {
                    result = later;
                }
                else
                {
                    write = false; // the object goes with its finalizer
                    await client.RemoveFinalizerAsync(context.Resource, hooks.Finalizer!, cancellationToken);
                }
            }
            else if (resource.Validate() is { IsValid: false } invalid)
            {
                await context.FailAsync(ConditionReasons.InvalidSpec, string.Join("; ", invalid.Errors.Select(e => e.ErrorMessage)), cancellationToken);
            }
            else
            {
                result = await hooks.SyncAsync(context, cancellationToken);
            }
            concluded = true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            write = false; // leadership lost or shutting down: only the leader writes
            throw;
        }
        catch (ResourceConflictException)
        {
            write = false; // the object changed under this reconcile: the next one reads it again
            throw;
        }
        catch (AwsServiceException e)
        {
            (result, concluded, failure) = await OnAwsErrorAsync(context, e, cancellationToken);
        }
#pragma warning disable CA1031 // Every failure is reported in status, then retried with backoff by the controller.
        catch (Exception e)
#pragma warning restore CA1031
        {
            context.Synced = ConditionValue.False(ConditionReasons.Error, $"{e.GetType().Name}: {e.Message}; retrying with backoff");
            failure = e;
        }
        finally
        {
            if (write && !cancellationToken.IsCancellationRequested)
            {
                await WriteStatusAsync(context, concluded, failure is not null, cancellationToken);
            }
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
        if (context.Stalled is { } stalled)
        {
            throw new TerminalReconcileException(stalled.Message);
        }
        return result;
    }

    /// <summary>The refusal recorded for <paramref name="generation"/>, if the Stalled condition holds one.</summary>
    private static string? StalledAt(ResourceStatus status, long? generation) =>
        Conditions.Find(status.Conditions, ConditionTypes.Stalled) is { Status: ConditionStatus.True } stalled && stalled.ObservedGeneration == generation
            ? stalled.Message
            : null;

    /// <summary>Refusals and quotas are conditions; the rest is retried with backoff once the status is written.</summary>
    private async Task<(ReconcileResult Result, bool Concluded, Exception? Failure)> OnAwsErrorAsync(
        ReconcileContext<TResource, TStatus> context, AwsServiceException e, CancellationToken cancellationToken)
    {
        switch (e.Class)
        {
            case AwsErrorClass.InvalidInput:
                await context.FailAsync(ConditionReasons.AwsInvalidRequest, $"AWS refused {e.Operation}: {e.ErrorCode}: {e.AwsMessage}", cancellationToken);
                return (ReconcileResult.Done, true, null);
            case AwsErrorClass.AccessDenied:
                var later = options.QuotaRetry ?? options.ResyncPeriod;
                var denied = $"AWS denied {e.Operation}: {e.ErrorCode}: {e.AwsMessage} Grant the operator's role the permission (contact-operator generate iam-policy) or fix its credentials or clock; the operator tries again every {Runtime.Configuration.OperatorSettingsParser.FormatDuration(later)}.";
                context.Ready = ConditionValue.False(ConditionReasons.AwsAccessDenied, denied);
                context.Synced = ConditionValue.False(ConditionReasons.AwsAccessDenied, denied);
                await context.RecordAsync("Warning", ConditionReasons.AwsAccessDenied, denied, cancellationToken);
                return (ReconcileResult.RequeueAfter(later), true, null);
            case AwsErrorClass.QuotaExceeded:
                var retry = options.QuotaRetry ?? options.ResyncPeriod;
                var quota = $"AWS refused {e.Operation}: {e.ErrorCode}: {e.AwsMessage} Raise the quota in Service Quotas or remove resources; the operator tries again every {Runtime.Configuration.OperatorSettingsParser.FormatDuration(retry)}.";
                context.Ready = ConditionValue.False(ConditionReasons.AwsQuotaExceeded, quota);
                context.Synced = ConditionValue.False(ConditionReasons.AwsQuotaExceeded, quota);
                await context.RecordAsync("Warning", ConditionReasons.AwsQuotaExceeded, quota, cancellationToken);
                return (ReconcileResult.RequeueAfter(retry), true, null);
            default:
                var message = $"{e.Operation} failed: {e.ErrorCode}: {e.AwsMessage}; retrying with backoff";
                context.Synced = ConditionValue.False(ConditionReasons.AwsError, message);
                if (!Conditions.IsTrue(context.Status.Conditions, ConditionTypes.Ready, context.Resource.Metadata.Generation))
                {
                    context.Ready = ConditionValue.False(ConditionReasons.AwsError, message);
                }
                return (ReconcileResult.Done, false, e);
        }
    }

    private async Task WriteStatusAsync(ReconcileContext<TResource, TStatus> context, bool concluded, bool failing, CancellationToken cancellationToken)
    {
        try
        {
            await context.WriteAsync(context.Final(concluded), cancellationToken);
        }
        catch (Exception e) when (failing && e is not OperationCanceledException)
        {
            // The reconcile's own failure is the one to report and retry; this write is tried again with it.
            LogStatusWriteFailed(logger, context.Key.ToString(), e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Key}: status write after a failed reconcile failed too: {Reason}")]
    private static partial void LogStatusWriteFailed(ILogger logger, string key, string reason);
}
