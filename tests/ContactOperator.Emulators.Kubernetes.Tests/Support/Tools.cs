namespace ContactOperator.Emulators.Kubernetes.Tests.Support;

/// <summary>Finds the real clients the emulator is checked against. A missing tool fails the test with a clear message.</summary>
public static class Tools
{
    public static string RepoRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ContactOperator.sln")))
            {
                directory = directory.Parent;
            }
            return directory?.FullName ?? throw new InvalidOperationException("cannot find the repository root (ContactOperator.sln) above " + AppContext.BaseDirectory);
        }
    }

    public static string ToolsDirectory =>
        Environment.GetEnvironmentVariable("CONTACT_OPERATOR_TOOLS") is { Length: > 0 } configured ? configured : Path.Combine(RepoRoot, ".tools", "bin");

    /// <summary>"kubectl" = the machine's kubectl on PATH; anything else is looked up in the tools directory.</summary>
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
            Assert.Fail("the machine's kubectl is not on PATH; install kubectl 1.32 (the emulator is checked against it)");
        }
        var path = Path.Combine(ToolsDirectory, tool);
        Assert.True(File.Exists(path), $"{tool} not found at {path}; run `bash eng/install-tools.sh` (or set CONTACT_OPERATOR_TOOLS)");
        return path;
    }
}
