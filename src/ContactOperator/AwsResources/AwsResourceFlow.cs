using ContactOperator.Aws.Core;

namespace ContactOperator.AwsResources;

/// <summary>What the reconcile that ensures a resource must be able to do: report, and persist an id the moment it exists.</summary>
public interface IAwsResourceRecorder
{
    Task RecordEventAsync(string type, string reason, string note, CancellationToken cancellationToken);

    /// <summary>Persists the id of a resource just created, before anything else happens to it, so a restart adopts it instead of creating a duplicate.</summary>
    Task RecordCreatedAsync(CreatedResource created, string message, CancellationToken cancellationToken);
}

/// <summary>
/// What the flow should do for one resource. <paramref name="KnownId"/>: the id recorded in status (or named by
/// spec.adopt.id when <paramref name="AdoptOnly"/>); <paramref name="Owner"/>: the owner tag value of the Kubernetes
/// object; <paramref name="Uid"/>: its uid (idempotency tokens); <paramref name="ObjectCreated"/>: its creation time (a
/// name listing older than the object cannot show what a lost create of it left behind).
/// </summary>
public sealed record EnsureRequest(string? KnownId, string Owner, string Uid, DateTimeOffset? ObjectCreated, bool AdoptOnly = false);

/// <summary>Where a resource stands after <see cref="AwsResourceFlow.EnsureAsync"/>.</summary>
public abstract record Ensured<TObserved>
    where TObserved : class
{
    /// <summary>The resource exists and AWS reports it usable.</summary>
    public sealed record Active(TObserved Observed) : Ensured<TObserved>;

    /// <summary>AWS is still making it (Observed null while it is not visible yet after the create).</summary>
    public sealed record InProgress(TObserved? Observed, string Message) : Ensured<TObserved>;

    /// <summary>Retrying the same spec cannot help: a name taken by another object, a failed creation, an adopt target that does not exist.</summary>
    public sealed record Refused(string Reason, string Message) : Ensured<TObserved>;
}

/// <summary>
/// The one create/adopt flow for every AWS resource the operator owns, whatever the service: read it by its recorded
/// id; else (a create whose id never reached status: crash, lost response) adopt the resource with its name when it
/// carries the object's owner tag or none, refusing one that belongs to another object; else create it and have the
/// id recorded at once; then follow AWS's lifecycle. A 404 for an id this process created within the eventual
/// consistency window is AWS catching up, not drift.
/// </summary>
public sealed class AwsResourceFlow(NameIndex names, TimeProvider time, TimeSpan eventualConsistencyWindow)
{
    private readonly CreatedRecently createdRecently = new(time, eventualConsistencyWindow);

