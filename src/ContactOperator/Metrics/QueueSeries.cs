namespace ContactOperator.Metrics;

/// <summary>How one exported queue series is read from Connect and converted to base units.</summary>
/// <param name="Name">The Prometheus name.</param>
/// <param name="Help">The HELP text, with the unit.</param>
/// <param name="ConnectMetric">The GetCurrentMetricData or GetMetricDataV2 metric name.</param>
/// <param name="Historical">True for GetMetricDataV2 (over the exporter's window), false for GetCurrentMetricData.</param>
/// <param name="Conversion">How Connect's value becomes the exported one.</param>
public sealed record QueueSeries(string Name, string Help, string ConnectMetric, bool Historical, ValueConversion Conversion)
{
    /// <summary>Every queue series, in /metrics order.</summary>
    public static readonly IReadOnlyList<QueueSeries> All =
    [
        Current(ContactCenterMetricNames.QueueContacts, "Contacts waiting in the queue (CONTACTS_IN_QUEUE).", "CONTACTS_IN_QUEUE"),
        Current(ContactCenterMetricNames.QueueScheduledContacts, "Contacts scheduled for a callback (CONTACTS_SCHEDULED).", "CONTACTS_SCHEDULED"),
        Current(ContactCenterMetricNames.QueueOldestContactAge, "Age in seconds of the oldest contact waiting (OLDEST_CONTACT_AGE).", "OLDEST_CONTACT_AGE"),
        Current(ContactCenterMetricNames.QueueAgentsOnline, "Agents online for the queue (AGENTS_ONLINE).", "AGENTS_ONLINE"),
        Current(ContactCenterMetricNames.QueueAgentsAvailable, "Agents available to take a contact (AGENTS_AVAILABLE).", "AGENTS_AVAILABLE"),
        Current(ContactCenterMetricNames.QueueAgentsOnContact, "Agents on a contact (AGENTS_ON_CONTACT).", "AGENTS_ON_CONTACT"),
        Current(ContactCenterMetricNames.QueueAgentsStaffed, "Agents staffed: online and not in a non-productive status (AGENTS_STAFFED).", "AGENTS_STAFFED"),
        Current(ContactCenterMetricNames.QueueAgentsAfterContactWork, "Agents in after-contact work (AGENTS_AFTER_CONTACT_WORK).", "AGENTS_AFTER_CONTACT_WORK"),
        Current(ContactCenterMetricNames.QueueAgentsNonProductive, "Agents in a non-productive status (AGENTS_NON_PRODUCTIVE).", "AGENTS_NON_PRODUCTIVE"),
        Current(ContactCenterMetricNames.QueueAgentsError, "Agents in an error state (AGENTS_ERROR).", "AGENTS_ERROR"),
        Current(ContactCenterMetricNames.QueueSlotsActive, "Occupied contact slots (SLOTS_ACTIVE).", "SLOTS_ACTIVE"),
        Current(ContactCenterMetricNames.QueueSlotsAvailable, "Free contact slots (SLOTS_AVAILABLE).", "SLOTS_AVAILABLE"),
        new(ContactCenterMetricNames.QueueContactsCreatedRate, "Contacts created per second over the exporter window: the call volume (CONTACTS_CREATED).", "CONTACTS_CREATED", true, ValueConversion.PerSecondOverWindow),
        new(ContactCenterMetricNames.QueueContactsHandledRate, "Contacts handled per second over the exporter window (CONTACTS_HANDLED).", "CONTACTS_HANDLED", true, ValueConversion.PerSecondOverWindow),
        new(ContactCenterMetricNames.QueueContactsAbandonedRate, "Contacts abandoned per second over the exporter window (CONTACTS_ABANDONED).", "CONTACTS_ABANDONED", true, ValueConversion.PerSecondOverWindow),
        new(ContactCenterMetricNames.QueueAbandonmentRatio, "Share of queued contacts abandoned over the exporter window, 0-1 (ABANDONMENT_RATE).", "ABANDONMENT_RATE", true, ValueConversion.PercentToRatio),
        new(ContactCenterMetricNames.QueueAnswerTime, "Average seconds a contact waited before an agent answered, over the exporter window (AVG_QUEUE_ANSWER_TIME).", "AVG_QUEUE_ANSWER_TIME", true, ValueConversion.None),
        new(ContactCenterMetricNames.QueueServiceLevelRatio, "Share of contacts answered within the service-level threshold over the exporter window, 0-1 (SERVICE_LEVEL).", "SERVICE_LEVEL", true, ValueConversion.PercentToRatio),
    ];

    public static IEnumerable<QueueSeries> CurrentSeries => All.Where(s => !s.Historical);

    public static IEnumerable<QueueSeries> HistoricalSeries => All.Where(s => s.Historical);

    /// <summary>The exported value for Connect's <paramref name="value"/>.</summary>
    public double Convert(double value, TimeSpan window) => Conversion switch
    {
        ValueConversion.PercentToRatio => value / 100,
        ValueConversion.PerSecondOverWindow => value / window.TotalSeconds,
        _ => value,
    };

    private static QueueSeries Current(string name, string help, string connectMetric) => new(name, help, connectMetric, false, ValueConversion.None);
}

public enum ValueConversion
{
    None,
    PercentToRatio,
    PerSecondOverWindow,
}
