namespace ContactOperator.Emulators.Aws.Tests;

/// <summary>Finds the repository root and the real clients the emulator is checked against.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ConformanceScripts => Path.Combine(Root, "tests", "conformance", "aws-sdk-js");

    public static string NodeModules => Path.Combine(Root, "tools", "node_modules");

    /// <summary>The node executable on PATH; fails (never skips) with instructions when it is absent.</summary>
    public static string Node()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "node.exe" : "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail("node is not on PATH. The AWS SDK conformance test needs Node.js 18+ (node 20 is expected on this machine).");
        return string.Empty;
    }

    /// <summary>Fails with instructions when the official AWS JS SDK clients are not installed.</summary>
    public static void RequireAwsSdkModules()
    {
        foreach (var module in new[] { "client-connect", "client-route53-recovery-control-config", "client-route53-recovery-cluster" })
        {
            var dir = Path.Combine(NodeModules, "@aws-sdk", module);
            Assert.True(Directory.Exists(dir), $"@aws-sdk/{module} is missing from {NodeModules}. Run: bash eng/install-tools.sh");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactOperator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"ContactOperator.sln not found above {AppContext.BaseDirectory}");
    }
}
