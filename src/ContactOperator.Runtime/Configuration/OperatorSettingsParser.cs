using System.Globalization;
using System.Text.RegularExpressions;

namespace ContactOperator.Runtime.Configuration;

/// <summary>
/// Reads <see cref="OperatorSettings"/> from command-line values and environment variables (the command line wins),
/// and reports every invalid value with the option and variable it came from.
/// </summary>
public static partial class OperatorSettingsParser
{
    public static readonly OperatorSetting Kubeconfig = new("kubeconfig", "Path to a kubeconfig file. Default: in-cluster config, else KUBECONFIG, else ~/.kube/config.", null);
    public static readonly OperatorSetting Namespace = new("namespace", "Watch and reconcile only this namespace. Default: all namespaces.", null);
    public static readonly OperatorSetting MetricsPort = new("metrics-port", "Port serving /metrics (0 = any free port).", "8080");
    public static readonly OperatorSetting HealthPort = new("health-port", "Port serving /healthz and /readyz (0 = any free port; may equal --metrics-port).", "8081");
    public static readonly OperatorSetting BindAddress = new("bind-address", "IP address the metrics and health endpoints listen on.", "0.0.0.0");
    public static readonly OperatorSetting LeaderElect = new("leader-elect", "Elect a leader through a Lease so only one replica reconciles (true/false).", "true");
    public static readonly OperatorSetting LeaderElectionId = new("leader-election-id", "Name of the Lease used for leader election.", "contact-operator-leader");
    public static readonly OperatorSetting LeaderElectionNamespace = new("leader-election-namespace", "Namespace of the Lease. Default: the pod's namespace, else --namespace, else default.", null);
    public static readonly OperatorSetting LeaseDuration = new("leader-election-lease-duration", "How long a lease is valid without renewal (e.g. 15s).", "15s");
    public static readonly OperatorSetting RenewDeadline = new("leader-election-renew-deadline", "How long the leader retries renewal before giving up leadership (e.g. 10s).", "10s");
    public static readonly OperatorSetting RetryPeriod = new("leader-election-retry-period", "Interval between lease acquire/renew attempts (e.g. 2s).", "2s");
    public static readonly OperatorSetting ResyncPeriod = new("resync-period", "How often every object is reconciled again to detect drift (e.g. 10m, 1h).", "10m");
    public static readonly OperatorSetting MaxConcurrentReconciles = new("max-concurrent-reconciles", "Parallel reconciles per controller (never two on one object; most of a reconcile is spent waiting for AWS's rate limits, so many are cheap).", "32");
    public static readonly OperatorSetting ShutdownTimeout = new("shutdown-timeout", "On SIGTERM, how long in-flight reconciles may finish (e.g. 30s).", "30s");
    public static readonly OperatorSetting LogLevel = new("log-level", "Minimum log level: Trace, Debug, Information, Warning, Error.", "Information");

    public static IReadOnlyList<OperatorSetting> All { get; } =
    [
        Kubeconfig, Namespace, MetricsPort, HealthPort, BindAddress, LeaderElect, LeaderElectionId, LeaderElectionNamespace,
        LeaseDuration, RenewDeadline, RetryPeriod, ResyncPeriod, MaxConcurrentReconciles, ShutdownTimeout, LogLevel,
    ];

    /// <summary>
    /// Parses settings. <paramref name="commandLine"/> returns the value given on the command line for a setting (or null);
    /// <paramref name="environment"/> reads an environment variable. Returns the settings, or null plus one message per problem.
    /// </summary>
    public static OperatorSettings? Parse(Func<OperatorSetting, string?> commandLine, Func<string, string?> environment, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();
        var reader = new Reader(commandLine, environment, problems);
        var settings = new OperatorSettings
        {
            Kubeconfig = reader.Text(Kubeconfig) ?? NullIfEmpty(environment("KUBECONFIG")),
            Namespace = reader.Name(Namespace),
            MetricsPort = reader.Port(MetricsPort),
            HealthPort = reader.Port(HealthPort),
            BindAddress = reader.Address(BindAddress),
            LeaderElect = reader.Bool(LeaderElect),
            LeaderElectionId = reader.Name(LeaderElectionId)!,
            LeaderElectionNamespace = reader.Name(LeaderElectionNamespace),
            LeaseDuration = reader.Duration(LeaseDuration, allowZero: false),
            RenewDeadline = reader.Duration(RenewDeadline, allowZero: false),
            RetryPeriod = reader.Duration(RetryPeriod, allowZero: false),
            ResyncPeriod = reader.Duration(ResyncPeriod, allowZero: true),
            MaxConcurrentReconciles = reader.PositiveInt(MaxConcurrentReconciles),
            ShutdownTimeout = reader.Duration(ShutdownTimeout, allowZero: true),
            LogLevel = reader.OneOf(LogLevel, "Trace", "Debug", "Information", "Warning", "Error", "Critical", "None"),
        };

        if (settings.Kubeconfig is { } path && !File.Exists(path))
        {
            var origin = reader.Text(Kubeconfig) is null ? $"{Kubeconfig.Option} (from KUBECONFIG)" : reader.Origin(Kubeconfig);
            problems.Add($"{origin}: the kubeconfig file '{path}' does not exist");
        }

        if (problems.Count == 0 && settings.LeaderElect
            && !(settings.LeaseDuration > settings.RenewDeadline && settings.RenewDeadline > settings.RetryPeriod * 1.2))
        {
            problems.Add(
                $"{LeaseDuration.Option}, {RenewDeadline.Option}, {RetryPeriod.Option}: need lease duration > renew deadline > 1.2 × retry period " +
                $"(got {settings.LeaseDuration.TotalSeconds}s, {settings.RenewDeadline.TotalSeconds}s, {settings.RetryPeriod.TotalSeconds}s)");
        }

        errors = problems;
        return problems.Count == 0 ? settings : null;
    }

