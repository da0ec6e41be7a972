using System.Reflection;
using ContactOperator.Api.Kinds;
using ContactOperator.Kinds.FailoverPlans;
using ContactOperator.Tests.Alerting;
using k8s.Models;

namespace ContactOperator.Tests.Kinds;

/// <summary>
/// The exported failover state: during an incident,
/// <c>curl -s localhost:8080/metrics | grep '^contact_center_failover_phase' | grep ' 1$'</c> prints one line per plan,
/// whatever phase it is in, and the active region is one series family.
/// </summary>
public sealed class FailoverStateGaugesTests
{
    private readonly List<FailoverPlan> plans = [];
    private readonly Prometheus.CollectorRegistry registry = Prometheus.Metrics.NewCustomRegistry();

    public FailoverStateGaugesTests() => _ = new FailoverStateGauges(registry, () => plans);

    public static TheoryData<string> Phases() => [.. FailoverPhases.All];

    [Fact]
    public void The_exported_phases_are_every_phase_of_the_vocabulary()
    {
        var declared = typeof(FailoverPhases).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
        Assert.Equal(declared.Order(StringComparer.Ordinal), FailoverPhases.All.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task A_plan_in_any_phase_has_exactly_one_phase_series_at_1_and_it_names_that_phase(string phase)
    {
        plans.Add(Plan("support-dr", phase));
        plans.Add(Plan("other-dr", phase == FailoverPhases.Ready ? FailoverPhases.Moving : FailoverPhases.Ready));

        var lines = PhaseLines(await ScrapeAsync());

        var ones = lines.Where(l => l.EndsWith(" 1", StringComparison.Ordinal) && l.Contains("plan=\"support-dr\"", StringComparison.Ordinal)).ToList();
        Assert.Equal($"contact_center_failover_phase{{connect_namespace=\"default\",plan=\"support-dr\",phase=\"{phase}\"}} 1", Assert.Single(ones));
        Assert.Equal(FailoverPhases.All.Count, lines.Count(l => l.Contains("plan=\"support-dr\"", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l.EndsWith(" 1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_series_follow_a_plan_through_a_move_and_leave_with_it()
    {
        plans.Add(Plan("support-dr", null));
        Assert.Empty(PhaseLines(await ScrapeAsync())); // no phase written yet: nothing to show rather than a wrong 0

        foreach (var phase in new[] { FailoverPhases.Provisioning, FailoverPhases.Ready, FailoverPhases.Moving, FailoverPhases.Completed, FailoverPhases.Drilling, FailoverPhases.Failed })
        {
            var (active, standby) = phase is FailoverPhases.Completed or FailoverPhases.Drilling ? ("us-west-2", "us-east-1") : ("us-east-1", "us-west-2");
            plans[0] = Plan("support-dr", phase, active);
            var text = await ScrapeAsync();
            Assert.Equal([phase], PhaseLines(text).Where(l => l.EndsWith(" 1", StringComparison.Ordinal)).Select(PhaseOf));
            Assert.Contains($"contact_center_failover_active_region{{connect_namespace=\"default\",plan=\"support-dr\",region=\"{active}\"}} 1", text, StringComparison.Ordinal);
            Assert.Contains($"contact_center_failover_active_region{{connect_namespace=\"default\",plan=\"support-dr\",region=\"{standby}\"}} 0", text, StringComparison.Ordinal);
        }

        plans.Clear();
        var gone = await ScrapeAsync();
        Assert.DoesNotContain("plan=\"support-dr\"", gone, StringComparison.Ordinal);
    }

    private static FailoverPlan Plan(string name, string? phase, string active = "us-east-1") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new FailoverPlanSpec
        {
            InstanceRef = new() { Name = "support" },
            Replica = new() { Region = "us-west-2", InstanceAlias = "support-west" },
            TrafficDistributionGroup = new() { Name = "support-tdg" },
            ActiveRegion = active,
        },
        Status = phase is null ? null : new FailoverPlanStatus { Phase = phase, ActiveRegion = active, Region = "us-east-1" },
    };

    private Task<string> ScrapeAsync() => ExporterTests.ExportAsync(registry);

    private static List<string> PhaseLines(string exposition) =>
        [.. exposition.Split('\n').Where(l => l.StartsWith("contact_center_failover_phase{", StringComparison.Ordinal))];

    private static string PhaseOf(string line) => line[(line.IndexOf("phase=\"", StringComparison.Ordinal) + 7)..line.IndexOf("\"}", StringComparison.Ordinal)];
}
