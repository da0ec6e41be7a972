using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContactOperator.Crds;

/// <summary>Writes a JSON tree as block-style YAML, quoting only strings that would otherwise change meaning.</summary>
public static partial class YamlWriter
{
    public static string Write(JsonNode node)
    {
        var stream = new YamlStream(new YamlDocument(ToYaml(node)));
        using var writer = new StringWriter { NewLine = "\n" };
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlDotNet ends every document with "...": drop it, keep one trailing newline.
        text = text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
        return "---\n" + text.TrimEnd('\n') + "\n";
    }

    private static YamlNode ToYaml(JsonNode? node) => node switch
    {
        JsonObject obj => new YamlMappingNode(obj.Select(p => new KeyValuePair<YamlNode, YamlNode>(Scalar(p.Key), ToYaml(p.Value)))),
        JsonArray array => new YamlSequenceNode(array.Select(ToYaml)),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => Scalar(value.GetValue<string>()),
            JsonValueKind.True => new YamlScalarNode("true") { Style = ScalarStyle.Plain },
            JsonValueKind.False => new YamlScalarNode("false") { Style = ScalarStyle.Plain },
            _ => new YamlScalarNode(value.ToJsonString()) { Style = ScalarStyle.Plain },
        },
        null => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static YamlScalarNode Scalar(string text) =>
        new(text) { Style = PlainSafe().IsMatch(text) && !Reserved.Contains(text) ? ScalarStyle.Plain : ScalarStyle.SingleQuoted };

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_ ./()+,;'-]*[A-Za-z0-9_.)]$|^[A-Za-z]$")]
    private static partial Regex PlainSafe();
}
