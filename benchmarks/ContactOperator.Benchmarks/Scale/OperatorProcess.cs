using System.Diagnostics;
using System.Globalization;
using ContactOperator.Testing;

namespace ContactOperator.Benchmarks.Scale;

/// <summary>
/// <c>contact-operator run</c> as its own process, configured only through its command line and environment, the way a
/// Deployment runs it. Its stdout and stderr go to a log file.
/// </summary>
public sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private bool logClosed;

    private OperatorProcess(Process process, StreamWriter log, string logPath)
    {
        this.process = process;
        this.log = log;
        LogPath = logPath;
    }

    public string LogPath { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public static OperatorProcess Start(string assembly, IEnumerable<string> args, IDictionary<string, string> environment, string logPath)
    {
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = ChildProcess.StartInfo("dotnet", [assembly, .. args], environment) };
        var started = new OperatorProcess(process, log, logPath);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += started.KillOnExit;
        return started;
    }

    /// <summary>Peak resident set size (VmHWM in /proc/&lt;pid&gt;/status), in bytes; null where /proc is not available.</summary>
    public long? PeakResidentBytes()
    {
        var status = $"/proc/{process.Id}/status";
        if (process.HasExited || !File.Exists(status))
        {
            return null;
        }
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = line?["VmHWM:".Length..].Trim().Split(' ')[0];
        return kilobytes is null ? null : long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>SIGTERM, as the kubelet sends it; killed if it has not exited after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }
        await ChildProcess.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        using var deadline = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        lock (log)
        {
            logClosed = true;
            log.Dispose();
        }
    }

    /// <summary>The harness stopped by a signal (Ctrl-C, timeout) must not leave an operator running against a dead API server.</summary>
    private void KillOnExit(object? sender, EventArgs e)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            if (!logClosed)
            {
                log.WriteLine(line);
            }
        }
    }
}
