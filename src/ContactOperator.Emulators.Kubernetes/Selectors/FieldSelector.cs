using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Http;
using ContactOperator.Emulators.Kubernetes.Storage;

namespace ContactOperator.Emulators.Kubernetes.Selectors;

/// <summary>A parsed <c>fieldSelector</c> (=, ==, !=) limited to the labels the resource supports.</summary>
internal sealed class FieldSelector
{
    private static readonly string[] EventFields =
    [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
        "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
        "reason", "reportingComponent", "source", "type",
    ];

    private readonly List<(string Field, bool Equal, string Value)> _terms;

    private FieldSelector(List<(string, bool, string)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public bool IsEverything => _terms.Count == 0;

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var terms = new List<(string, bool, string)>();
        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            (string Field, bool Equal, string Value) parsed;
            var ne = term.IndexOf("!=", StringComparison.Ordinal);
            if (ne > 0)
            {
                parsed = (term[..ne], false, term[(ne + 2)..]);
            }
            else
            {
                var eq = term.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw ApiException.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
                }
                var valueStart = eq + 1 < term.Length && term[eq + 1] == '=' ? eq + 2 : eq + 1;
                parsed = (term[..eq], true, term[valueStart..]);
            }
            if (!Supported(parsed.Field, type))
            {
                throw ApiException.BadRequest($"field label not supported: {parsed.Field}");
            }
            terms.Add(parsed);
        }
        return new FieldSelector(terms);
    }

    public bool Matches(StoredObject stored, Func<JsonObject> parse)
    {
        JsonObject? obj = null;
        foreach (var (field, equal, value) in _terms)
        {
            string actual;
            if (field == "metadata.name")
            {
                actual = stored.Name;
            }
            else if (field == "metadata.namespace")
            {
                actual = stored.Namespace;
            }
            else
            {
                obj ??= parse();
                actual = Lookup(obj, field);
            }
            if ((actual == value) != equal)
            {
                return false;
            }
        }
        return true;
    }

    private static string Lookup(JsonObject obj, string field)
    {
        field = EventViews.CoreField(field);
        if (field == "source")
        {
            field = "source.component";
        }
        JsonNode? node = obj;
        foreach (var part in field.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }
        return node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }

    private static bool Supported(string field, ResourceType type)
    {
        if (field is "metadata.name" or "metadata.namespace" || type.SelectableFields.Contains(field))
        {
            return true;
        }
        return (type.Group, type.Plural) switch
        {
            ("", "secrets") => field == "type",
            ("", "events") or ("events.k8s.io", "events") => EventFields.Contains(EventViews.CoreField(field)),
            ("", "namespaces") => field == "status.phase",
            ("", "pods") => field is "spec.nodeName" or "status.phase" or "spec.serviceAccountName",
            _ => false,
        };
    }
}
