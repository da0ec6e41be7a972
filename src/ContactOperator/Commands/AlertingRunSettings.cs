using System.Globalization;
using ContactOperator.Alerting;
using ContactOperator.Runtime.Configuration;

namespace ContactOperator.Commands;

/// <summary>The <c>run</c> options of the contact-center exporter, the incident bridge and rendered alerts, with their environment variables.</summary>
internal static class AlertingRunSettings
{
    public static readonly OperatorSetting ExporterInterval = new(
        "exporter-interval", "How often the contact-center exporter polls each Ready instance's queue metrics (e.g. 60s); 0 turns it off.", "60s");

    public static readonly OperatorSetting ExporterWindow = new(
        "exporter-window", "The trailing window of the historical queue metrics (service level, abandonment…), 1m to 24h.", "15m");

    public static readonly OperatorSetting IncidentBridgePort = new(
        "incident-bridge-port", "Serve the Alertmanager → ServiceNow incident bridge on this port. Unset: no bridge.", null);

    public static readonly OperatorSetting IncidentBridgeUrl = new(
        "incident-bridge-url", "How Alertmanager reaches the bridge (e.g. http://contact-operator.contact-operator.svc:8082). Unset: AlertPolicies do not route to ServiceNow.", null);

    public static readonly OperatorSetting RunbookBaseUrl = new(
        "runbook-base-url", "Base of the runbook_url of rendered alerts (#<metric> is appended). Default: docs/alerting.md of the project.", null);

    public static IReadOnlyList<OperatorSetting> All { get; } = [ExporterInterval, ExporterWindow, IncidentBridgePort, IncidentBridgeUrl, RunbookBaseUrl];

    /// <summary>The settings, each problem added to <paramref name="errors"/> naming the option and its variable.</summary>
    public static AlertingSettings Parse(Func<OperatorSetting, string?> commandLine, Func<string, string?> environment, string bindAddress, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(errors);
        string? Value(OperatorSetting s) => s.Given(commandLine, environment);
        string Origin(OperatorSetting s) => s.Origin(commandLine, environment);

        TimeSpan Duration(OperatorSetting s, TimeSpan least, TimeSpan most, bool zeroAllowed)
        {
            var text = Value(s) ?? s.DefaultValue!;
            if (OperatorSettingsParser.TryParseDuration(text, out var duration) && ((zeroAllowed && duration == TimeSpan.Zero) || (duration >= least && duration <= most)))
            {
                return duration;
            }
            errors.Add($"{Origin(s)}: must be a duration from {OperatorSettingsParser.FormatDuration(least)} to {OperatorSettingsParser.FormatDuration(most)}"
                + (zeroAllowed ? ", or 0 for off" : "") + $" (e.g. 60s, 15m; got '{text}')");
            return TimeSpan.Zero;
        }

        Uri? Url(OperatorSetting s)
        {
            if (Value(s) is not { } text)
            {
                return null;
            }
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                return url;
            }
            errors.Add($"{Origin(s)}: must be an absolute http or https URL (got '{text}')");
            return null;
        }

        var interval = Duration(ExporterInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), zeroAllowed: true);
        var window = Duration(ExporterWindow, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24), zeroAllowed: false);
        int? port = null;
        if (Value(IncidentBridgePort) is { } portText)
        {
            if (int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and <= 65535)
            {
                port = parsed;
            }
            else
            {
                errors.Add($"{Origin(IncidentBridgePort)}: '{portText}' is not a port (1 to 65535)");
            }
        }
        var bridgeUrl = Url(IncidentBridgeUrl);
        var runbooks = Url(RunbookBaseUrl);

        var defaults = new AlertingSettings();
        return new AlertingSettings
        {
            Exporter = interval == TimeSpan.Zero ? defaults.Exporter with { Enabled = false, Window = window } : defaults.Exporter with { Interval = interval, Window = window },
            IncidentBridge = defaults.IncidentBridge with { Port = port, BindAddress = bindAddress },
            Alerting = defaults.Alerting with
            {
                IncidentBridgeUrl = bridgeUrl,
                RunbookBaseUrl = runbooks is null ? defaults.Alerting.RunbookBaseUrl : Value(RunbookBaseUrl)!,
            },
        };
    }
}
