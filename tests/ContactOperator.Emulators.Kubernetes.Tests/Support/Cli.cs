using System.Diagnostics;
using System.Text;

namespace ContactOperator.Emulators.Kubernetes.Tests.Support;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}

/// <summary>
/// Runs kubectl/helm as child processes against one emulator, with a kubeconfig written by the server and
/// HOME / cache directories in a private temp directory so discovery caches never leak between tests.
/// </summary>
public sealed class Cli : IAsyncDisposable
{
    private Cli(Emulator emulator, string directory)
    {
        Emulator = emulator;
        Directory = directory;
    }

    public Emulator Emulator { get; }

    public string Directory { get; }

    public string Kubeconfig => Path.Combine(Directory, "kubeconfig");

    public static async Task<Cli> StartAsync(bool withWidgets = true)
    {
        var emulator = withWidgets ? await Emulator.StartWithWidgetsAsync() : await Emulator.StartAsync();
        var directory = System.IO.Directory.CreateTempSubdirectory("k8s-cli-").FullName;
        var cli = new Cli(emulator, directory);
        await emulator.Server.WriteKubeconfigAsync(cli.Kubeconfig);
        return cli;
    }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public Task<CliResult> KubectlAsync(string kubectl, params string[] args) =>
        RunAsync(Tools.Resolve(kubectl), ["--cache-dir", Path.Combine(Directory, "kube-cache"), .. args]);

    /// <summary>Extra environment for every child process (e.g. client-go feature gates).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public Task<CliResult> HelmAsync(params string[] args) => RunAsync(Tools.Resolve("helm"), args);

    public Process StartKubectl(string kubectl, StringBuilder output, params string[] args)
    {
        var process = new Process { StartInfo = StartInfo(Tools.Resolve(kubectl), ["--cache-dir", Path.Combine(Directory, "kube-cache"), .. args]) };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public async Task<CliResult> RunAsync(string executable, IReadOnlyList<string> args, int timeoutSeconds = 60)
    {
        using var process = new Process { StartInfo = StartInfo(executable, args) };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(executable)} {string.Join(' ', args)} did not finish within {timeoutSeconds}s");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private ProcessStartInfo StartInfo(string executable, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["KUBECONFIG"] = Kubeconfig;
        info.Environment["HOME"] = Directory;
        info.Environment["HELM_CACHE_HOME"] = Path.Combine(Directory, "helm-cache");
        info.Environment["HELM_CONFIG_HOME"] = Path.Combine(Directory, "helm-config");
        info.Environment["HELM_DATA_HOME"] = Path.Combine(Directory, "helm-data");
        info.Environment["KUBECTL_COMMAND_HEADERS"] = "false";
        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }
        return info;
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a child process may still hold a file; the temp directory is disposable anyway
        }
    }
}
