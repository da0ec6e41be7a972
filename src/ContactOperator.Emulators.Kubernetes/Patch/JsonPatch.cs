using System.Globalization;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Http;

namespace ContactOperator.Emulators.Kubernetes.Patch;

/// <summary>RFC 6902 JSON patch: malformed documents → 400, failing operations or tests → 422.</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiException.BadRequest("the body of the request was not a valid JSON patch: expected a JSON array of operations");
        }
        var root = document.DeepClone();
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op || Meta.String(op, "op") is not { } name || Meta.String(op, "path") is not { } path)
            {
                throw ApiException.BadRequest("the body of the request was not a valid JSON patch: every operation needs \"op\" and \"path\"");
            }
            root = name switch
            {
                "add" => Add(root, path, Value(op)),
                "remove" => Remove(root, path, out _),
                "replace" => Add(Remove(root, path, out _), path, Value(op)),
                "move" => Move(root, From(op), path, copy: false),
                "copy" => Move(root, From(op), path, copy: true),
                "test" => Test(root, path, Value(op)),
                _ => throw ApiException.BadRequest($"unexpected JSON patch operation \"{name}\""),
            };
        }
        return root;
    }

    private static JsonNode? Value(JsonObject op) =>
        op.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw ApiException.BadRequest("JSON patch operation is missing \"value\"");

    private static string From(JsonObject op) =>
        Meta.String(op, "from") ?? throw ApiException.BadRequest("JSON patch operation is missing \"from\"");

    private static JsonNode Move(JsonNode root, string from, string path, bool copy)
    {
        var value = Get(root, from)?.DeepClone();
        if (!copy)
        {
            root = Remove(root, from, out _);
        }
        return Add(root, path, value);
    }

    private static JsonNode Test(JsonNode root, string path, JsonNode? expected)
    {
        if (!JsonNode.DeepEquals(Get(root, path), expected))
        {
            throw Failed($"testing value {path} failed");
        }
        return root;
    }

    private static JsonNode? Get(JsonNode root, string path)
    {
        var node = root;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => throw Failed($"doc is missing path: \"{path}\""),
            };
        }
        return node;
    }

    private static JsonNode Add(JsonNode root, string path, JsonNode? value)
    {
        var tokens = Tokens(path);
        if (tokens.Count == 0)
        {
            return value ?? throw Failed("cannot replace the document with null");
        }
        var parent = Get(root, "/" + string.Join("/", tokens.Take(tokens.Count - 1).Select(Escape)));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= array.Count:
                array.Insert(index, value);
                break;
            default:
                throw Failed($"doc is missing path: \"{path}\"");
        }
        return root;
    }

    private static JsonNode Remove(JsonNode root, string path, out JsonNode? removed)
    {
        var tokens = Tokens(path);
        if (tokens.Count == 0)
        {
            throw Failed("cannot remove the whole document");
        }
        var parent = Get(root, "/" + string.Join("/", tokens.Take(tokens.Count - 1).Select(Escape)));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(last, out removed):
                obj.Remove(last);
                return root;
            case JsonArray array when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count:
                removed = array[index];
                array.RemoveAt(index);
                return root;
            default:
                throw Failed($"unable to remove nonexistent key: {last}: missing value");
        }
    }

    private static List<string> Tokens(string path)
    {
        if (path.Length == 0)
        {
            return [];
        }
        if (!path.StartsWith('/'))
        {
            throw ApiException.BadRequest($"the JSON patch path \"{path}\" must start with '/'");
        }
        return path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
    }

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static ApiException Failed(string message) => new(422, "Invalid", $"the server rejected our request due to an error in our request: {message}");
}
