using Prometheus;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>
/// Failover metrics on the operator's /metrics registry. Labels stay bounded: result and kind are fixed sets; the
/// active-region gauge has one series per plan and region (two per plan).
/// </summary>
public sealed class FailoverMetrics
{
    private readonly Histogram duration;
    private readonly Counter moves;
    private readonly Gauge activeRegion;

    public FailoverMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        duration = factory.CreateHistogram(
            "contact_operator_failover_duration_seconds",
            "Time from the start of a move (preconditions passed) to its verified completion, by kind (Failover, DrillOut, DrillBack).",
            new HistogramConfiguration { LabelNames = ["kind"], Buckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900] });
        moves = factory.CreateCounter(
            "contact_operator_failovers_total",
            "Moves of traffic between regions by result: Succeeded, Failed, or Refused (a precondition or minTimeBetweenMoves said no).",
            new CounterConfiguration { LabelNames = ["result"] });
        activeRegion = factory.CreateGauge(
            "contact_operator_failover_active_region",
            "1 for the region that takes a plan's traffic, 0 for its other region.",
            new GaugeConfiguration { LabelNames = ["namespace", "name", "region"] });
    }

    public void Completed(string kind, TimeSpan elapsed)
    {
        duration.WithLabels(kind).Observe(elapsed.TotalSeconds);
        moves.WithLabels(MoveResults.Succeeded).Inc();
    }

    public void Failed() => moves.WithLabels(MoveResults.Failed).Inc();

    public void Refused() => moves.WithLabels(MoveResults.Refused).Inc();

    public void Active(string @namespace, string name, string active, string other)
    {
        activeRegion.WithLabels(@namespace, name, active).Set(1);
        activeRegion.WithLabels(@namespace, name, other).Set(0);
    }

    public void Forget(string @namespace, string name, IEnumerable<string> regions)
    {
        foreach (var region in regions)
        {
            activeRegion.RemoveLabelled(@namespace, name, region);
        }
    }
}
