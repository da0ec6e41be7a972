using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Storage;

namespace ContactOperator.Emulators.Kubernetes.Patch;

/// <summary>One <c>metadata.managedFields</c> entry.</summary>
internal sealed class ManagedEntry
{
    public required string Manager { get; init; }

    public required string Operation { get; init; }

    public string? Subresource { get; init; }

    public string ApiVersion { get; set; } = "";

    public string Time { get; set; } = "";

    public FieldSet Fields { get; set; } = new();

    public bool SameOwner(string manager, string operation, string? subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;

    public JsonObject ToJson()
    {
        var obj = new JsonObject
        {
            ["manager"] = Manager,
            ["operation"] = Operation,
            ["apiVersion"] = ApiVersion,
            ["time"] = Time,
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = Fields.ToFieldsV1(),
        };
        if (Subresource is not null)
        {
            obj["subresource"] = Subresource;
        }
        return obj;
    }
}

/// <summary>
/// Maintains <c>metadata.managedFields</c>: Update operations take ownership of the fields they changed,
/// Apply operations own exactly the fields of their applied configuration.
/// </summary>
internal static class ManagedFields
{
    public static List<ManagedEntry> Read(JsonObject obj)
    {
        var entries = new List<ManagedEntry>();
        if ((obj["metadata"] as JsonObject)?["managedFields"] is not JsonArray array)
        {
            return entries;
        }
        foreach (var item in array.OfType<JsonObject>())
        {
            entries.Add(new ManagedEntry
            {
                Manager = Meta.String(item, "manager") ?? "",
                Operation = Meta.String(item, "operation") ?? "Update",
                Subresource = Meta.String(item, "subresource"),
                ApiVersion = Meta.String(item, "apiVersion") ?? "",
                Time = Meta.String(item, "time") ?? "",
                Fields = FieldSet.FromFieldsV1(item["fieldsV1"] as JsonObject),
            });
        }
        return entries;
    }

    public static void Write(JsonObject obj, List<ManagedEntry> entries)
    {
        entries.RemoveAll(e => e.Fields.IsEmpty);
        var metadata = Meta.Of(obj);
        if (entries.Count == 0)
        {
            metadata.Remove("managedFields");
            return;
        }
        metadata["managedFields"] = new JsonArray(entries.Select(e => (JsonNode?)e.ToJson()).ToArray());
    }

    /// <summary>Gives <paramref name="manager"/> the fields that differ between <paramref name="old"/> and <paramref name="next"/>.</summary>
    public static void RecordUpdate(JsonObject next, JsonObject? old, string manager, ResourceType type, string? subresource,
        DateTimeOffset now, string operation)
    {
        // a client that sends different managedFields replaces them (kubectl's client-side → server-side apply migration relies on it)
        var sent = (next["metadata"] as JsonObject)?["managedFields"];
        var previous = (old?["metadata"] as JsonObject)?["managedFields"];
        var entries = old is null || (sent is not null && !JsonNode.DeepEquals(sent, previous)) ? Read(next) : Read(old);
        var nextFields = FieldSet.FromObject(next, type.Schema, type.Schema is not null);
        var changed = new List<IReadOnlyList<string>>();
        foreach (var path in nextFields.Paths())
        {
            if (old is null || !FieldPath.TryGet(old, path, out var before) || !FieldPath.TryGet(next, path, out var after) ||
                !JsonNode.DeepEquals(before, after))
            {
                changed.Add(path);
            }
        }
        if (old is not null)
        {
            var oldFields = FieldSet.FromObject(old, type.Schema, type.Schema is not null);
            foreach (var removed in oldFields.Paths().Where(p => !nextFields.Contains(p)).ToList())
            {
                foreach (var entry in entries)
                {
                    entry.Fields.Remove(removed);
                }
            }
        }
        if (changed.Count == 0)
        {
            Write(next, entries);
            return;
        }
        var mine = entries.FirstOrDefault(e => e.SameOwner(manager, operation, subresource));
        if (mine is null)
        {
            mine = new ManagedEntry { Manager = manager, Operation = operation, Subresource = subresource };
            entries.Add(mine);
        }
        foreach (var path in changed)
        {
            foreach (var entry in entries.Where(e => e != mine))
            {
                entry.Fields.Remove(path);
            }
            mine.Fields.Add(path);
        }
        mine.ApiVersion = type.GroupVersion;
        mine.Time = Meta.Timestamp(now);
        Write(next, entries);
    }
}
