using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContactOperator.Emulators.Kubernetes.Http;

namespace ContactOperator.Emulators.Kubernetes.Storage;

/// <summary>ObjectMeta rules every kind shares: names, label and annotation syntax and sizes.</summary>
internal static partial class MetadataValidator
{
    public static List<FieldError> Validate(JsonObject obj, ResourceType type)
    {
        var errors = new List<FieldError>();
        var metadata = obj["metadata"] as JsonObject ?? new JsonObject();
        var name = Meta.String(metadata, "name") ?? "";
        if (name.Length > 253 || !Subdomain().IsMatch(name))
        {
            if (!(type.Group.Length == 0 && type.Plural == "events" || type.Group == "events.k8s.io") || name.Contains('/', StringComparison.Ordinal))
            {
                errors.Add(FieldError.InvalidValue("metadata.name", $"\"{name}\"",
                    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"));
            }
        }
        if (metadata["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                if (!IsQualifiedName(key))
                {
                    errors.Add(FieldError.InvalidValue("metadata.labels", $"\"{key}\"", "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
                }
                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                if (text is null)
                {
                    errors.Add(FieldError.InvalidValue($"metadata.labels", value?.ToJsonString() ?? "null", "label values must be strings"));
                }
                else if (text.Length > 63 || (text.Length > 0 && !LabelValue().IsMatch(text)))
                {
                    errors.Add(FieldError.InvalidValue("metadata.labels", $"\"{text}\"", "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, and must be no more than 63 characters"));
                }
            }
        }
        if (metadata["annotations"] is JsonObject annotations)
        {
            var total = 0;
            foreach (var (key, value) in annotations)
            {
                if (!IsQualifiedName(key))
                {
                    errors.Add(FieldError.InvalidValue("metadata.annotations", $"\"{key}\"", "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
                }
                total += key.Length + (value is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : 0);
            }
            if (total > 256 * 1024)
            {
                errors.Add(FieldError.TooLong("metadata.annotations", 256 * 1024));
            }
        }
        return errors;
    }

    private static bool IsQualifiedName(string key)
    {
        var slash = key.LastIndexOf('/');
        var namePart = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0 || prefix.Length > 253 || !Subdomain().IsMatch(prefix))
            {
                return false;
            }
        }
        return namePart.Length is > 0 and <= 63 && LabelValue().IsMatch(namePart);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}
