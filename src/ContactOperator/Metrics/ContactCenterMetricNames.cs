namespace ContactOperator.Metrics;

/// <summary>
/// The contact-center series the exporter publishes. Every queue series carries the labels <c>connect_namespace</c> and
/// <c>connect_instance</c> (the ContactInstance) and <c>queue</c> (the Queue object's name), see <see cref="ContactCenterLabels"/>;
/// values are in base units (seconds, ratios 0–1, per-second rates).
/// </summary>
public static class ContactCenterMetricNames
{
    public const string QueueContacts = "contact_center_queue_contacts";
    public const string QueueScheduledContacts = "contact_center_queue_scheduled_contacts";
    public const string QueueOldestContactAge = "contact_center_queue_oldest_contact_age_seconds";
    public const string QueueAgentsOnline = "contact_center_queue_agents_online";
    public const string QueueAgentsAvailable = "contact_center_queue_agents_available";
    public const string QueueAgentsOnContact = "contact_center_queue_agents_on_contact";
    public const string QueueAgentsStaffed = "contact_center_queue_agents_staffed";
    public const string QueueAgentsAfterContactWork = "contact_center_queue_agents_after_contact_work";
    public const string QueueAgentsNonProductive = "contact_center_queue_agents_non_productive";
    public const string QueueAgentsError = "contact_center_queue_agents_error";
    public const string QueueSlotsActive = "contact_center_queue_slots_active";
    public const string QueueSlotsAvailable = "contact_center_queue_slots_available";
    public const string QueueContactsCreatedRate = "contact_center_queue_contacts_created_per_second";
    public const string QueueContactsHandledRate = "contact_center_queue_contacts_handled_per_second";
    public const string QueueContactsAbandonedRate = "contact_center_queue_contacts_abandoned_per_second";
    public const string QueueAbandonmentRatio = "contact_center_queue_abandonment_ratio";
    public const string QueueAnswerTime = "contact_center_queue_answer_time_seconds";
    public const string QueueServiceLevelRatio = "contact_center_queue_service_level_ratio";

    public const string ExporterLastSuccess = "contact_center_exporter_last_success_timestamp_seconds";
    public const string ExporterPollErrors = "contact_center_exporter_poll_errors_total";
    public const string ExporterQueues = "contact_center_exporter_queues";
    public const string ExporterApiCalls = "contact_center_exporter_api_calls_total";

    public const string FailoverPhase = "contact_center_failover_phase";
    public const string FailoverActiveRegion = "contact_center_failover_active_region";

    /// <summary>
    /// A series the operator does not export: GetMetricDataV2 offers no aggregate sentiment metric, so the
    /// NegativeSentimentRate alert reads this name, to be supplied by a recording rule over Contact Lens data.
    /// </summary>
    public const string ExternalNegativeSentimentRatio = "contact_center_negative_sentiment_ratio";
}
