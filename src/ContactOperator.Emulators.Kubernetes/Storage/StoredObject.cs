using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Storage;

/// <summary>
/// One committed object version. Immutable: the JSON is kept as UTF-8 bytes so readers on any thread
/// get their own parsed copy and lists can be written without re-serializing.
/// </summary>
internal sealed class StoredObject
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    private StoredObject(byte[] json, long resourceVersion, string ns, string name, string uid,
        IReadOnlyDictionary<string, string> labels, IReadOnlyList<string> ownerUids, string apiVersion, bool isDeleting)
    {
        ApiVersion = apiVersion;
        IsDeleting = isDeleting;
        Json = json;
        ResourceVersion = resourceVersion;
        Namespace = ns;
        Name = name;
        Uid = uid;
        Labels = labels;
        OwnerUids = ownerUids;
    }

    public byte[] Json { get; }

    /// <summary>The apiVersion the object was stored with (multi-version CRDs are rewritten on read).</summary>
    public string ApiVersion { get; }

    public long ResourceVersion { get; }

    /// <summary>Empty for cluster-scoped objects.</summary>
    public string Namespace { get; }

    public string Name { get; }

    public string Uid { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public IReadOnlyList<string> OwnerUids { get; }

    /// <summary>Has <c>metadata.deletionTimestamp</c> (waiting for finalizers).</summary>
    public bool IsDeleting { get; }

    public JsonObject ToNode() => JsonNode.Parse(Json)!.AsObject();

    public static StoredObject From(JsonObject obj, long resourceVersion)
    {
        var metadata = obj["metadata"] as JsonObject;
        var labels = NoLabels;
        if (metadata?["labels"] is JsonObject labelNode && labelNode.Count > 0)
        {
            var copy = new Dictionary<string, string>(labelNode.Count, StringComparer.Ordinal);
            foreach (var (key, value) in labelNode)
            {
                copy[key] = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
            }
            labels = copy;
        }
        IReadOnlyList<string> owners = [];
        if (metadata?["ownerReferences"] is JsonArray refs && refs.Count > 0)
        {
            owners = refs.Select(r => r?["uid"]?.GetValue<string>() ?? "").Where(u => u.Length > 0).ToList();
        }
        return new StoredObject(
            JsonSerializer.SerializeToUtf8Bytes(obj, JsonContext.Default.JsonObject),
            resourceVersion,
            metadata?["namespace"]?.GetValue<string>() ?? "",
            metadata?["name"]?.GetValue<string>() ?? "",
            metadata?["uid"]?.GetValue<string>() ?? "",
            labels,
            owners,
            obj["apiVersion"]?.GetValue<string>() ?? "",
            metadata?["deletionTimestamp"] is not null);
    }
}
