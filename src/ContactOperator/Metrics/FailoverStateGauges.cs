using ContactOperator.Api.Kinds;
using ContactOperator.Runtime.Caching;
using Prometheus;

namespace ContactOperator.Metrics;

/// <summary>
/// Failover state for dashboards and the operator's "failover failed" alert, read from the FailoverPlan cache at
/// scrape time (no AWS call): the plan's phase and its active region, each as a 1-valued series.
/// </summary>
public sealed class FailoverStateGauges
{
    /// <summary>The phases a FailoverPlan reports (its status.phase); bounded, so usable as a label.</summary>
    public static readonly IReadOnlyList<string> Phases =
        ["Pending", "Provisioning", "Ready", "CheckingPreconditions", "ShiftingTraffic", "SwitchingRoutingControls", "Completed", "Failed"];

    private readonly ResourceInformer<FailoverPlan> plans;
    private readonly Gauge phase;
    private readonly Gauge activeRegion;
    private readonly HashSet<(string Namespace, string Plan)> phasePublished = [];
    private readonly HashSet<(string Namespace, string Plan, string Region)> regionPublished = [];
    private readonly Lock gate = new();

    public FailoverStateGauges(CollectorRegistry registry, ResourceInformer<FailoverPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(registry);
        this.plans = plans;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        phase = factory.CreateGauge(
            ContactCenterMetricNames.FailoverPhase, "1 for the phase a FailoverPlan is in (status.phase), 0 for the others.", "namespace", "plan", "phase");
        activeRegion = factory.CreateGauge(
            ContactCenterMetricNames.FailoverActiveRegion, "1 for the region that takes a FailoverPlan's traffic now (status.activeRegion).", "namespace", "plan", "region");
        registry.AddBeforeCollectCallback(Refresh);
    }

    /// <summary>Brings the series in line with the cache.</summary>
    public void Refresh()
    {
        lock (gate)
        {
            var current = plans.List().Select(p => (Namespace: p.Metadata.NamespaceProperty ?? "", Plan: p.Metadata.Name, p.Status)).ToList();
            foreach (var gone in phasePublished.Where(k => !current.Any(c => c.Namespace == k.Namespace && c.Plan == k.Plan)).ToList())
            {
                foreach (var name in Phases)
                {
                    phase.RemoveLabelled(gone.Namespace, gone.Plan, name);
                }
                phasePublished.Remove(gone);
            }
            var regions = new HashSet<(string, string, string)>();
            foreach (var (ns, plan, status) in current)
            {
                foreach (var name in Phases)
                {
                    phase.WithLabels(ns, plan, name).Set(status?.Phase == name ? 1 : 0);
                }
                phasePublished.Add((ns, plan));
                if (status?.ActiveRegion is { Length: > 0 } region)
                {
                    regions.Add((ns, plan, region));
                    activeRegion.WithLabels(ns, plan, region).Set(1);
                }
            }
            foreach (var gone in regionPublished.Where(r => !regions.Contains(r)).ToList())
            {
                activeRegion.RemoveLabelled(gone.Namespace, gone.Plan, gone.Region);
                regionPublished.Remove(gone);
            }
            regionPublished.UnionWith(regions);
        }
    }
}
