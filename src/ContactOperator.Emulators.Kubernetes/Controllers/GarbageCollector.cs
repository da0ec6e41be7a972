using System.Text.Json.Nodes;
using System.Threading.Channels;
using ContactOperator.Emulators.Kubernetes.Http;
using ContactOperator.Emulators.Kubernetes.Storage;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Emulators.Kubernetes.Controllers;

/// <summary>
/// The controllers a bare API server needs so nothing hangs: owner-reference garbage collection (background,
/// foreground and orphan), the namespace finalizer (delete contents, then the namespace) and CRD cleanup
/// (delete all instances, then the definition).
/// </summary>
internal sealed partial class GarbageCollector : IAsyncDisposable
{
    private const string Manager = "generic-garbage-collector";
    private readonly ClusterState _state;
    private readonly ResourceWriter _writer;
    private readonly ILogger _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public GarbageCollector(ClusterState state, ILogger logger)
    {
        _state = state;
        _writer = new ResourceWriter(state);
        _logger = logger;
        state.CleanupNeeded += () => _wake.Writer.TryWrite(true);
        _loop = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _wake.Reader.WaitToReadAsync(_stop.Token))
            {
                _wake.Reader.TryRead(out _);
                for (var pass = 0; pass < 20 && await PassAsync(_stop.Token); pass++)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    /// <summary>One sweep; true when it changed something (another sweep may find more).</summary>
    private async Task<bool> PassAsync(CancellationToken ct)
    {
        var changed = false;
        var types = _state.Registry.StorageTypes();
        var all = new List<(ResourceType Type, StoredObject Item)>();
        foreach (var type in types)
        {
            all.AddRange(_state.Store.List(type.StorageKey, null).Items.Select(i => (type, i)));
        }
        var dependents = all.SelectMany(e => e.Item.OwnerUids.Select(uid => (uid, e))).ToLookup(p => p.uid, p => p.e);
        foreach (var (type, item) in all)
        {
            try
            {
                changed |= await ProcessAsync(type, item, dependents, all, ct);
            }
            catch (ApiException ex) when (ex.Code is 404 or 409)
            {
                changed = true;
            }
            catch (ApiException ex)
            {
                LogFailure(_logger, type.QualifiedResource, item.Name, ex.Message);
            }
        }
        return changed;
    }

    private async Task<bool> ProcessAsync(ResourceType type, StoredObject item, ILookup<string, (ResourceType Type, StoredObject Item)> dependents,
        List<(ResourceType Type, StoredObject Item)> all, CancellationToken ct)
    {
        var options = new WriteOptions { FieldManager = Manager };
        if (item.OwnerUids.Count > 0)
        {
            var owners = item.OwnerUids.Select(uid => _state.Store.GetByUid(uid)).ToList();
            if (owners.All(o => o is null))
            {
                await _writer.DeleteAsync(type, item.Namespace, item.Name, new DeleteOptions(), options, ct);
                return true;
            }
            if (owners.Any(o => o is not null && IsDeletingWith(o, "foregroundDeletion")) && !item.IsDeleting)
            {
                await _writer.DeleteAsync(type, item.Namespace, item.Name, new DeleteOptions { PropagationPolicy = "Foreground" }, options, ct);
                return true;
            }
        }
        if (!item.IsDeleting)
        {
            return false;
        }
        var obj = item.ToNode();
        var finalizers = Meta.Finalizers(obj);
        if (finalizers.Contains("orphan"))
        {
            foreach (var (dependentType, dependent) in dependents[item.Uid])
            {
                await _writer.PatchAsync(dependentType, dependent.Namespace, dependent.Name, null, options, "Update", current =>
                {
                    if (Meta.Of(current!)["ownerReferences"] is JsonArray refs)
                    {
                        foreach (var reference in refs.Where(r => Meta.String(r as JsonObject, "uid") == item.Uid).ToList())
                        {
                            refs.Remove(reference);
                        }
                        if (refs.Count == 0)
                        {
                            Meta.Of(current!).Remove("ownerReferences");
                        }
                    }
                    return current!;
                }, ct);
            }
            await RemoveFinalizerAsync(type, item, "orphan", ct);
            return true;
        }
        if (finalizers.Contains("foregroundDeletion") && !dependents[item.Uid].Any())
        {
            await RemoveFinalizerAsync(type, item, "foregroundDeletion", ct);
            return true;
        }
        if (type.Group.Length == 0 && type.Plural == "namespaces")
        {
            var contents = all.Where(e => e.Type.Namespaced && e.Item.Namespace == item.Name).ToList();
            foreach (var (contentType, content) in contents.Where(c => !c.Item.IsDeleting))
            {
                await _writer.DeleteAsync(contentType, content.Namespace, content.Name, new DeleteOptions(), options, ct);
            }
            if (contents.Count == 0 && finalizers.Count == 0)
            {
                var stored = _state.Store.Get(ClusterState.KeyOf(type, "", item.Name));
                if (stored is not null)
                {
                    var final = stored.ToNode();
                    if (final["spec"] is JsonObject spec)
                    {
                        spec["finalizers"] = new JsonArray();
                    }
                    _state.Store.Delete(ClusterState.KeyOf(type, "", item.Name), final, stored.ResourceVersion);
                }
                return true;
            }
            return contents.Count > 0;
        }
        if (type == _state.CrdType && finalizers.Contains(ResourceWriter.CrdCleanupFinalizer))
        {
            var crdSpec = obj["spec"] as JsonObject;
            var bucket = $"{Meta.String(crdSpec, "group")}/{Meta.String(crdSpec?["names"] as JsonObject, "plural")}";
            var instances = all.Where(e => e.Type.StorageKey == bucket).ToList();
            foreach (var (instanceType, instance) in instances.Where(c => !c.Item.IsDeleting))
            {
                await _writer.DeleteAsync(instanceType, instance.Namespace, instance.Name, new DeleteOptions(), options, ct);
            }
            if (instances.Count == 0)
            {
                await RemoveFinalizerAsync(type, item, ResourceWriter.CrdCleanupFinalizer, ct);
                return true;
            }
            return instances.Count > 0;
        }
        return false;
    }

    private static bool IsDeletingWith(StoredObject stored, string finalizer) =>
        stored.IsDeleting && Meta.Finalizers(stored.ToNode()).Contains(finalizer);

    private Task<WriteResult> RemoveFinalizerAsync(ResourceType type, StoredObject item, string finalizer, CancellationToken ct) =>
        _writer.PatchAsync(type, item.Namespace, item.Name, null, new WriteOptions { FieldManager = Manager }, "Update", current =>
        {
            Meta.SetFinalizers(current!, Meta.Finalizers(current!).Where(f => f != finalizer).ToList());
            return current!;
        }, ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garbage collection of {Resource} {Name} failed: {Reason}")]
    private static partial void LogFailure(ILogger logger, string resource, string name, string reason);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _wake.Writer.TryComplete();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        _stop.Dispose();
    }
}