    public async Task<Ensured<TObserved>> EnsureAsync<TPlacement, TDesired, TObserved>(
        AwsResourceManager<TPlacement, TDesired, TObserved> manager, TPlacement at, TDesired desired, EnsureRequest request,
        IAwsResourceRecorder recorder, CancellationToken cancellationToken)
        where TPlacement : IAwsPlacement
        where TDesired : class
        where TObserved : class, IObservedResource
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(recorder);
        var observed = request.KnownId is { } id ? await manager.ReadOneAsync(at, id, desired, cancellationToken) : null;
        if (observed is null && request.AdoptOnly)
        {
            return new Ensured<TObserved>.Refused("AdoptTargetNotFound", $"spec.adopt.id {request.KnownId} does not exist in {at.Region}");
        }
        if (observed is null)
        {
            if (request.KnownId is { } known && createdRecently.Contains(known))
            {
                return new Ensured<TObserved>.InProgress(null, $"{manager.AwsKind} {known} was created and is not visible in AWS yet");
            }
            var found = await FindByNameAsync(manager, at, desired, request, recorder, cancellationToken);
            if (found is Ensured<TObserved>.Refused)
            {
                return found;
            }
            if (found is Ensured<TObserved>.Active adopted)
            {
                observed = adopted.Observed;
            }
            else
            {
                var created = await CreateAsync(manager, at, desired, request, recorder, cancellationToken);
                if (created is not Ensured<TObserved>.Active made)
                {
                    return created;
                }
                observed = made.Observed;
            }
        }
        return manager.LifecycleOf(observed) switch
        {
            PendingLifecycle pending => new Ensured<TObserved>.InProgress(observed, pending.Message),
            FailedLifecycle failed => new Ensured<TObserved>.Refused("CreationFailed", failed.Message),
            _ => new Ensured<TObserved>.Active(observed),
        };
    }

    /// <summary>The adopted resource (Active), a refusal, or null when nothing has the name. One listing per scope serves every create in it.</summary>
    private async Task<Ensured<TObserved>?> FindByNameAsync<TPlacement, TDesired, TObserved>(
        AwsResourceManager<TPlacement, TDesired, TObserved> manager, TPlacement at, TDesired desired, EnsureRequest request,
        IAwsResourceRecorder recorder, CancellationToken cancellationToken)
        where TPlacement : IAwsPlacement
        where TDesired : class
        where TObserved : class, IObservedResource
    {
        var name = manager.DesiredName(desired);
        if (name.Length == 0)
        {
            return null;
        }
        var id = await names.FindAsync(manager.AwsKind, at.NameScope, name, request.ObjectCreated, manager.NameComparer, ct => manager.ListNamesAsync(at, ct), cancellationToken);
        if (id is null || await manager.ReadOneAsync(at, id, desired, cancellationToken) is not { } found)
        {
            return null;
        }
        if (found.Tags.TryGetValue(OwnerTag.Key, out var existingOwner) && existingOwner != request.Owner)
        {
            return new Ensured<TObserved>.Refused("NameConflict",
                $"a {manager.AwsKind} named '{name}' already exists ({id}) and belongs to {existingOwner}; choose another name");
        }
        if (request.KnownId != id)
        {
            await recorder.RecordEventAsync("Normal", "Adopted", $"adopted existing {manager.AwsKind} '{name}' ({id})", cancellationToken);
        }
        return new Ensured<TObserved>.Active(found);
    }

    /// <summary>Creates the resource and has its id recorded at once; InProgress while AWS does not show it yet.</summary>
    private async Task<Ensured<TObserved>> CreateAsync<TPlacement, TDesired, TObserved>(
        AwsResourceManager<TPlacement, TDesired, TObserved> manager, TPlacement at, TDesired desired, EnsureRequest request,
        IAwsResourceRecorder recorder, CancellationToken cancellationToken)
        where TPlacement : IAwsPlacement
        where TDesired : class
        where TObserved : class, IObservedResource
    {
        var name = manager.DesiredName(desired);
        if (request.KnownId is { } replaced)
        {
            await recorder.RecordEventAsync("Warning", "DriftRecreated", $"{manager.AwsKind} {replaced} no longer exists in AWS; creating it again", cancellationToken);
        }
        CreatedResource created;
        try
        {
            created = await manager.CreateAsync(at, desired, new CreateContext(request.Uid, request.KnownId), cancellationToken);
        }
        catch (AwsServiceException e) when (e.Class == AwsErrorClass.Conflict && name.Length > 0)
        {
            // The name was taken after the scope was listed: list again and adopt (or report the conflict).
            names.Invalidate(manager.AwsKind, at.NameScope);
            if (await FindByNameAsync(manager, at, desired, request, recorder, cancellationToken) is { } adopted)
            {
                return adopted;
            }
            throw;
        }
        createdRecently.Add(created.Id);
        if (name.Length > 0)
        {
            names.Add(manager.AwsKind, at.NameScope, name, created.Id);
        }
        var shown = name.Length == 0 ? "" : $" '{name}'";
        await recorder.RecordCreatedAsync(created, $"created {manager.AwsKind}{shown} ({created.Id}) in {at.Region}", cancellationToken);
        var observed = manager.AsCreated(desired, created) ?? await manager.ReadOneAsync(at, created.Id, desired, cancellationToken);
        return observed is null
            ? new Ensured<TObserved>.InProgress(null, $"{manager.AwsKind} {created.Id} was created and is not visible in AWS yet")
            : new Ensured<TObserved>.Active(observed);
    }
}

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
