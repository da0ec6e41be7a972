namespace ContactOperator.Emulators.Aws;

/// <summary>
/// What a queue looks like right now, for GetCurrentMetricData, and its historical figures for
/// GetMetricDataV2 (metric name → value, e.g. ABANDONMENT_RATE, SERVICE_LEVEL, CONTACTS_HANDLED).
/// </summary>
public sealed record QueueLoad
{
    public int ContactsInQueue { get; init; }

    public int ContactsScheduled { get; init; }

    /// <summary>Age of the oldest contact waiting; reported in seconds (milliseconds without grouping, as AWS does).</summary>
    public TimeSpan OldestContactAge { get; init; }

    public int AgentsOnline { get; init; }

    public int AgentsAvailable { get; init; }

    public int AgentsOnCall { get; init; }

    public int AgentsOnContact { get; init; }

    public int AgentsNonProductive { get; init; }

    public int AgentsAfterContactWork { get; init; }

    public int AgentsError { get; init; }

    public int AgentsStaffed { get; init; }

    public int SlotsActive { get; init; }

    public int SlotsAvailable { get; init; }

    public TimeSpan EstimatedWaitTime { get; init; }

    /// <summary>Historical metric values for GetMetricDataV2, by metric name.</summary>
    public IReadOnlyDictionary<string, double> Historical { get; init; } = new Dictionary<string, double>();

    public static QueueLoad Idle { get; } = new();

    /// <summary>The value GetCurrentMetricData reports for a metric name, or null if the name is unknown.</summary>
    public double? Current(string metricName) => metricName switch
    {
        "CONTACTS_IN_QUEUE" => ContactsInQueue,
        "CONTACTS_SCHEDULED" => ContactsScheduled,
        "OLDEST_CONTACT_AGE" => OldestContactAge.TotalSeconds,
        "AGENTS_ONLINE" => AgentsOnline,
        "AGENTS_AVAILABLE" => AgentsAvailable,
        "AGENTS_ON_CALL" => AgentsOnCall,
        "AGENTS_ON_CONTACT" => AgentsOnContact,
        "AGENTS_NON_PRODUCTIVE" => AgentsNonProductive,
        "AGENTS_AFTER_CONTACT_WORK" => AgentsAfterContactWork,
        "AGENTS_ERROR" => AgentsError,
        "AGENTS_STAFFED" => AgentsStaffed,
        "SLOTS_ACTIVE" => SlotsActive,
        "SLOTS_AVAILABLE" => SlotsAvailable,
        "ESTIMATED_WAIT_TIME" => EstimatedWaitTime.TotalSeconds,
        _ => null,
    };
}
