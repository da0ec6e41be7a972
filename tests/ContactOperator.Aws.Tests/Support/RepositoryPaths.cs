namespace ContactOperator.Aws.Tests.Support;

/// <summary>Finds the repository root (the folder with ContactOperator.sln) and the shared AWS models beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/reference/aws-models relative to the repository root; fails clearly when absent.</summary>
    public static string AwsModels
    {
        get
        {
            var dir = Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference", "aws-models"));
            Assert.True(
                Directory.Exists(dir),
                $"The AWS service models are expected at {dir} (the 'shared' folder checked out beside the repository). They are the contract these tests check the clients against.");
            return dir;
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

        throw new InvalidOperationException($"ContactOperator.sln not found in any folder above {AppContext.BaseDirectory}.");
    }
}
