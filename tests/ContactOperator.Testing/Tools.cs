namespace ContactOperator.Testing;

/// <summary>
/// The real clients the emulators are checked against: the machine's kubectl, and kubectl 1.33, helm and the AWS JS
/// SDK installed by <c>eng/install-tools.sh</c>. A missing tool is an error with the command that fixes it, never a skip.
/// </summary>
public static class Tools
{
    public static string Directory =>
        Environment.GetEnvironmentVariable("CONTACT_OPERATOR_TOOLS") is { Length: > 0 } configured ? configured : RepoPaths.Of(".tools", "bin");

    /// <summary>
    /// "kubectl" is the machine's kubectl on PATH; kubectl-1.32, kubectl-1.33 and helm come from <see cref="Directory"/>; other tools
    /// (promtool, lua5.4, node) are looked up there, then on PATH.
    /// </summary>
    public static string Resolve(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Where(d => d.Length > 0).Select(d => Path.Combine(d, tool));
        IEnumerable<string> candidates = tool == "kubectl" ? [.. onPath, Path.Combine(Directory, tool)] : [Path.Combine(Directory, tool), .. onPath];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{tool} not found in {Directory} or on PATH; run `bash eng/install-tools.sh` (or set CONTACT_OPERATOR_TOOLS)", tool);
    }
}
