namespace ContactOperator.Testing;

/// <summary>Locates files of the repository the tests were built from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

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
