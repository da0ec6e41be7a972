using System.Text;
using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Storage;

/// <summary>
/// A Secret's <c>stringData</c> is write-only, as on a real API server: each entry is stored base64-encoded in
/// <c>data</c> (overwriting a key of the same name) and <c>stringData</c> itself is never stored or served.
/// </summary>
internal static class SecretData
{
    public static bool Applies(ResourceType type) => type.Group.Length == 0 && type.Plural == "secrets";

    public static void MergeStringData(JsonObject secret)
    {
        if (secret["stringData"] is not JsonObject stringData)
        {
            secret.Remove("stringData");
            return;
        }
        var data = secret["data"] as JsonObject ?? new JsonObject();
        foreach (var (key, value) in stringData)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
        }
        secret.Remove("stringData");
        secret.Remove("data");
        secret["data"] = data;
    }
}
