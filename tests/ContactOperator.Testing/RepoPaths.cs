namespace ContactOperator.Testing;

/// <summary>Locates files of the repository the tests were built from, and the npm packages installed in it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>tools/node_modules, installed by <c>eng/install-tools.sh</c> from tools/package-lock.json.</summary>
    public static string NodeModules => Of("tools", "node_modules");

    /// <summary>The AWS JSON service models the clients are generated from and checked against (npm aws-sdk's apis/).</summary>
    public static string AwsModels => NodeModule("aws-sdk", "apis");

    /// <summary>The folder of an installed npm package (a path inside it with more parts); fails with the fix when absent.</summary>
    public static string NodeModule(params string[] parts)
    {
        var path = Path.Combine([NodeModules, .. parts]);
        Assert.True(Path.Exists(path), $"{path} is missing. Run: bash eng/install-tools.sh");
        return path;
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
