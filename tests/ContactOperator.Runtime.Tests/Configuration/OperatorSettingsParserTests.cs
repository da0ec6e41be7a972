using ContactOperator.Runtime.Configuration;

namespace ContactOperator.Runtime.Tests.Configuration;

public class OperatorSettingsParserTests
{
    private static OperatorSettings? Parse(Dictionary<string, string>? cli, Dictionary<string, string>? env, out IReadOnlyList<string> errors) =>
        OperatorSettingsParser.Parse(s => cli?.GetValueOrDefault(s.Name), name => env?.GetValueOrDefault(name), out errors);

    [Fact]
    public void Defaults_match_the_documented_values()
    {
        var settings = Parse(null, null, out var errors);
        Assert.Empty(errors);
        Assert.NotNull(settings);
        Assert.Equal(8080, settings.MetricsPort);
        Assert.Equal(8081, settings.HealthPort);
        Assert.True(settings.LeaderElect);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.ResyncPeriod);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.LeaseDuration);
        Assert.Null(settings.Namespace);
    }

    [Fact]
    public void Environment_variables_fill_in_and_the_command_line_wins()
    {
        var settings = Parse(
            new() { ["metrics-port"] = "9090" },
            new()
            {
                ["CONTACT_OPERATOR_METRICS_PORT"] = "7070",
                ["CONTACT_OPERATOR_NAMESPACE"] = "contact",
                ["CONTACT_OPERATOR_LEADER_ELECT"] = "false",
                ["CONTACT_OPERATOR_RESYNC_PERIOD"] = "1h30m",
                ["CONTACT_OPERATOR_MAX_CONCURRENT_RECONCILES"] = "8",
            },
            out var errors);

        Assert.Empty(errors);
        Assert.Equal(9090, settings!.MetricsPort);
        Assert.Equal("contact", settings.Namespace);
        Assert.False(settings.LeaderElect);
        Assert.Equal(TimeSpan.FromMinutes(90), settings.ResyncPeriod);
        Assert.Equal(8, settings.MaxConcurrentReconciles);
    }

    [Fact]
    public void Every_invalid_value_is_reported_with_the_option_and_its_source()
    {
        var settings = Parse(
            new() { ["metrics-port"] = "http", ["resync-period"] = "ten minutes" },
            new() { ["CONTACT_OPERATOR_MAX_CONCURRENT_RECONCILES"] = "0", ["CONTACT_OPERATOR_NAMESPACE"] = "Bad_Name" },
            out var errors);

        Assert.Null(settings);
        Assert.Contains(errors, e => e.StartsWith("--metrics-port: must be a port number", StringComparison.Ordinal) && e.Contains("'http'"));
        Assert.Contains(errors, e => e.StartsWith("--resync-period: must be a duration", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--max-concurrent-reconciles (from CONTACT_OPERATOR_MAX_CONCURRENT_RECONCILES)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--namespace (from CONTACT_OPERATOR_NAMESPACE): must be a lower-case DNS name", StringComparison.Ordinal));
    }

    [Fact]
    public void Leader_election_timings_must_be_ordered()
    {
        Parse(new() { ["leader-election-renew-deadline"] = "20s" }, null, out var errors);
        Assert.Contains(errors, e => e.Contains("lease duration > renew deadline", StringComparison.Ordinal));

        Parse(new() { ["leader-election-renew-deadline"] = "20s", ["leader-elect"] = "false" }, null, out errors);
        Assert.Empty(errors);
    }

    [Fact]
    public void A_missing_kubeconfig_file_is_refused_by_name()
    {
        Parse(new() { ["kubeconfig"] = "/nonexistent/kubeconfig" }, null, out var errors);
        Assert.Contains(errors, e => e.StartsWith("--kubeconfig: the kubeconfig file '/nonexistent/kubeconfig' does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void KUBECONFIG_is_the_fallback_and_the_option_wins_over_it()
    {
        var fromEnvironment = Path.GetTempFileName();
        var fromOption = Path.GetTempFileName();
        try
        {
            Assert.Equal(fromEnvironment, Parse(null, new() { ["KUBECONFIG"] = fromEnvironment }, out _)!.Kubeconfig);
            Assert.Equal(fromOption, Parse(new() { ["kubeconfig"] = fromOption }, new() { ["KUBECONFIG"] = fromEnvironment }, out _)!.Kubeconfig);
            Assert.Equal(fromOption, Parse(null, new() { ["CONTACT_OPERATOR_KUBECONFIG"] = fromOption, ["KUBECONFIG"] = fromEnvironment }, out _)!.Kubeconfig);
        }
        finally
        {
            File.Delete(fromEnvironment);
            File.Delete(fromOption);
        }

        Parse(null, new() { ["KUBECONFIG"] = "/nonexistent/from-env" }, out var errors);
        Assert.Equal(["--kubeconfig (from KUBECONFIG): the kubeconfig file '/nonexistent/from-env' does not exist"], errors);
    }

    [Fact]
    public void Health_port_and_leader_election_settings_come_from_the_environment_too()
    {
        var settings = Parse(null, new()
        {
            ["CONTACT_OPERATOR_HEALTH_PORT"] = "9444",
            ["CONTACT_OPERATOR_LEADER_ELECTION_ID"] = "connect-leader",
            ["CONTACT_OPERATOR_LEADER_ELECTION_NAMESPACE"] = "contact-system",
            ["CONTACT_OPERATOR_LEADER_ELECTION_LEASE_DURATION"] = "30s",
            ["CONTACT_OPERATOR_LEADER_ELECTION_RENEW_DEADLINE"] = "20s",
            ["CONTACT_OPERATOR_LEADER_ELECTION_RETRY_PERIOD"] = "4s",
        }, out var errors);

        Assert.Empty(errors);
        Assert.Equal((9444, "connect-leader", "contact-system"), (settings!.HealthPort, settings.LeaderElectionId, settings.LeaderElectionNamespace));
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(4)), (settings.LeaseDuration, settings.RenewDeadline, settings.RetryPeriod));
        var election = settings.ToManagerOptions("ignored-pod-namespace").LeaderElection!;
        Assert.Equal(("connect-leader", "contact-system"), (election.LeaseName, election.LeaseNamespace));
    }

    [Fact]
    public void Invalid_health_port_and_lease_namespace_are_refused_by_name()
    {
        Parse(new() { ["health-port"] = "70000" }, new() { ["CONTACT_OPERATOR_LEADER_ELECTION_NAMESPACE"] = "Ops_Team" }, out var errors);

        Assert.Contains(errors, e => e.StartsWith("--health-port: must be a port number", StringComparison.Ordinal) && e.Contains("'70000'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--leader-election-namespace (from CONTACT_OPERATOR_LEADER_ELECTION_NAMESPACE): must be a lower-case DNS name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData("00:02:00", 120)]
    [InlineData("0", 0)]
    public void Durations_parse_in_go_and_dotnet_syntax(string text, double seconds)
    {
        Assert.True(OperatorSettingsParser.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("m10")]
    [InlineData("-5s")]
    [InlineData("")]
    public void Bad_durations_are_refused(string text) => Assert.False(OperatorSettingsParser.TryParseDuration(text, out _));

    [Fact]
    public void Settings_become_manager_options_with_leader_election()
    {
        var settings = Parse(new() { ["leader-election-id"] = "my-lease" }, null, out _)!;
        var options = settings.ToManagerOptions("operators");

        Assert.Equal("my-lease", options.LeaderElection!.LeaseName);
        Assert.Equal("operators", options.LeaderElection.LeaseNamespace);
        options.Validate();
    }
}
