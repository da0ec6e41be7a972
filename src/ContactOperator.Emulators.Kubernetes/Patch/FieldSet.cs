using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Patch;

/// <summary>
/// A set of field paths in the <c>FieldsV1</c> shape used by managedFields:
/// <c>f:name</c> for fields, <c>k:{"name":"x"}</c> for map-list items, <c>v:"x"</c> for set items, <c>.</c> for "the item itself".
/// </summary>
internal sealed class FieldSet
{
    private readonly SortedDictionary<string, FieldSet> _children = new(StringComparer.Ordinal);

    /// <summary>The node itself is a member (a leaf, or a list item marked with ".").</summary>
    public bool Self { get; private set; }

    public bool IsEmpty => !Self && _children.Count == 0;

    public static FieldSet FromObject(JsonObject obj, JsonObject? schema, bool hasSchema)
    {
        var set = new FieldSet();
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }
            if (key == "metadata")
            {
                if (value is JsonObject metadata)
                {
                    var meta = new FieldSet();
                    foreach (var field in new[] { "labels", "annotations", "finalizers", "ownerReferences" })
                    {
                        if (metadata[field] is { } fieldValue)
                        {
                            var child = new FieldSet();
                            child.AddValue(fieldValue, null, hasSchema: false, field == "finalizers" ? ListKind.Set : null);
                            meta._children["f:" + field] = child;
                        }
                    }
                    if (!meta.IsEmpty)
                    {
                        set._children["f:metadata"] = meta;
                    }
                }
                continue;
            }
            var childSet = new FieldSet();
            childSet.AddValue(value, ListSemantics.Property(schema, key), hasSchema, null);
            set._children["f:" + key] = childSet;
        }
        return set;
    }

    private void AddValue(JsonNode? value, JsonObject? schema, bool hasSchema, ListKind? forced)
    {
        switch (value)
        {
            case JsonObject obj when obj.Count > 0:
                foreach (var (key, child) in obj)
                {
                    var childSet = new FieldSet();
                    childSet.AddValue(child, ListSemantics.Property(schema, key), hasSchema, null);
                    _children["f:" + key] = childSet;
                }
                break;
            case JsonArray array:
                var (kind, keys) = forced is { } f ? (f, (IReadOnlyList<string>)[]) : ListSemantics.Of(schema, array, hasSchema);
                if (kind == ListKind.Atomic || array.Count == 0)
                {
                    Self = true;
                    break;
                }
                foreach (var element in array)
                {
                    if (kind == ListKind.Set)
                    {
                        _children["v:" + (element?.ToJsonString() ?? "null")] = new FieldSet { Self = true };
                        continue;
                    }
                    var item = new FieldSet { Self = true };
                    if (element is JsonObject elementObject)
                    {
                        foreach (var (key, child) in elementObject)
                        {
                            var childSet = new FieldSet();
                            childSet.AddValue(child, ListSemantics.Property(ListSemantics.Items(schema), key), hasSchema, null);
                            item._children["f:" + key] = childSet;
                        }
                    }
                    _children["k:" + ListSemantics.KeyOf(element, keys).ToJsonString()] = item;
                }
                break;
            default:
                Self = true;
                break;
        }
    }

    public static FieldSet FromFieldsV1(JsonObject? fields)
    {
        var set = new FieldSet();
        if (fields is null)
        {
            return set;
        }
        foreach (var (key, value) in fields)
        {
            if (key == ".")
            {
                set.Self = true;
                continue;
            }
            var child = FromFieldsV1(value as JsonObject);
            if (child._children.Count == 0)
            {
                child.Self = true;
            }
            set._children[key] = child;
        }
        return set;
    }

    public JsonObject ToFieldsV1()
    {
        var obj = new JsonObject();
        if (Self && _children.Count > 0)
        {
            obj["."] = new JsonObject();
        }
        foreach (var (key, child) in _children)
        {
            obj[key] = child.ToFieldsV1();
        }
        return obj;
    }

    /// <summary>Every member path (leaves and self-marked items).</summary>
    public IEnumerable<IReadOnlyList<string>> Paths()
    {
        var stack = new List<string>();
        return Walk(this, stack);

        static IEnumerable<IReadOnlyList<string>> Walk(FieldSet node, List<string> prefix)
        {
            if (node.Self && prefix.Count > 0)
            {
                yield return prefix.ToArray();
            }
            foreach (var (key, child) in node._children)
            {
                prefix.Add(key);
                foreach (var path in Walk(child, prefix))
                {
                    yield return path;
                }
                prefix.RemoveAt(prefix.Count - 1);
            }
        }
    }

    public bool Contains(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out var child))
            {
                return false;
            }
            node = child;
        }
        return node.Self;
    }

    public void Add(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out var child))
            {
                child = new FieldSet();
                node._children[element] = child;
            }
            node = child;
        }
        node.Self = true;
    }

    public void Remove(IReadOnlyList<string> path) => Remove(path, 0);

    private bool Remove(IReadOnlyList<string> path, int index)
    {
        if (index == path.Count)
        {
            Self = false;
            return IsEmpty;
        }
        if (_children.TryGetValue(path[index], out var child) && child.Remove(path, index + 1))
        {
            _children.Remove(path[index]);
        }
        return IsEmpty;
    }

    /// <summary><c>.spec.containers[name="x"].image</c> for conflict messages.</summary>
    public static string Display(IReadOnlyList<string> path)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var element in path)
        {
            if (element.StartsWith("f:", StringComparison.Ordinal))
            {
                builder.Append('.').Append(element.AsSpan(2));
            }
            else if (element.StartsWith("k:", StringComparison.Ordinal) && JsonNode.Parse(element[2..]) is JsonObject key)
            {
                builder.Append('[').Append(string.Join(",", key.Select(p => $"{p.Key}={p.Value?.ToJsonString()}"))).Append(']');
            }
            else if (element.StartsWith("v:", StringComparison.Ordinal))
            {
                builder.Append("[=").Append(element.AsSpan(2)).Append(']');
            }
        }
        return builder.ToString();
    }
}
