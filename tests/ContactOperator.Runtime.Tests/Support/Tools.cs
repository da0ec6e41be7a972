using System.Diagnostics;

namespace ContactOperator.Runtime.Tests.Support;

/// <summary>Finds external tools the tests need; a missing tool fails the test with a clear message.</summary>
public static class Tools
{
    public static string Find(string name)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("CONTACT_OPERATOR_TOOLS") is { Length: > 0 } tools)
        {
            candidates.Add(Path.Combine(tools, name));
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ContactOperator.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is not null)
        {
            candidates.Add(Path.Combine(dir.FullName, ".tools", "bin", name));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(p => Path.Combine(p, name)));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} not found (looked in $CONTACT_OPERATOR_TOOLS, <repo>/.tools/bin and PATH); install it (Debian package 'prometheus' provides promtool)");
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, string arguments, string stdin)
    {
        var start = new ProcessStartInfo(Find(tool), arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }
}
