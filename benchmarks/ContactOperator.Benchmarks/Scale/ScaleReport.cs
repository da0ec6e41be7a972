using ContactOperator.Emulators.Aws;

namespace ContactOperator.Benchmarks.Scale;

/// <summary>How the run ended: settled (every object Ready, or over the quota in the breach mode) at <c>At</c>, or timed out.</summary>
public sealed record ScaleOutcome(bool Settled, TimeSpan At, IReadOnlyList<ReadyState> States);

/// <summary>One resync period observed after the run settled.</summary>
public sealed record ResyncWindow(TimeSpan From, TimeSpan To, IReadOnlyList<AwsRequestLogEntry> Calls, IReadOnlyList<ReadyState> States);

/// <summary>Prints what a scale run measured.</summary>
public sealed class ScaleReport(
    ScaleSettings settings, IReadOnlyList<ScaleObject> fleet, AwsEmulatorControl aws, TimeSpan elapsed, TimeSpan applyDuration, ScaleOutcome outcome)
{
    private const string CreateRoutingProfile = "CreateRoutingProfile";

    public static string Progress(IReadOnlyList<ReadyState> states) => string.Join("  ", ScaleKind.All.Select(kind =>
    {
        var ofKind = states.Where(s => s.Kind == kind).ToList();
        var quota = ofKind.Count(s => s.IsQuotaExceeded);
        return $"{kind.Kind} {ofKind.Count(s => s.IsReady)}/{ofKind.Count} Ready" + (quota > 0 ? $" ({quota} over quota)" : "");
    }));

    public void PrintConvergence(long? peakResidentBytes)
    {
        var mode = settings.QuotaBreach ? "scale-routing-profiles-quota-breach" : "scale-routing-profiles";
        Console.WriteLine();
        Console.WriteLine($"{mode}: N={settings.Profiles} routing profiles over {settings.Instances} instance(s) in {RegionsText()}; "
            + $"{settings.QueuesPerInstance} queues and 1 hours of operation per instance");
        Console.WriteLine($"operator: contact-operator run --max-concurrent-reconciles {settings.Workers} --resync-period {settings.ResyncPeriodText}; "
            + $"{settings.Writers} concurrent writers; emulator instance activation {settings.InstanceCreationDelay.TotalSeconds:F0} s; {Environment.ProcessorCount} cpus");
        Console.WriteLine($"objects: {string.Join(", ", ScaleKind.All.Select(k => $"{fleet.Count(o => o.Kind == k)} {k.Kind}"))} (created in {applyDuration.TotalSeconds:F1} s; profiles {(settings.Grouped ? "grouped by instance" : "dealt round-robin over the instances")})");
        Console.WriteLine();

        var calls = aws.RequestLog;
        var floor = QuotaFloor.Compute(calls, op => aws.RateLimitOf("connect", op), settings.InstanceCreationDelay, NecessaryRefusals());
        if (outcome.Settled)
        {
            var what = settings.QuotaBreach ? $"every object Ready or {ReadyState.QuotaReason}" : "all objects Ready";
            Console.WriteLine($"time from apply to {what}: {outcome.At.TotalSeconds,8:F1} s   (polled every 0.5 s)");
        }
        else
        {
            Console.WriteLine($"NOT SETTLED after {elapsed.TotalSeconds:F0} s (--timeout {settings.Timeout}); Ready conditions at the end:");
            PrintConditionSummary(outcome.States);
        }

        PrintFloor(floor);
        if (outcome.Settled && floor.Total > TimeSpan.Zero)
        {
            Console.WriteLine($"ratio (time to settle / quota-imposed minimum): {outcome.At / floor.Total:F2}   (target ≤ 1.1)");
        }
        Console.WriteLine();
        PrintCalls(calls, $"AWS calls by operation (whole run; the emulator's counters: {aws.CountsByOperation().Values.Sum()} calls):");
        Console.WriteLine($"peak RSS of the operator process (VmHWM): {Mebibytes(peakResidentBytes)}");
    }

    public void PrintResyncWindow(ResyncWindow window, long? peakResidentBytes)
    {
        var profiles = window.States.Where(s => s.Kind == ScaleKind.RoutingProfile).ToList();
        var overQuota = profiles.Where(s => s.IsQuotaExceeded).ToList();
        var readyProfiles = profiles.Count(s => s.IsReady);
        var notReady = profiles.Count - readyProfiles;
        var attempts = window.Calls.Count(c => c.Operation == CreateRoutingProfile);
        var refused = window.Calls.Count(c => c.Operation == CreateRoutingProfile && IsQuota(c));
        var seconds = (window.To - window.From).TotalSeconds;
        var budget = aws.RateLimitOf("connect", CreateRoutingProfile) is { } limit ? Math.Floor(limit.Burst + (limit.RequestsPerSecond * seconds)) : double.NaN;
        Console.WriteLine();
        Console.WriteLine($"resync window: {window.From.TotalSeconds:F1} s → {window.To.TotalSeconds:F1} s after apply (one --resync-period {settings.ResyncPeriodText})"
            + (outcome.Settled ? "" : ", observed although the run did not settle"));
        Console.WriteLine($"routing profiles at the end of the window: {readyProfiles} Ready, {overQuota.Count} Ready=False {ReadyState.QuotaReason}, "
            + $"{notReady - overQuota.Count} other");
        Console.WriteLine($"CreateRoutingProfile attempts in the window: {attempts} ({refused} refused for the quota), "
            + $"{(notReady == 0 ? "n/a" : $"{(double)attempts / notReady:F2}")} per profile that is not Ready   (target ≤ 1 per object per resync)");
        Console.WriteLine($"  the CreateRoutingProfile bucket allows at most {budget:F0} calls in this window ({refused / budget:P0} of it spent on refused creates): "
            + "with many objects over the quota the rate limit, not the retry policy, caps the per-object figure");
        if (overQuota.FirstOrDefault() is { } example)
        {
            Console.WriteLine($"example condition: {example.Name}: Ready=False {example.Reason}: {example.Message}");
        }
        if (window.States.Any(s => !s.IsReady && !s.IsQuotaExceeded))
        {
            Console.WriteLine("objects that are neither Ready nor over the quota at the end of the window:");
            PrintConditionSummary(window.States);
        }
        PrintCalls(window.Calls, "AWS calls by operation in the window:");
        Console.WriteLine($"peak RSS of the operator process (VmHWM) at the end: {Mebibytes(peakResidentBytes)}");
    }

    /// <summary>In the breach mode each profile over the quota needs one refused CreateRoutingProfile to learn it is over.</summary>
    private Dictionary<(string Region, string Operation), int>? NecessaryRefusals()
    {
        var overQuota = outcome.States.Count(s => s.Kind == ScaleKind.RoutingProfile && s.IsQuotaExceeded);
        return settings.QuotaBreach && overQuota > 0 ? new() { [(settings.Regions[0], CreateRoutingProfile)] = overQuota } : null;
    }

    private string RegionsText()
    {
        var used = settings.Regions.Take(settings.Instances).Distinct().ToList();
        return used.Count == settings.Instances && used.Count > 1
            ? $"{string.Join(" and ", used)} (one instance per Region: each Region has its own rate-limit buckets)"
            : $"{string.Join(", ", used)} ({(settings.Instances > 1 ? "instances in one Region share its rate-limit buckets" : "one Region")})";
    }

    private static void PrintFloor(QuotaFloor floor)
    {
        if (floor.Slowest is not { } slowest)
        {
            Console.WriteLine("quota-imposed minimum: no successful writes");
            return;
        }
        Console.WriteLine($"quota-imposed minimum for the same writes: {floor.Total.TotalSeconds,8:F1} s   = instance activation {floor.InstanceActivation.TotalSeconds:F1} s "
            + $"+ slowest bucket {slowest.Minimum.TotalSeconds:F1} s ({slowest.Region} {slowest.Operation})");
        Console.WriteLine("  per bucket (successful writes − burst) ÷ rate:");
        foreach (var operation in floor.Operations)
        {
            var refusals = operation.Refusals > 0 ? $" + {operation.Refusals} refusals (one per object over the quota)" : "";
            Console.WriteLine($"    {operation.Region,-10} {operation.Operation,-40} {operation.Writes,6} writes{refusals} at {operation.Limit.RequestsPerSecond:0.##} rps, burst {operation.Limit.Burst:0} → {operation.Minimum.TotalSeconds,7:F1} s");
        }
        Console.WriteLine("  assumptions: rates are the emulator's (Control.RateLimitOf: AWS's documented defaults), one bucket per account, Region and operation;");
        Console.WriteLine("  buckets start full and refill independently, so the slowest bucket bounds the run; writes needed = successful calls of");
        Console.WriteLine("  state-changing operations (not Describe/List/Get/Search); nothing is configured before an instance is ACTIVE; reads and");
        Console.WriteLine("  dependencies between kinds (queues before the profiles that use them) are left out, so this is a lower bound.");
    }

    private void PrintCalls(IReadOnlyList<AwsRequestLogEntry> calls, string title)
    {
        Console.WriteLine(title);
        Console.WriteLine($"    {"operation",-48} {"calls",7} {"ok",7} {"429 rate",9} {"quota",7} {"other",7}");
        foreach (var group in calls.GroupBy(c => $"{c.Service}/{c.Operation}").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"    {group.Key,-48} {group.Count(),7} {group.Count(c => c.ErrorCode is null),7} {group.Count(IsThrottled),9} {group.Count(IsQuota),7} "
                + $"{group.Count(c => c.ErrorCode is not null && !IsThrottled(c) && !IsQuota(c)),7}");
        }
        var lists = calls.Count(c => c.Operation.StartsWith("List", StringComparison.Ordinal));
        Console.WriteLine($"    total {calls.Count}; List* calls {lists} ({(double)lists / fleet.Count:F2} per object)");
        Console.WriteLine($"429s: {calls.Count(c => c.StatusCode == 429)} ({calls.Count(IsThrottled)} ThrottlingException = request rate; "
            + $"{calls.Count(c => c.StatusCode == 429 && IsQuota(c))} LimitExceededException naming a resource quota)");
    }

    /// <summary>Rate 429s. Connect answers both request-rate and resource-quota breaches with 429; the message tells them apart.</summary>
    private static bool IsThrottled(AwsRequestLogEntry call) => call.ErrorCode is "ThrottlingException" or "TooManyRequestsException";

    private static bool IsQuota(AwsRequestLogEntry call) => call.ErrorCode is "LimitExceededException" or "ServiceQuotaExceededException";

    private static void PrintConditionSummary(IReadOnlyList<ReadyState> states)
    {
        foreach (var group in states.Where(s => !s.IsReady).GroupBy(s => (s.Kind.Kind, s.Status, s.Reason)).OrderByDescending(g => g.Count()))
        {
            var example = group.First();
            Console.WriteLine($"    {group.Count(),5} {group.Key.Kind} Ready={group.Key.Status ?? "(none)"} {group.Key.Reason}  e.g. {example.Name}: {example.Message}");
        }
    }

    private static string Mebibytes(long? bytes) => bytes is null ? "n/a (no /proc)" : $"{bytes.Value / 1024.0 / 1024.0:F1} MiB";
}
