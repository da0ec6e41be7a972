using System.Globalization;
using ContactOperator.Benchmarks.Runtime;
using ContactOperator.Runtime.Configuration;
using ContactOperator.Testing;

namespace ContactOperator.Benchmarks.Scale;

/// <summary>The command line of the scale harnesses (durations in the operator's own format: 30s, 10m, 1h).</summary>
public sealed record ScaleSettings
{
    /// <summary>Connect's default queue quota is 50 per instance and the instance's BasicQueue counts against it.</summary>
    private const int MaxQueuesPerInstance = 49;

    public required bool QuotaBreach { get; init; }

    public required int Profiles { get; init; }

    public required int Instances { get; init; }

    public required int QueuesPerInstance { get; init; }

    public required IReadOnlyList<string> Regions { get; init; }

    public required int Workers { get; init; }

    public required int Writers { get; init; }

    /// <summary>Profiles applied instance by instance instead of dealt round-robin (--order grouped).</summary>
    public bool Grouped { get; init; }

    /// <summary>Passed to the operator as --resync-period, verbatim.</summary>
    public required string ResyncPeriodText { get; init; }

    public required TimeSpan ResyncPeriod { get; init; }

    public required TimeSpan Timeout { get; init; }

    public required TimeSpan InstanceCreationDelay { get; init; }

    /// <summary>
    /// A checkout whose operator was built with <c>dotnet build -c Release src/ContactOperator</c>: its contact-operator.dll
    /// and CRDs are used instead of this build's, to measure another commit with the same harness.
    /// </summary>
    public string? OperatorRepository { get; init; }

    public string OperatorAssembly => OperatorRepository is null
        ? Path.Combine(AppContext.BaseDirectory, "contact-operator.dll")
        : Path.Combine(OperatorRepository, "src", "ContactOperator", "bin", "Release", "net10.0", "contact-operator.dll");

    public string CrdDirectory => Path.Combine(OperatorRepository ?? RepoPaths.Root, "config", "crd", "bases");

    public static string Usage(bool quotaBreach) => quotaBreach
        ? "scale-routing-profiles-quota-breach [N=1000] [--queues 40] [--regions us-east-1] [--workers W (the operator's default)] [--writers 8] [--resync 30s] [--timeout 20m] [--instance-creation-delay 2s] [--operator-repo DIR]"
        : "scale-routing-profiles [N=100] [--instances 2] [--queues 50] [--regions us-east-1,us-west-2] [--workers W (the operator's default)] [--writers 8] [--order interleaved|grouped] [--resync 10m] [--timeout 20m] [--instance-creation-delay 2s] [--operator-repo DIR]";

    public static ScaleSettings? Parse(string[] args, bool quotaBreach, out string? error)
    {
        error = null;
        var profiles = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal)
            ? int.Parse(args[0], CultureInfo.InvariantCulture)
            : quotaBreach ? 1000 : 100;
        var instances = quotaBreach ? 1 : BenchCluster.IntArg(args, "--instances", 2);
        var queues = BenchCluster.IntArg(args, "--queues", quotaBreach ? 40 : 50);
        var regions = Text(args, "--regions", quotaBreach ? "us-east-1" : "us-east-1,us-west-2").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var resync = Text(args, "--resync", quotaBreach ? "30s" : "10m");
        var settings = new ScaleSettings
        {
            QuotaBreach = quotaBreach,
            Profiles = profiles,
            Instances = instances,
            QueuesPerInstance = queues / Math.Max(1, instances),
            Regions = regions,
            Workers = BenchCluster.IntArg(args, "--workers", new OperatorSettings().MaxConcurrentReconciles),
            Writers = BenchCluster.IntArg(args, "--writers", 8),
            Grouped = Text(args, "--order", "interleaved") == "grouped",
            ResyncPeriodText = resync,
            ResyncPeriod = Duration(resync, "--resync", ref error),
            Timeout = Duration(Text(args, "--timeout", "20m"), "--timeout", ref error),
            InstanceCreationDelay = Duration(Text(args, "--instance-creation-delay", "2s"), "--instance-creation-delay", ref error),
            OperatorRepository = Text(args, "--operator-repo", "") is { Length: > 0 } repository ? Path.GetFullPath(repository) : null,
        };
        if (instances < 1 || profiles < 1 || regions.Length == 0)
        {
            error ??= "N, --instances and --regions must name at least one";
        }
        else if (settings.QueuesPerInstance is < 2 or > MaxQueuesPerInstance)
        {
            error ??= $"--queues {queues} gives {settings.QueuesPerInstance} queues per instance; use 2 to {MaxQueuesPerInstance} per instance "
                + "(Connect's quota is 50 queues per instance and the instance's BasicQueue counts against it)";
        }
        else if (!File.Exists(settings.OperatorAssembly))
        {
            error ??= $"{settings.OperatorAssembly} does not exist (build it with: dotnet build -c Release src/ContactOperator)";
        }
        else if (instances > 2 * regions.Length)
        {
            error ??= $"{instances} instances in {regions.Length} Region(s): Connect allows 2 instances per account and Region";
        }
        return error is null ? settings : null;
    }

    private static string Text(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private static TimeSpan Duration(string text, string name, ref string? error)
    {
        if (OperatorSettingsParser.TryParseDuration(text, out var duration))
        {
            return duration;
        }
        error ??= $"{name}: '{text}' is not a duration (e.g. 30s, 10m)";
        return TimeSpan.Zero;
    }
}
