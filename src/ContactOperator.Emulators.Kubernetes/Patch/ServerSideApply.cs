using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Http;
using ContactOperator.Emulators.Kubernetes.Storage;

namespace ContactOperator.Emulators.Kubernetes.Patch;

/// <summary>
/// Server-side apply: merges an applied configuration into the live object, removes fields the manager
/// applied before but no longer applies (unless someone else owns them), and reports field-manager conflicts.
/// Simplification: ownership is tracked per leaf path; a conflict is a leaf whose live value differs from the applied one
/// and that another manager owns.
/// </summary>
internal static class ServerSideApply
{
    public static JsonObject Apply(JsonObject? live, JsonObject applied, ResourceType type, string manager, bool force, DateTimeOffset now)
    {
        var hasSchema = type.Schema is not null;
        var appliedFields = FieldSet.FromObject(applied, type.Schema, hasSchema);
        var result = live?.DeepClone().AsObject() ?? new JsonObject();
        var entries = live is null ? [] : ManagedFields.Read(live);
        var mine = entries.FirstOrDefault(e => e.SameOwner(manager, "Apply", null));
        var others = entries.Where(e => e != mine).ToList();

        var conflicts = FindConflicts(live, applied, appliedFields, others);
        if (conflicts.Count > 0 && !force && manager == "kubectl" && live is not null &&
            conflicts.All(c => AllowedByLastApplied(live, type, c.Path)))
        {
            // the API server upgrades client-side apply to `kubectl apply --server-side` without conflicts for fields whose
            // live value still equals the last-applied-configuration annotation (apiserver lastAppliedManager)
            force = true;
        }
        if (conflicts.Count > 0 && !force)
        {
            throw ConflictError(type, Meta.Name(applied), conflicts);
        }
        foreach (var (otherManager, _, path) in conflicts)
        {
            foreach (var other in others.Where(o => o.Manager == otherManager))
            {
                other.Fields.Remove(path);
            }
        }
        // fields applied earlier by this manager and dropped now are removed unless another manager also owns them
        if (mine is not null)
        {
            foreach (var path in mine.Fields.Paths().Where(p => !appliedFields.Contains(p)).ToList())
            {
                if (!others.Any(o => o.Fields.Contains(path)))
                {
                    FieldPath.Remove(result, path);
                    RemoveEmptiedMaps(result, path, applied, others);
                }
            }
        }
        foreach (var path in appliedFields.Paths())
        {
            foreach (var other in others.Where(o => o.Operation == "Update"))
            {
                // Update managers lose shared ownership of values the applier now sets
                if (FieldPath.TryGet(live, path, out var current) && FieldPath.TryGet(applied, path, out var wanted) && !JsonNode.DeepEquals(current, wanted))
                {
                    other.Fields.Remove(path);
                }
            }
        }
        Merge(result, applied, type.Schema, hasSchema);
        if (mine is null)
        {
            mine = new ManagedEntry { Manager = manager, Operation = "Apply" };
            entries.Add(mine);
        }
        mine.Fields = appliedFields;
        mine.ApiVersion = type.GroupVersion;
        mine.Time = Meta.Timestamp(now);
        ManagedFields.Write(result, entries);
        return result;
    }

    /// <summary>
    /// A real server records a manager's ownership of a map itself (the "." entry of managedFields), so a map the
    /// manager no longer applies goes with its last field instead of staying behind as <c>{}</c>. Here: the maps above
    /// a removed field that it left empty, that the applied configuration does not have and under which no other
    /// manager owns anything. Top-level fields (spec, metadata, data) stay.
    /// </summary>
    private static void RemoveEmptiedMaps(JsonObject result, IReadOnlyList<string> removed, JsonObject applied, List<ManagedEntry> others)
    {
        for (var depth = removed.Count - 1; depth >= 2; depth--)
        {
            var map = removed.Take(depth).ToList();
            if (!map.All(e => e.StartsWith("f:", StringComparison.Ordinal))
                || !FieldPath.TryGet(result, map, out var node) || node is not JsonObject { Count: 0 }
                || FieldPath.TryGet(applied, map, out _)
                || others.Any(o => o.Fields.Paths().Any(p => p.Count >= map.Count && p.Take(map.Count).SequenceEqual(map))))
            {
                return;
            }
            FieldPath.Remove(result, map);
        }
    }

