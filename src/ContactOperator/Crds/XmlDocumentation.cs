using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ContactOperator.Crds;

/// <summary>Reads <c>&lt;summary&gt;</c> texts from an assembly's XML documentation file, for schema descriptions.</summary>
public sealed partial class XmlDocumentation
{
    private readonly Dictionary<string, string> _summaries;

    private XmlDocumentation(Dictionary<string, string> summaries) => _summaries = summaries;

    public static XmlDocumentation For(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (string.IsNullOrEmpty(assembly.Location) || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"XML documentation of {assembly.GetName().Name} not found at '{path}'; it is needed for CRD descriptions (GenerateDocumentationFile).", path);
        }
        var summaries = XDocument.Load(path).Descendants("member")
            .Where(m => m.Attribute("name") is not null && m.Element("summary") is not null)
            .ToDictionary(m => m.Attribute("name")!.Value, m => Normalize(m.Element("summary")!), StringComparer.Ordinal);
        return new XmlDocumentation(summaries);
    }

    public string? ForType(Type type) => _summaries.GetValueOrDefault("T:" + type.FullName?.Replace('+', '.'));

    public string? ForProperty(PropertyInfo property) =>
        _summaries.GetValueOrDefault($"P:{property.DeclaringType?.FullName?.Replace('+', '.')}.{property.Name}");

    private static string Normalize(XElement summary)
    {
        var text = string.Concat(summary.Nodes().Select(node => node switch
        {
            XText t => t.Value,
            XElement { Name.LocalName: "see" } e => e.Attribute("cref")?.Value.Split('.').Last() ?? e.Value,
            XElement e => e.Value,
            _ => string.Empty,
        }));
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
