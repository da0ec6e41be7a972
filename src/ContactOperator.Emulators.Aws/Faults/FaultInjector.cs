namespace ContactOperator.Emulators.Aws.Faults;

/// <summary>Holds fault rules and decides, per call, whether to add latency and/or fail.</summary>
internal sealed class FaultInjector(int seed)
{
    private readonly Lock gate = new();
    private readonly Random random = new(seed);
    private readonly List<(string Id, FaultRule Rule, int? Remaining, int Skip)> rules = [];
    private readonly Dictionary<string, int> applied = new(StringComparer.Ordinal);
    private int nextId;

    /// <summary>How many calls the rule has affected so far (a held answer counts when the call has taken effect).</summary>
    public int TimesApplied(string id)
    {
        lock (gate)
        {
            return applied.GetValueOrDefault(id);
        }
    }

    public string Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Probability is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule.Probability, "Probability must be between 0 and 1");
        }

        lock (gate)
        {
            var id = $"fault-{++nextId}";
            rules.Add((id, rule, rule.Count, rule.Skip));
            return id;
        }
    }

    public bool Remove(string id)
    {
        lock (gate)
        {
            return rules.RemoveAll(r => r.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    public IReadOnlyList<(string Id, FaultRule Rule)> List()
    {
        lock (gate)
        {
            return [.. rules.Select(r => (r.Id, r.Rule))];
        }
    }

    /// <summary>The latency to add before the call runs, the first error rule that fires, and the latency to add after it took effect.</summary>
    public (TimeSpan Latency, FaultRule? Error, TimeSpan LatencyAfter) Evaluate(string service, string operation, string region)
    {
        lock (gate)
        {
            var latency = TimeSpan.Zero;
            var latencyAfter = TimeSpan.Zero;
            FaultRule? error = null;
            for (var i = 0; i < rules.Count; i++)
            {
                var (id, rule, remaining, skip) = rules[i];
                if (!Matches(rule.Service, service) || !Matches(rule.Operation, operation) || !Matches(rule.Region, region))
                {
                    continue;
                }

                if (skip > 0)
                {
                    rules[i] = (id, rule, remaining, skip - 1);
                    continue;
                }

                if (rule.AfterEffect)
                {
                    if (remaining is not <= 0)
                    {
                        latencyAfter += rule.Latency;
                        rules[i] = (id, rule, remaining - 1, 0);
                        applied[id] = applied.GetValueOrDefault(id) + 1;
                    }
                    continue;
                }

                latency += rule.Latency;
                if (rule.ErrorCode is null || error is not null || remaining is <= 0)
                {
                    continue;
                }

                if (rule.Probability >= 1 || random.NextDouble() < rule.Probability)
                {
                    error = rule;
                    rules[i] = (id, rule, remaining - 1, 0);
                    applied[id] = applied.GetValueOrDefault(id) + 1;
                }
            }

            return (latency, error, latencyAfter);
        }
    }

    private static bool Matches(string? filter, string value) =>
        filter is null || string.Equals(filter, value, StringComparison.OrdinalIgnoreCase);
}
