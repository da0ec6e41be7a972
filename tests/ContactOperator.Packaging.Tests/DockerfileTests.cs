using System.Text.RegularExpressions;

namespace ContactOperator.Packaging.Tests;

/// <summary>
/// No container engine runs here, so the build stage of the Dockerfile is replayed: its COPY lines fill a fresh
/// folder from the repository (minus what .dockerignore drops), its RUN lines run there as written, and the published
/// output must start from a read-only folder as the image's non-root numeric user.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class DockerfileTests
{
    private static readonly string[] Dockerfile = File.ReadAllLines(RepoPaths.Of("Dockerfile"));

    [Fact]
    public void The_image_pins_its_base_images_and_runs_as_a_numeric_non_root_user()
    {
        Assert.Contains("ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.100-noble", Dockerfile);
        Assert.Contains(Dockerfile, l => l.StartsWith("ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:", StringComparison.Ordinal) && l.EndsWith("-noble-chiseled", StringComparison.Ordinal));
        Assert.Contains("USER 1654:1654", Dockerfile);
        Assert.Contains("ENTRYPOINT [\"/app/contact-operator\"]", Dockerfile);
        var ignore = File.ReadAllLines(RepoPaths.Of(".dockerignore"));
        Assert.Contains("**", ignore);
        Assert.Contains("**/bin/", ignore);
        Assert.Contains("**/obj/", ignore);
        Assert.Contains("!.editorconfig", ignore);
    }

    [Fact]
    public async Task The_build_stage_publishes_only_the_operator_and_the_output_starts_read_only_as_uid_1654()
    {
        var root = Directory.CreateTempSubdirectory("docker-build-").FullName;
        File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        string Map(string path) => Path.Combine(root, path.TrimStart('/'));
        var workdir = Map("/");
        var architecture = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64";
        var environment = new Dictionary<string, string> { ["TARGETARCH"] = architecture, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        var ran = new List<string>();
        foreach (var line in BuildStage())
        {
            switch (line.Split(' ', 2))
            {
                case ["WORKDIR", var dir]:
                    workdir = Map(dir);
                    Directory.CreateDirectory(workdir);
                    break;
                case ["COPY", var args]:
                    var parts = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    foreach (var source in parts[..^1])
                    {
                        Copy(RepoPaths.Of(source.TrimEnd('/')), Path.Combine(workdir, parts[^1]), source.EndsWith('/'));
                    }
                    break;
                case ["RUN", var command]:
                    var mapped = OutputOption().Replace(command, m => $"-o {Map(m.Groups[1].Value)}");
                    var result = await ChildProcess.RunAsync("bash", ["-c", mapped], environment, TimeSpan.FromMinutes(8), workdir);
                    Assert.True(result.ExitCode == 0, $"{command}\n{result.Output}");
                    ran.Add(command);
                    break;
            }
        }
        Assert.Contains(ran, c => c.StartsWith("dotnet publish src/ContactOperator/ContactOperator.csproj -c Release", StringComparison.Ordinal));

        var app = Map("/app");
        var files = Directory.GetFiles(app).Select(Path.GetFileName).ToList();
        Assert.Contains("contact-operator", files);
        Assert.Contains("contact-operator.dll", files);
        Assert.DoesNotContain(files, f => f!.Contains("Emulators", StringComparison.Ordinal) || f.Contains("Local", StringComparison.Ordinal) || f.Contains("xunit", StringComparison.Ordinal));

        foreach (var entry in Directory.GetFileSystemEntries(app, "*", SearchOption.AllDirectories).Append(app))
        {
            File.SetUnixFileMode(entry, File.GetUnixFileMode(entry) & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        }
        // As root (CI here), drop to the image's user with setpriv; as any other user, that user is already non-root.
        var runningAsRoot = (await ChildProcess.RunAsync("id", ["-u"])).Stdout.Trim() == "0";
        string[] asUser = runningAsRoot ? ["setpriv", "--reuid=1654", "--regid=1654", "--clear-groups", "--"] : ["env"];
        // The shared runtime directory is DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION/.
        var dotnetRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var env = new Dictionary<string, string> { ["DOTNET_ROOT"] = dotnetRoot, ["HOME"] = "/nonexistent", ["TMPDIR"] = Path.GetTempPath() };
        var identity = await ChildProcess.RunAsync(asUser[0], [.. asUser[1..], "sh", "-c", $"id -u; touch {app}/probe 2>/dev/null && echo writable || echo read-only"], env);
        var uid = identity.Stdout.Split('\n')[0];
        Assert.NotEqual("0", uid);
        Assert.Equal(runningAsRoot ? "1654\nread-only\n" : $"{uid}\nread-only\n", identity.Stdout);

        var help = await ChildProcess.RunAsync(asUser[0], [.. asUser[1..], Path.Combine(app, "contact-operator"), "run", "--help"], env);
        Assert.True(help.ExitCode == 0, help.Output);
        Assert.Contains("--leader-elect", help.Stdout);
        Assert.Contains("CONTACT_OPERATOR_METRICS_PORT", help.Stdout);
    }

    /// <summary>The instructions of the first stage (up to the second FROM), with line continuations joined.</summary>
    private static IEnumerable<string> BuildStage()
    {
        var froms = 0;
        var joined = string.Join('\n', Dockerfile).Replace("\\\n", " ", StringComparison.Ordinal).Split('\n');
        foreach (var line in joined.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (line.StartsWith("FROM ", StringComparison.Ordinal) && ++froms > 1)
            {
                yield break;
            }
            yield return line;
        }
    }

    /// <summary>COPY semantics for the build context: a directory's contents, without bin/ and obj/ (.dockerignore).</summary>
    private static void Copy(string source, string destination, bool directory)
    {
        if (!directory)
        {
            var target = destination.EndsWith('/') ? Path.Combine(destination, Path.GetFileName(source)) : destination;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
            return;
        }
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split('/').Any(part => part is "bin" or "obj"))
            {
                continue;
            }
            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    [GeneratedRegex(@"-o (/\S+)")]
    private static partial Regex OutputOption();
}
