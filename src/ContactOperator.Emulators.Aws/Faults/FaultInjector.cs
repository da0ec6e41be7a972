namespace ContactOperator.Emulators.Aws.Faults;

/// <summary>Holds fault rules and decides, per call, whether to add latency and/or fail.</summary>
internal sealed class FaultInjector(int seed)
{
    private readonly Lock gate = new();
    private readonly Random random = new(seed);
    private readonly List<(string Id, FaultRule Rule, int? Remaining)> rules = [];
    private int nextId;

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
            rules.Add((id, rule, rule.Count));
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

    /// <summary>The total latency to add and the first error rule that fires, if any.</summary>
    public (TimeSpan Latency, FaultRule? Error) Evaluate(string service, string operation, string region)
    {
        lock (gate)
        {
            var latency = TimeSpan.Zero;
            FaultRule? error = null;
            for (var i = 0; i < rules.Count; i++)
            {
                var (id, rule, remaining) = rules[i];
                if (!Matches(rule.Service, service) || !Matches(rule.Operation, operation) || !Matches(rule.Region, region))
                {
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
                    rules[i] = (id, rule, remaining - 1);
                }
            }

            return (latency, error);
        }
    }

    private static bool Matches(string? filter, string value) =>
        filter is null || string.Equals(filter, value, StringComparison.OrdinalIgnoreCase);
}
