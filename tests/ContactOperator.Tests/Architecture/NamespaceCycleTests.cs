using System.Text.RegularExpressions;

namespace ContactOperator.Tests.Architecture;

/// <summary>
/// The operator's namespaces form layers: no namespace uses a type of one that (directly or not) uses it back. A type is
/// "used" when its name appears in a file whose usings or enclosing namespaces make it visible.
/// </summary>
public sealed partial class NamespaceCycleTests
{
    [Fact]
    public void The_operators_namespaces_have_no_cycle()
    {
        var files = Directory.EnumerateFiles(RepoPaths.Of("src", "ContactOperator"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => File.ReadAllText(f))
            .Select(text => (Namespace: NamespaceLine().Match(text).Groups[1].Value, Text: text))
            .Where(f => f.Namespace.Length > 0)
            .ToList();
        var declaredIn = files
            .SelectMany(f => TypeDeclaration().Matches(f.Text).Select(m => (Type: m.Groups[1].Value, f.Namespace)))
            .GroupBy(d => d.Type).ToDictionary(g => g.Key, g => g.Select(d => d.Namespace).ToHashSet());
        var edges = new Dictionary<string, HashSet<string>>();
        foreach (var (ns, text) in files)
        {
            var parts = ns.Split('.');
            var visible = UsingLine().Matches(text).Select(m => m.Groups[1].Value)
                .Concat(Enumerable.Range(1, parts.Length).Select(n => string.Join('.', parts.Take(n)))).ToHashSet();
            var code = StringLiteral().Replace(LineComment().Replace(text, ""), "");
            foreach (var name in Identifier().Matches(code).Select(m => m.Value).Distinct())
            {
                foreach (var other in declaredIn.GetValueOrDefault(name, []).Where(o => o != ns && visible.Contains(o)))
                {
                    (edges.TryGetValue(ns, out var set) ? set : edges[ns] = []).Add(other);
                }
            }
        }

        var cycles = edges.Keys.Where(ns => Reaches(edges, ns, ns)).Order(StringComparer.Ordinal).ToList();
        Assert.True(cycles.Count == 0, $"namespaces on a cycle: {string.Join(", ", cycles)}");
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> edges, string from, string target)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<string>(edges.GetValueOrDefault(from, []));
        while (stack.TryPop(out var next))
        {
            if (next == target)
            {
                return true;
            }
            if (seen.Add(next))
            {
                foreach (var further in edges.GetValueOrDefault(next, []))
                {
                    stack.Push(further);
                }
            }
        }
        return false;
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"\b(?:class|record|interface|struct|enum)\s+(\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b[A-Z]\w+\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"//.*")]
    private static partial Regex LineComment();

    [GeneratedRegex("\"[^\"\\n]*\"")]
    private static partial Regex StringLiteral();
}
