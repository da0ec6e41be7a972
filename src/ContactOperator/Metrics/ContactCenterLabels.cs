namespace ContactOperator.Metrics;

/// <summary>
/// Label names of the contact-center series, chosen so that none is a label Prometheus or prometheus-operator sets on
/// every scraped series (<c>instance</c>, <c>job</c>, <c>namespace</c>, <c>pod</c>, <c>service</c>, <c>endpoint</c>,
/// <c>container</c>): with a default scrape config (no <c>honor_labels</c>) a colliding label would be renamed to
/// <c>exported_…</c> and every rule and dashboard reading it would match nothing.
/// </summary>
public static class ContactCenterLabels
{
    /// <summary>The namespace of the ContactInstance (or FailoverPlan) a series describes.</summary>
    public const string Namespace = "connect_namespace";

    /// <summary>The name of the ContactInstance object a series describes.</summary>
    public const string Instance = "connect_instance";

    /// <summary>The name of the Queue object (the name AlertPolicies use in <c>queueRef</c>).</summary>
    public const string Queue = "queue";

    /// <summary>The name of the FailoverPlan object.</summary>
    public const string Plan = "plan";
}
