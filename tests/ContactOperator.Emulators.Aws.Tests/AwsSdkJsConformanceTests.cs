using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace ContactOperator.Emulators.Aws.Tests;

/// <summary>
/// The acceptance check of the emulator: the official AWS JavaScript SDK v3 runs every emulated
/// operation's happy path and the main errors against it and must parse each error into the right
/// exception name.
/// </summary>
public sealed class AwsSdkJsConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Official_aws_sdk_js_clients_agree_with_the_emulator()
    {
        var node = Tools.Resolve("node");
        foreach (var module in new[] { "client-connect", "client-route53-recovery-control-config", "client-route53-recovery-cluster" })
        {
            RepoPaths.NodeModule("@aws-sdk", module);
        }

        var scripts = RepoPaths.Of("tests", "conformance", "aws-sdk-js");
        await using var emulator = await AwsEmulator.StartAsync(new AwsEmulatorOptions
        {
            InstanceCreationDelay = TimeSpan.FromMilliseconds(200),
            TrafficDistributionGroupCreationDelay = TimeSpan.FromMilliseconds(200),
        });

        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = scripts,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(scripts, "conformance.js"));
        start.ArgumentList.Add(emulator.Endpoint.ToString());
        start.Environment["AWS_SDK_JS_MODULES"] = RepoPaths.NodeModules;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the conformance script did not finish within 2 minutes:\n{await stdout}\n{await stderr}");
        }

        var text = await stdout;
        output.WriteLine(text);
        output.WriteLine(await stderr);
        var failures = text.Split('\n').Where(l => l.StartsWith("FAIL", StringComparison.Ordinal)).ToList();
        var report = new StringBuilder().AppendJoin('\n', failures).AppendLine().Append(await stderr).ToString();
        Assert.True(failures.Count == 0, $"{failures.Count} conformance mismatches:\n{report}");
        Assert.True(process.ExitCode == 0, $"node exited with {process.ExitCode}:\n{text}\n{await stderr}");
        Assert.Contains("conformance: ", text, StringComparison.Ordinal);
    }
}
