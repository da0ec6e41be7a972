using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Reconciliation;

/// <summary>
/// One reconcile of one object: the status it builds and the conditions it sets as it goes. The skeleton writes them
/// once, at the end, whatever the path (<see cref="KindReconciler{TResource,TStatus}"/>).
/// </summary>
public sealed class ReconcileContext<TResource, TStatus>
    where TResource : class, IContactResource
    where TStatus : ResourceStatus
{
    private readonly StatusWriter<TResource> writer;
    private readonly IEventSink events;
    private readonly TimeProvider time;

    internal ReconcileContext(TResource resource, TStatus status, StatusWriter<TResource> writer, IEventSink events, TimeProvider time)
    {
        Resource = resource;
        Status = status;
        this.writer = writer;
        this.events = events;
        this.time = time;
    }

    /// <summary>The object as last stored (replaced after a checkpoint).</summary>
    public TResource Resource { get; private set; }

    /// <summary>The status being built; written at the end of the reconcile.</summary>
    public TStatus Status { get; set; }

    /// <summary>Null leaves the condition as it is.</summary>
    public ConditionValue? Ready { get; set; }

    /// <summary>Null leaves the condition as it is.</summary>
    public ConditionValue? Synced { get; set; }

    /// <summary>Set by <see cref="FailAsync"/>: this generation cannot succeed until the spec changes.</summary>
    public ConditionValue? Stalled { get; private set; }

    public long Generation => Resource.Metadata.Generation ?? 0;

    public ObjectKey Key => ObjectKey.From(Resource);

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Ready as given, Synced True: the reconcile reached what it needed without error.</summary>
    public void Succeeded(ConditionValue ready, string synced = "last reconcile reached AWS without error")
    {
        Ready = ready;
        Synced = ConditionValue.True(ConditionReasons.ReconcileSuccess, synced);
    }

    /// <summary>
    /// A failure that retrying the same spec cannot fix: Ready and Synced False, a Warning Event, and the Stalled
    /// condition for this generation, so no process tries again until the spec changes.
    /// </summary>
    public Task FailAsync(string reason, string message, CancellationToken cancellationToken)
    {
        var failed = ConditionValue.False(reason, message);
        Ready = failed;
        Synced = failed;
        Stalled = ConditionValue.True(reason, message);
        return RecordAsync("Warning", reason, message, cancellationToken);
    }

    /// <summary>An Event about the object (Normal or Warning; a CamelCase reason; a note for kubectl describe).</summary>
    public Task RecordAsync(string type, string reason, string note, CancellationToken cancellationToken) =>
        events.RecordAsync(Resource, type, reason, note, cancellationToken);

    /// <summary>
    /// The one status write allowed before the end of a reconcile: records the id of an AWS resource just created (set
    /// in <see cref="Status"/> first), so a restart finds it instead of creating a duplicate.
    /// </summary>
    public async Task CheckpointAsync(ConditionValue? ready, CancellationToken cancellationToken)
    {
        Ready = ready ?? Ready;
        var record = StatusConditions.With(Status, Resource.Metadata.Generation, Now, ready, null);
        Resource = await writer.WriteAsync(Resource, record, cancellationToken);
    }

    /// <summary>The status to write at the end: conditions set, the Stalled condition kept or cleared, observedGeneration when concluded.</summary>
    internal TStatus Final(bool concluded)
    {
        var generation = Resource.Metadata.Generation;
        var status = StatusConditions.With(Status, generation, Now, Ready, Synced);
        if (Stalled is { } stalled)
        {
            status = (TStatus)((ResourceStatus)status with { Conditions = Conditions.Set(status.Conditions, ConditionTypes.Stalled, stalled.Status, stalled.Reason, stalled.Message, generation, Now) });
        }
        else if (concluded)
        {
            status = (TStatus)((ResourceStatus)status with { Conditions = Conditions.Remove(status.Conditions, ConditionTypes.Stalled) });
        }
        return concluded ? (TStatus)((ResourceStatus)status with { ObservedGeneration = generation }) : status;
    }

    internal Task<TResource> WriteAsync(TStatus status, CancellationToken cancellationToken) => writer.WriteAsync(Resource, status, cancellationToken);
}