    /// <summary>Parses Go-style durations (<c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>1h30m</c>) or .NET <c>hh:mm:ss</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
        }

        if (text == "0")
        {
            return true;
        }

        var matches = DurationPart().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            return false;
        }

        foreach (Match match in matches)
        {
            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                _ => TimeSpan.FromHours(value),
            };
        }

        return true;
    }

    /// <summary>The Go-style form <see cref="TryParseDuration"/> reads (<c>30s</c>, <c>10m</c>, <c>1h30m</c>, <c>250ms</c>).</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }
        if (duration < TimeSpan.FromSeconds(1))
        {
            return $"{(long)duration.TotalMilliseconds}ms";
        }
        var text = new System.Text.StringBuilder();
        if (duration.Hours + (duration.Days * 24) is > 0 and var hours)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }
        if (duration.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Minutes}m");
        }
        if (duration.Seconds > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Seconds}s");
        }
        return text.ToString();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h)")]
    private static partial Regex DurationPart();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsName();

    private sealed class Reader(Func<OperatorSetting, string?> commandLine, Func<string, string?> environment, List<string> problems)
    {
        public string Origin(OperatorSetting setting) => setting.Origin(commandLine, environment);

        public string? Text(OperatorSetting setting) => setting.Given(commandLine, environment) ?? setting.DefaultValue;

        public string? Name(OperatorSetting setting)
        {
            var value = Text(setting);
            if (value is not null && (value.Length > 253 || !DnsName().IsMatch(value)))
            {
                Fail(setting, value, "must be a lower-case DNS name (letters, digits, '-' and '.')");
            }

            return value;
        }

        public int Port(OperatorSetting setting)
        {
            var value = Text(setting)!;
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            {
                Fail(setting, value, "must be a port number between 0 and 65535");
                return 0;
            }

            return port;
        }

        public string Address(OperatorSetting setting)
        {
            var value = Text(setting)!;
            if (!System.Net.IPAddress.TryParse(value, out _))
            {
                Fail(setting, value, "must be an IP address such as 0.0.0.0 or 127.0.0.1");
            }

            return value;
        }

        public bool Bool(OperatorSetting setting)
        {
            var value = Text(setting)!;
            switch (value.ToUpperInvariant())
            {
                case "TRUE" or "1" or "YES" or "ON":
                    return true;
                case "FALSE" or "0" or "NO" or "OFF":
                    return false;
                default:
                    Fail(setting, value, "must be true or false");
                    return false;
            }
        }

        public int PositiveInt(OperatorSetting setting)
        {
            var value = Text(setting)!;
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > 1000)
            {
                Fail(setting, value, "must be a whole number from 1 to 1000");
                return 1;
            }

            return number;
        }

        public TimeSpan Duration(OperatorSetting setting, bool allowZero)
        {
            var value = Text(setting)!;
            if (!TryParseDuration(value, out var duration) || (!allowZero && duration == TimeSpan.Zero))
            {
                Fail(setting, value, allowZero ? "must be a duration such as 30s, 10m or 1h" : "must be a positive duration such as 500ms, 2s or 15s");
            }

            return duration;
        }

        public string OneOf(OperatorSetting setting, params string[] allowed)
        {
            var value = Text(setting)!;
            var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                Fail(setting, value, $"must be one of {string.Join(", ", allowed)}");
                return allowed[0];
            }

            return match;
        }

        private void Fail(OperatorSetting setting, string value, string rule) => problems.Add($"{Origin(setting)}: {rule} (got '{value}')");
    }
}
