namespace ContactOperator.Aws.Tests.Codegen;

/// <summary>
/// The committed <c>*.g.cs</c> files of src/ContactOperator.Aws are exactly what <c>eng/codegen/generate.py</c> produces
/// from the pinned AWS service models: nobody edited them by hand, and nobody changed the generator or the models without
/// regenerating.
/// </summary>
public sealed class GeneratedClientsTests
{
    private static readonly string Committed = RepoPaths.Of("src", "ContactOperator.Aws");

    [Fact]
    public async Task Committed_clients_are_what_the_generator_produces_from_the_pinned_models()
    {
        RepoPaths.NodeModule("aws-sdk", "apis");
        var output = Directory.CreateTempSubdirectory("codegen-").FullName;
        try
        {
            var run = await ChildProcess.RunAsync(Tools.Resolve("python3"), [RepoPaths.Of("eng", "codegen", "generate.py"), "--out", output], timeout: TimeSpan.FromMinutes(2));
            Assert.True(run.ExitCode == 0, $"eng/codegen/generate.py failed:\n{run.Output}");

            var difference = FirstDifference(GeneratedFiles(Committed), GeneratedFiles(output), output);
            Assert.True(difference is null, $"{difference}\nRegenerate with: bash eng/codegen/generate.sh");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static SortedSet<string> GeneratedFiles(string root) =>
        new(Directory.EnumerateFiles(root, "*.g.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f)), StringComparer.Ordinal);

    private static string? FirstDifference(SortedSet<string> committed, SortedSet<string> generated, string output)
    {
        if (committed.Except(generated).FirstOrDefault() is { } extra)
        {
            return $"src/ContactOperator.Aws/{extra} is committed but the generator does not produce it";
        }

        if (generated.Except(committed).FirstOrDefault() is { } missing)
        {
            return $"the generator produces {missing}, which is not committed under src/ContactOperator.Aws";
        }

        foreach (var file in committed)
        {
            var expected = File.ReadAllLines(Path.Combine(output, file));
            var actual = File.ReadAllLines(Path.Combine(Committed, file));
            for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
            {
                var want = i < expected.Length ? expected[i] : "<end of file>";
                var have = i < actual.Length ? actual[i] : "<end of file>";
                if (want != have)
                {
                    return $"src/ContactOperator.Aws/{file} line {i + 1} differs from the generator's output:\n  committed: {have}\n  generated: {want}";
                }
            }

            if (File.ReadAllBytes(Path.Combine(output, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(Committed, file))) is false)
            {
                return $"src/ContactOperator.Aws/{file} differs from the generator's output in line endings or the final newline";
            }
        }

        return null;
    }
}
