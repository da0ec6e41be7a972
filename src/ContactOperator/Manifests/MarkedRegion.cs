namespace ContactOperator.Manifests;

/// <summary>
/// The generated part of a hand-written file (the README's kind table, the chart's kind list): the lines between a
/// <c>BEGIN generated: NAME</c> and an <c>END generated: NAME</c> comment, in the file's comment syntax (HTML comments in
/// Markdown, <c>#</c> elsewhere). Everything outside the markers is left as it is.
/// </summary>
public static class MarkedRegion
{
    public static string Begin(string path, string name) => Comment(path, $"BEGIN generated: {name} (bash eng/generate-manifests.sh; edit outside these markers only)");

    public static string End(string path, string name) => Comment(path, $"END generated: {name}");

    /// <summary>The lines between the markers, each ending in a newline; null when the file lacks them.</summary>
    public static string? Read(string text, string path, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Find(text, path, name) is var (start, end) ? text[start..end] : null;
    }

    /// <summary><paramref name="text"/> with the lines between the markers replaced; throws when the file lacks them.</summary>
    public static string Replace(string text, string path, string name, string content)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (start, end) = Find(text, path, name)
            ?? throw new InvalidOperationException($"{path} has no '{Begin(path, name)}' ... '{End(path, name)}' lines to write the generated part between");
        return text[..start] + content + text[end..];
    }

    private static (int Start, int End)? Find(string text, string path, string name)
    {
        var begin = Begin(path, name) + "\n";
        var end = End(path, name) + "\n";
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        var stop = start < 0 ? -1 : text.IndexOf(end, start + begin.Length, StringComparison.Ordinal);
        return stop < 0 ? null : (start + begin.Length, stop);
    }

    private static string Comment(string path, string text) =>
        path.EndsWith(".md", StringComparison.Ordinal) ? $"<!-- {text} -->" : $"# {text}";
}
