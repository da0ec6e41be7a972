using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Patch;

/// <summary>Reads and removes values addressed by a <see cref="FieldSet"/> path.</summary>
internal static class FieldPath
{
    public static bool TryGet(JsonNode? root, IReadOnlyList<string> path, out JsonNode? value)
    {
        var node = root;
        foreach (var element in path)
        {
            if (!TryStep(node, element, out node, out _, out _))
            {
                value = null;
                return false;
            }
        }
        value = node;
        return true;
    }

    public static void Remove(JsonNode? root, IReadOnlyList<string> path)
    {
        var node = root;
        for (var i = 0; i < path.Count; i++)
        {
            if (!TryStep(node, path[i], out var next, out var parentArray, out var index))
            {
                return;
            }
            if (i == path.Count - 1)
            {
                if (parentArray is not null)
                {
                    parentArray.RemoveAt(index);
                }
                else if (node is JsonObject obj)
                {
                    obj.Remove(path[i][2..]);
                }
                return;
            }
            node = next;
        }
    }

    private static bool TryStep(JsonNode? node, string element, out JsonNode? next, out JsonArray? array, out int index)
    {
        next = null;
        array = null;
        index = -1;
        if (element.StartsWith("f:", StringComparison.Ordinal))
        {
            return node is JsonObject obj && obj.TryGetPropertyValue(element[2..], out next);
        }
        if (node is not JsonArray list)
        {
            return false;
        }
        if (element.StartsWith("k:", StringComparison.Ordinal) && JsonNode.Parse(element[2..]) is JsonObject key)
        {
            index = list.ToList().FindIndex(e => ListSemantics.KeyMatches(e, key));
        }
        else if (element.StartsWith("v:", StringComparison.Ordinal))
        {
            var wanted = JsonNode.Parse(element[2..]);
            index = list.ToList().FindIndex(e => JsonNode.DeepEquals(e, wanted));
        }
        if (index < 0)
        {
            return false;
        }
        array = list;
        next = list[index];
        return true;
    }
}
