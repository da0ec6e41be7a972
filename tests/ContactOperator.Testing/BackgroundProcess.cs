using System.Diagnostics;
using System.Text;

namespace ContactOperator.Testing;

/// <summary>A long-running child process (the operator, a server) with its stdout and stderr collected.</summary>
public sealed class BackgroundProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private BackgroundProcess(Process process) => this.process = process;

    public static BackgroundProcess Start(string executable, IEnumerable<string> args, IDictionary<string, string> environment)
    {
        var started = new BackgroundProcess(new Process { StartInfo = ChildProcess.StartInfo(executable, args, environment) });
        started.process.OutputDataReceived += (_, e) => started.Append(e.Data);
        started.process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        started.process.Start();
        started.process.BeginOutputReadLine();
        started.process.BeginErrorReadLine();
        return started;
    }

    public string Logs()
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>SIGTERM, as the kubelet sends it, then the exit code.</summary>
    public async Task<int> StopAsync()
    {
        await ChildProcess.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(exited.Token);
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
