using ContactOperator.Api.Kinds;
using ContactOperator.Metrics;
using Prometheus;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>
/// Every FailoverPlan's phase and active region, read from the plan cache at scrape time (no AWS call), so the series
/// follow every status write, on any replica, without the reconciler setting them. A plan has one phase series per
/// <see cref="FailoverPhases.All"/>, 1 for its <c>status.phase</c> and 0 for the others (none before its first phase
/// is written), and one region series per region of the plan, 1 for <c>status.activeRegion</c> and 0 for the other.
/// </summary>
public sealed class FailoverStateGauges
{
    private readonly Func<IReadOnlyList<FailoverPlan>> plans;
    private readonly Gauge phase;
    private readonly Gauge activeRegion;
    private readonly HashSet<(string Namespace, string Plan, string Phase)> phasePublished = [];
    private readonly HashSet<(string Namespace, string Plan, string Region)> regionPublished = [];
    private readonly Lock gate = new();

    /// <param name="registry">The operator's /metrics registry.</param>
    /// <param name="plans">The cached plans (the informer's <c>List</c>).</param>
    public FailoverStateGauges(CollectorRegistry registry, Func<IReadOnlyList<FailoverPlan>> plans)
    {
        ArgumentNullException.ThrowIfNull(registry);
        this.plans = plans;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        phase = factory.CreateGauge(
            ContactCenterMetricNames.FailoverPhase, "1 for the phase a FailoverPlan is in (status.phase), 0 for the others.",
            ContactCenterLabels.Namespace, ContactCenterLabels.Plan, "phase");
        activeRegion = factory.CreateGauge(
            ContactCenterMetricNames.FailoverActiveRegion, "1 for the region that takes a FailoverPlan's traffic now (status.activeRegion), 0 for its other region.",
            ContactCenterLabels.Namespace, ContactCenterLabels.Plan, "region");
        registry.AddBeforeCollectCallback(Refresh);
    }

    /// <summary>Brings the series in line with the cache.</summary>
    public void Refresh()
    {
        var phases = new Dictionary<(string, string, string), double>();
        var regions = new Dictionary<(string, string, string), double>();
        foreach (var plan in plans())
        {
            var (ns, name, status) = (plan.Metadata.NamespaceProperty ?? "", plan.Metadata.Name, plan.Status);
            if (status?.Phase is { Length: > 0 } current)
            {
                foreach (var candidate in FailoverPhases.All)
                {
                    phases[(ns, name, candidate)] = candidate == current ? 1 : 0;
                }
            }
            if (status?.ActiveRegion is { Length: > 0 } active)
            {
                foreach (var region in new[] { status.Region, plan.Spec.Replica?.Region }.OfType<string>().Where(r => r.Length > 0))
                {
                    regions[(ns, name, region)] = 0;
                }
                regions[(ns, name, active)] = 1;
            }
        }
        lock (gate)
        {
            Publish(phase, phasePublished, phases);
            Publish(activeRegion, regionPublished, regions);
        }
    }

    private static void Publish(Gauge gauge, HashSet<(string, string, string)> published, Dictionary<(string, string, string), double> wanted)
    {
        foreach (var gone in published.Where(k => !wanted.ContainsKey(k)).ToList())
        {
            gauge.RemoveLabelled(gone.Item1, gone.Item2, gone.Item3);
            published.Remove(gone);
        }
        foreach (var ((a, b, c), value) in wanted)
        {
            gauge.WithLabels(a, b, c).Set(value);
            published.Add((a, b, c));
        }
    }
}
