namespace ContactOperator.Emulators.Aws.Arc;

/// <summary>ARC ARNs: arn:aws:route53-recovery-control::ACCOUNT:cluster/ID, controlpanel/ID, controlpanel/ID/routingcontrol/ID, controlpanel/ID/safetyrule/ID.</summary>
internal static class ArcArns
{
    public static string NewId() => Guid.NewGuid().ToString("N");

    public static string Cluster(string account, string id) => $"arn:aws:route53-recovery-control::{account}:cluster/{id}";

    public static string ControlPanel(string account, string id) => $"arn:aws:route53-recovery-control::{account}:controlpanel/{id}";

    public static string RoutingControl(string panelArn, string id) => $"{panelArn}/routingcontrol/{id}";

    public static string SafetyRule(string panelArn, string id) => $"{panelArn}/safetyrule/{id}";

    /// <summary>The cluster id from a cluster ARN, or the value itself when it is an id.</summary>
    public static string ClusterId(string idOrArn) =>
        idOrArn.StartsWith("arn:", StringComparison.Ordinal) ? idOrArn[(idOrArn.LastIndexOf('/') + 1)..] : idOrArn;
}
