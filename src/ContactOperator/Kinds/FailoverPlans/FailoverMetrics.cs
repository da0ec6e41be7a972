using Prometheus;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>
/// What the failover reconciler counts, on the operator's /metrics registry; labels are fixed sets (result, kind). A
/// plan's phase and active region are <see cref="FailoverStateGauges"/>, read from the plan cache.
/// </summary>
public sealed class FailoverMetrics
{
    private readonly Histogram duration;
    private readonly Counter moves;

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
    }

    public void Completed(string kind, TimeSpan elapsed)
    {
        duration.WithLabels(kind).Observe(elapsed.TotalSeconds);
        moves.WithLabels(MoveResults.Succeeded).Inc();
    }

    public void Failed() => moves.WithLabels(MoveResults.Failed).Inc();

    public void Refused() => moves.WithLabels(MoveResults.Refused).Inc();
}
