namespace ContactOperator.Testing;

/// <summary>
/// The real clients the emulators are checked against: the machine's kubectl, and kubectl 1.33, helm and the AWS JS
/// SDK installed by <c>eng/install-tools.sh</c>. A missing tool is an error with the command that fixes it, never a skip.
/// </summary>
public static class Tools
{
    public static string Directory =>
        Environment.GetEnvironmentVariable("CONTACT_OPERATOR_TOOLS") is { Length: > 0 } configured ? configured : RepoPaths.Of(".tools", "bin");

    /// <summary>"kubectl" is the machine's kubectl on PATH; anything else is looked up in <see cref="Directory"/>.</summary>
    public static string Resolve(string tool)
    {
        if (tool == "kubectl")
        {
            foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                var candidate = Path.Combine(directory, "kubectl");
                if (directory.Length > 0 && File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        var path = Path.Combine(Directory, tool);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{tool} not found at {path}; run `bash eng/install-tools.sh` (or set CONTACT_OPERATOR_TOOLS)", path);
    }
}