    private static List<(string Manager, string ApiVersion, IReadOnlyList<string> Path)> FindConflicts(JsonObject? live, JsonObject applied,
        FieldSet appliedFields, List<ManagedEntry> others)
    {
        var conflicts = new List<(string, string, IReadOnlyList<string>)>();
        foreach (var path in appliedFields.Paths())
        {
            if (!FieldPath.TryGet(live, path, out var current) || !FieldPath.TryGet(applied, path, out var wanted) || JsonNode.DeepEquals(current, wanted))
            {
                continue;
            }
            foreach (var other in others.Where(o => o.Fields.Contains(path)))
            {
                conflicts.Add((other.Manager, other.ApiVersion, path));
            }
        }
        return conflicts;
    }

    private static bool AllowedByLastApplied(JsonObject live, ResourceType type, IReadOnlyList<string> path)
    {
        var annotation = Meta.String((live["metadata"] as JsonObject)?["annotations"] as JsonObject, "kubectl.kubernetes.io/last-applied-configuration");
        if (annotation is null || JsonNode.Parse(annotation) is not JsonObject lastApplied)
        {
            return false;
        }
        var lastAppliedFields = FieldSet.FromObject(lastApplied, type.Schema, type.Schema is not null);
        return lastAppliedFields.Contains(path) && FieldPath.TryGet(lastApplied, path, out var recorded) &&
            FieldPath.TryGet(live, path, out var current) && JsonNode.DeepEquals(recorded, current);
    }

    private static ApiException ConflictError(ResourceType type, string name,
        List<(string Manager, string ApiVersion, IReadOnlyList<string> Path)> conflicts)
    {
        var causes = new JsonArray();
        foreach (var (manager, apiVersion, path) in conflicts)
        {
            causes.Add(new JsonObject
            {
                ["reason"] = "FieldManagerConflict",
                ["message"] = $"conflict with \"{manager}\" using {apiVersion}",
                ["field"] = FieldSet.Display(path),
            });
        }
        string message;
        if (conflicts.Count == 1)
        {
            var (manager, apiVersion, path) = conflicts[0];
            message = $"Apply failed with 1 conflict: conflict with \"{manager}\" using {apiVersion}: {FieldSet.Display(path)}";
        }
        else
        {
            var lines = conflicts.GroupBy(c => (c.Manager, c.ApiVersion))
                .Select(g => $"conflicts with \"{g.Key.Manager}\" using {g.Key.ApiVersion}:\n" + string.Join("\n", g.Select(c => "- " + FieldSet.Display(c.Path))));
            message = $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
        }
        return ApiException.ConflictWithMessage(type, name, message, causes);
    }

    /// <summary>Structural merge of an applied configuration (maps recurse, map-lists merge by key, sets union, others replace).</summary>
    public static void Merge(JsonObject target, JsonObject applied, JsonObject? schema, bool hasSchema)
    {
        foreach (var (key, value) in applied)
        {
            var childSchema = key == "metadata" ? null : ListSemantics.Property(schema, key);
            var existing = target[key];
            if (value is JsonObject appliedObject && existing is JsonObject existingObject)
            {
                Merge(existingObject, appliedObject, childSchema, hasSchema && key != "metadata");
                continue;
            }
            if (value is JsonArray appliedArray && existing is JsonArray existingArray)
            {
                var (kind, keys) = key == "finalizers" && schema is null ? (ListKind.Set, (IReadOnlyList<string>)[]) : ListSemantics.Of(childSchema, appliedArray, hasSchema);
                if (kind == ListKind.Set)
                {
                    foreach (var element in appliedArray)
                    {
                        if (!existingArray.Any(e => JsonNode.DeepEquals(e, element)))
                        {
                            existingArray.Add(element?.DeepClone());
                        }
                    }
                    continue;
                }
                if (kind == ListKind.Map)
                {
                    foreach (var element in appliedArray)
                    {
                        var elementKey = ListSemantics.KeyOf(element, keys);
                        var match = existingArray.FirstOrDefault(e => ListSemantics.KeyMatches(e, elementKey));
                        if (match is JsonObject matchObject && element is JsonObject elementObject)
                        {
                            Merge(matchObject, elementObject, ListSemantics.Items(childSchema), hasSchema);
                        }
                        else
                        {
                            existingArray.Add(element?.DeepClone());
                        }
                    }
                    continue;
                }
            }
            target[key] = value?.DeepClone();
        }
    }
}
