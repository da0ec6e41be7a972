using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Admission;
using ContactOperator.Emulators.Kubernetes.Crd;
using ContactOperator.Emulators.Kubernetes.Http;
using ContactOperator.Emulators.Kubernetes.Patch;

namespace ContactOperator.Emulators.Kubernetes.Storage;

/// <summary>
/// The generic registry store: create, update (incl. /status), and delete with the metadata semantics of a
/// real API server (uid, timestamps, generation, finalizers, resourceVersion preconditions, dry run).
/// </summary>
internal sealed class ResourceWriter
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int MaxRetries = 16;
    private readonly ClusterState _state;

    public ResourceWriter(ClusterState state) => _state = state;

    private ObjectStore Store => _state.Store;

    public async Task<WriteResult> CreateAsync(ResourceType type, string ns, JsonObject body, WriteOptions options, CancellationToken ct,
        bool recordManagedFields = true)
    {
        if (EventViews.IsEventsApi(type))
        {
            CheckIdentity(type, body);
            EventViews.ValidateEventsApiCreate(type, body);
            var result = await CreateAsync(_state.Registry.CoreEvents, ns, EventViews.ToCore(body), options, ct, recordManagedFields);
            return result with { Body = ResourceReader.Present(type, result.Body) };
        }
        CheckIdentity(type, body);
        var metadata = Meta.Of(body);
        if (Meta.String(metadata, "resourceVersion") is { Length: > 0 })
        {
            throw ApiException.BadRequest("resourceVersion should not be set on objects to be created");
        }
        AssignNamespace(type, ns, metadata);
        CheckNamespaceWritable(type, ns);
        var generated = Meta.String(metadata, "name") is not { Length: > 0 };
        if (generated)
        {
            var prefix = Meta.String(metadata, "generateName");
            if (string.IsNullOrEmpty(prefix))
            {
                throw ApiException.Invalid(type, "", [FieldError.Required("metadata.name", "name or generateName is required")]);
            }
            metadata["name"] = prefix + RandomSuffix();
        }
        var now = _state.Time.GetUtcNow();
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Meta.Timestamp(now);
        metadata.Remove("deletionTimestamp");
        metadata.Remove("deletionGracePeriodSeconds");
        metadata.Remove("selfLink");
        if (type.TracksGeneration)
        {
            metadata["generation"] = 1;
        }
        else
        {
            metadata.Remove("generation");
        }
        if (type.HasStatusSubresource && type.IsCustom)
        {
            body.Remove("status");
        }
        PrepareForType(type, body, null, now);
        ObjectPipeline.PruneAndDefault(type, body, options);
        var name = Meta.Name(body);
        body = await MutateAsync(type, "CREATE", null, body, null, options, ct);
        ObjectPipeline.Validate(type, body, null);
        await ValidateAdmissionAsync(type, "CREATE", null, body, null, options, ct);
        if (recordManagedFields)
        {
            ManagedFields.RecordUpdate(body, null, options.FieldManager, type, null, now, "Update");
        }
        if (options.DryRun)
        {
            return new WriteResult(body, 201);
        }
        var key = ClusterState.KeyOf(type, ns, name);
        for (var attempt = 0; ; attempt++)
        {
            if (Store.Create(key, body) is not null)
            {
                break;
            }
            if (!generated || attempt > 5)
            {
                throw ApiException.AlreadyExists(type, name);
            }
            name = Meta.String(metadata, "generateName") + RandomSuffix();
            metadata["name"] = name;
            key = ClusterState.KeyOf(type, ns, name);
        }
        AfterCommit(type, body);
        return new WriteResult(body, 201);
    }

    /// <summary>PUT semantics: the body replaces the object (main endpoint) or its status (/status).</summary>
    public async Task<WriteResult> UpdateAsync(ResourceType type, string ns, string name, JsonObject body, string? subresource,
        WriteOptions options, CancellationToken ct)
    {
        if (EventViews.IsEventsApi(type))
        {
            CheckIdentity(type, body);
            var result = await UpdateAsync(_state.Registry.CoreEvents, ns, name, EventViews.ToCore(body), subresource, options, ct);
            return result with { Body = ResourceReader.Present(type, result.Body) };
        }
        CheckIdentity(type, body);
        var metadata = Meta.Of(body);
        if (Meta.String(metadata, "name") is { } bodyName && bodyName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }
        AssignNamespace(type, ns, metadata);
        var requested = Meta.String(metadata, "resourceVersion");
        if (string.IsNullOrEmpty(requested) && type.RequiresResourceVersionOnUpdate)
        {
            throw ApiException.Invalid(type, name, [FieldError.InvalidValue("metadata.resourceVersion", "0x0", "must be specified for an update")]);
        }
        var key = ClusterState.KeyOf(type, ns, name);
        for (var attempt = 0; attempt < MaxRetries; attempt++)
        {
            var current = Store.Get(key) ?? throw ApiException.NotFound(type, name);
            if (!string.IsNullOrEmpty(requested) && requested != current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw ApiException.Conflict(type, name);
            }
            var result = await CommitUpdateAsync(type, key, current, body.DeepClone().AsObject(), subresource, options, "Update", ct);
            if (result is not null)
            {
                return result;
            }
            if (!string.IsNullOrEmpty(requested))
            {
                throw ApiException.Conflict(type, name);
            }
        }
        throw ApiException.Conflict(type, name);
    }

    /// <summary>
    /// Read-modify-write used by PATCH: <paramref name="transform"/> turns the current object into the proposed one
    /// (null current = the object does not exist; only apply patches may then create).
    /// </summary>
    public async Task<WriteResult> PatchAsync(ResourceType type, string ns, string name, string? subresource, WriteOptions options,
        string operation, Func<JsonObject?, JsonObject> transform, CancellationToken ct)
    {
        if (EventViews.IsEventsApi(type))
        {
            var result = await PatchAsync(_state.Registry.CoreEvents, ns, name, subresource, options, operation,
                current => EventViews.ToCore(transform(current is null ? null : EventViews.ToEventsApi(current))), ct);
            return result.Body["kind"]?.GetValue<string>() == "Status" ? result : result with { Body = ResourceReader.Present(type, result.Body) };
        }
        var key = ClusterState.KeyOf(type, ns, name);
        for (var attempt = 0; attempt < MaxRetries; attempt++)
        {
            var current = Store.Get(key);
            if (current is null)
            {
                if (operation != "Apply" || subresource is not null)
                {
                    throw ApiException.NotFound(type, name);
                }
                var created = transform(null);
                Meta.Of(created)["name"] = name;
                try
                {
                    return await CreateAsync(type, ns, created, options, ct, recordManagedFields: false);
                }
                catch (ApiException ex) when (ex.Reason == "AlreadyExists")
                {
                    continue;
                }
            }
            var proposed = transform(current.ToNode());
            var precondition = Meta.ResourceVersion(proposed);
            var currentRv = current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!string.IsNullOrEmpty(precondition) && precondition != currentRv)
            {
                throw ApiException.Conflict(type, name);
            }
            var outcome = await CommitUpdateAsync(type, key, current, proposed, subresource, options, operation == "Apply" ? "Apply" : "Update", ct);
            if (outcome is not null)
            {
                return outcome;
            }
        }
        throw ApiException.Conflict(type, name);
    }

    private async Task<WriteResult?> CommitUpdateAsync(ResourceType type, ObjectKey key, StoredObject current, JsonObject proposed,
        string? subresource, WriteOptions options, string managerOperation, CancellationToken ct)
    {
        var old = current.ToNode();
        var now = _state.Time.GetUtcNow();
        JsonObject next;
        if (subresource == "status")
        {
            next = old.DeepClone().AsObject();
            if (proposed["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
            else
            {
                next.Remove("status");
            }
            if (Meta.Of(proposed)["managedFields"] is JsonArray proposedManaged && managerOperation == "Apply")
            {
                Meta.Of(next)["managedFields"] = proposedManaged.DeepClone();
            }
        }
        else
        {
            next = proposed;
            CheckIdentity(type, next);
            var metadata = Meta.Of(next);
            var oldMetadata = Meta.Of(old);
            foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "name", "namespace" })
            {
                if (oldMetadata[field] is { } value)
                {
                    metadata[field] = value.DeepClone();
                }
                else
                {
                    metadata.Remove(field);
                }
            }
            metadata.Remove("selfLink");
            if (type.HasStatusSubresource)
            {
                if (old["status"] is { } oldStatus)
                {
                    next["status"] = oldStatus.DeepClone();
                }
                else
                {
                    next.Remove("status");
                }
            }
            if (metadata["managedFields"] is null && oldMetadata["managedFields"] is { } managed)
            {
                metadata["managedFields"] = managed.DeepClone();
            }
            CheckFinalizers(type, old, next);
            PrepareForType(type, next, old, now);
            ObjectPipeline.PruneAndDefault(type, next, options);
        }
        next = await MutateAsync(type, "UPDATE", subresource, next, old, options, ct);
        ObjectPipeline.Validate(type, next, old);
        if (type.TracksGeneration && subresource is null && ContentChanged(type, old, next))
        {
            Meta.Of(next)["generation"] = Meta.Generation(old) + 1;
        }
        if (managerOperation == "Update")
        {
            ManagedFields.RecordUpdate(next, old, options.FieldManager, type, subresource, now, "Update");
        }
        if (IsNoOp(old, next))
        {
            return new WriteResult(old, 200);
        }
        await ValidateAdmissionAsync(type, "UPDATE", subresource, next, old, options, ct);
        Meta.Of(next)["resourceVersion"] = current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (options.DryRun)
        {
            return new WriteResult(next, 200);
        }
        if (Meta.IsDeleting(next) && Meta.Finalizers(next).Count == 0 && !(type.Group.Length == 0 && type.Plural == "namespaces"))
        {
            var deleted = Store.Delete(key, next, current.ResourceVersion);
            if (deleted is null)
            {
                return null;
            }
            AfterDelete(type, next);
            return new WriteResult(deleted.ToNode(), 200);
        }
        var stored = Store.Update(key, next, current.ResourceVersion);
        if (stored is null)
        {
            return null;
        }
        AfterCommit(type, next);
        return new WriteResult(next, 200);
    }

    public async Task<WriteResult> DeleteAsync(ResourceType type, string ns, string name, DeleteOptions delete, WriteOptions options, CancellationToken ct)
    {
        var key = ClusterState.KeyOf(type, ns, name);
        for (var attempt = 0; attempt < MaxRetries; attempt++)
        {
            var current = Store.Get(key) ?? throw ApiException.NotFound(type, name);
            if (delete.PreconditionUid is { Length: > 0 } uid && uid != current.Uid)
            {
                throw ApiException.ConflictWithMessage(type, name,
                    $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
            }
            var currentRv = current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (delete.PreconditionResourceVersion is { Length: > 0 } rv && rv != currentRv)
            {
                throw ApiException.ConflictWithMessage(type, name,
                    $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {currentRv}");
            }
            var obj = current.ToNode();
            await ValidateAdmissionAsync(type, "DELETE", null, null, obj, options, ct);
            var finalizers = Meta.Finalizers(obj);
            var policyFinalizer = delete.PropagationPolicy switch
            {
                "Foreground" => "foregroundDeletion",
                "Orphan" => "orphan",
                _ => null,
            };
            if (policyFinalizer is not null && !finalizers.Contains(policyFinalizer))
            {
                finalizers.Add(policyFinalizer);
            }
            if (type == _state.CrdType || (type.Group == _state.CrdType.Group && type.Plural == _state.CrdType.Plural))
            {
                if (!finalizers.Contains(CrdCleanupFinalizer))
                {
                    finalizers.Add(CrdCleanupFinalizer);
                }
            }
            var isNamespace = type.Group.Length == 0 && type.Plural == "namespaces";
            if (finalizers.Count > 0 || isNamespace)
            {
                if (!Meta.IsDeleting(obj) || !finalizers.SequenceEqual(Meta.Finalizers(obj)))
                {
                    var metadata = Meta.Of(obj);
                    if (!Meta.IsDeleting(obj))
                    {
                        metadata["deletionTimestamp"] = Meta.Timestamp(_state.Time.GetUtcNow());
                        metadata["deletionGracePeriodSeconds"] = 0;
                        if (type.TracksGeneration)
                        {
                            metadata["generation"] = Meta.Generation(obj) + 1;
                        }
                    }
                    Meta.SetFinalizers(obj, finalizers);
                    PrepareForType(type, obj, null, _state.Time.GetUtcNow());
                    if (options.DryRun)
                    {
                        return new WriteResult(obj, 200);
                    }
                    if (Store.Update(key, obj, current.ResourceVersion) is null)
                    {
                        continue;
                    }
                    AfterCommit(type, obj);
                    _state.RequestCleanup();
                }
                return new WriteResult(obj, 200);
            }
            if (options.DryRun)
            {
                return new WriteResult(StatusObjects.Success(type, name, current.Uid), 200);
            }
            if (Store.Delete(key, obj, current.ResourceVersion) is null)
            {
                continue;
            }
            AfterDelete(type, obj);
            return new WriteResult(StatusObjects.Success(type, name, current.Uid), 200);
        }
        throw ApiException.Conflict(type, name);
    }

    public const string CrdCleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    private static void CheckIdentity(ResourceType type, JsonObject body)
    {
        var apiVersion = Meta.String(body, "apiVersion");
        var kind = Meta.String(body, "kind");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.GroupVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.GroupVersion})");
        }
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }
        body["apiVersion"] = type.GroupVersion;
        body["kind"] = type.Kind;
    }

    private static void AssignNamespace(ResourceType type, string ns, JsonObject metadata)
    {
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }
        if (Meta.String(metadata, "namespace") is { Length: > 0 } bodyNamespace && bodyNamespace != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        metadata["namespace"] = ns;
    }

    private void CheckNamespaceWritable(ResourceType type, string ns)
    {
        if (!type.Namespaced)
        {
            return;
        }
        var namespaceObject = Store.Get(ClusterState.KeyOf(_state.NamespaceType, "", ns)) ?? throw ApiException.NamespaceNotFound(ns);
        if (Meta.IsDeleting(namespaceObject.ToNode()))
        {
            throw new ApiException(403, "Forbidden",
                $"{type.QualifiedResource} is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                new JsonObject { ["group"] = type.Group, ["kind"] = type.Plural });
        }
    }

    private static void CheckFinalizers(ResourceType type, JsonObject old, JsonObject next)
    {
        if (!Meta.IsDeleting(old))
        {
            return;
        }
        var added = Meta.Finalizers(next).Except(Meta.Finalizers(old)).ToList();
        if (added.Count > 0)
        {
            throw ApiException.Invalid(type, Meta.Name(old), [FieldError.Forbidden("metadata.finalizers",
                $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(a => $"\"{a}\""))}}}")]);
        }
    }

    private void PrepareForType(ResourceType type, JsonObject obj, JsonObject? old, DateTimeOffset now)
    {
        if (type.Group.Length == 0 && type.Plural == "namespaces")
        {
            var spec = obj["spec"] as JsonObject ?? new JsonObject();
            spec["finalizers"] ??= new JsonArray("kubernetes");
            obj["spec"] = spec;
            obj["status"] = new JsonObject { ["phase"] = Meta.IsDeleting(obj) ? "Terminating" : "Active" };
            var labels = Meta.Of(obj)["labels"] as JsonObject ?? new JsonObject();
            labels["kubernetes.io/metadata.name"] = Meta.Name(obj);
            Meta.Of(obj)["labels"] = labels;
        }
        else if (type.Group == "apiextensions.k8s.io" && type.Plural == "customresourcedefinitions")
        {
            CrdResources.Prepare(obj, type, _state.Registry, now, old);
        }
        else if (type.Group.Length == 0 && type.Plural == "secrets" && string.IsNullOrEmpty(Meta.String(obj, "type")))
        {
            obj["type"] = "Opaque";
        }
    }

    private void AfterCommit(ResourceType type, JsonObject obj)
    {
        if (type.Group == "apiextensions.k8s.io" && type.Plural == "customresourcedefinitions")
        {
            var accepted = (obj["status"] as JsonObject)?["conditions"] is JsonArray conditions &&
                conditions.OfType<JsonObject>().Any(c => Meta.String(c, "type") == "Established" && Meta.String(c, "status") == "True");
            if (accepted)
            {
                _state.Registry.SetCrdResources(Meta.Name(obj), CrdResources.ServedTypes(obj));
            }
        }
    }

    private void AfterDelete(ResourceType type, JsonObject obj)
    {
        if (type.Group == "apiextensions.k8s.io" && type.Plural == "customresourcedefinitions")
        {
            _state.Registry.RemoveCrd(Meta.Name(obj));
        }
        _state.RequestCleanup();
    }

    private async Task<JsonObject> MutateAsync(ResourceType type, string operation, string? subresource, JsonObject obj, JsonObject? old,
        WriteOptions options, CancellationToken ct)
    {
        if (_state.Admission is null)
        {
            return obj;
        }
        var request = new AdmissionRequest(type, operation, subresource, Meta.Name(obj), Meta.String(Meta.Of(obj), "namespace") ?? "",
            obj, old, options.DryRun, options);
        var mutated = await _state.Admission.MutateAsync(request, ct);
        if (mutated is null || ReferenceEquals(mutated, obj))
        {
            return obj;
        }
        ObjectPipeline.PruneAndDefault(type, mutated, options with { FieldValidation = FieldValidation.Ignore });
        return mutated;
    }

    private async Task ValidateAdmissionAsync(ResourceType type, string operation, string? subresource, JsonObject? obj, JsonObject? old,
        WriteOptions options, CancellationToken ct)
    {
        if (_state.Admission is null)
        {
            return;
        }
        var subject = obj ?? old!;
        var request = new AdmissionRequest(type, operation, subresource, Meta.Name(subject), Meta.String(Meta.Of(subject), "namespace") ?? "",
            obj, old, options.DryRun, options);
        await _state.Admission.ValidateAsync(request, ct);
    }

    private static bool ContentChanged(ResourceType type, JsonObject old, JsonObject next)
    {
        foreach (var (key, value) in next)
        {
            if (key is "metadata" or "apiVersion" or "kind" || (key == "status" && type.HasStatusSubresource))
            {
                continue;
            }
            if (!JsonNode.DeepEquals(value, old[key]))
            {
                return true;
            }
        }
        foreach (var (key, _) in old)
        {
            if (key is "metadata" or "apiVersion" or "kind" || (key == "status" && type.HasStatusSubresource))
            {
                continue;
            }
            if (!next.ContainsKey(key))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsNoOp(JsonObject old, JsonObject next)
    {
        var a = old.DeepClone().AsObject();
        var b = next.DeepClone().AsObject();
        foreach (var obj in new[] { a, b })
        {
            var metadata = Meta.Of(obj);
            metadata.Remove("resourceVersion");
            metadata.Remove("managedFields");
        }
        return JsonNode.DeepEquals(a, b);
    }

    private static string RandomSuffix() =>
        string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = GenerateNameAlphabet[RandomNumberGenerator.GetInt32(GenerateNameAlphabet.Length)];
            }
        });
}
