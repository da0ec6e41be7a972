using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;

namespace ContactOperator.Api.Tests;

/// <summary>Valid resources of every kind; tests change one thing and expect one specific message.</summary>
internal static class Valid
{
    public static ResourceReference Ref(string name) => new() { Name = name };

    public static ContactInstance Instance(Func<ContactInstanceSpec, ContactInstanceSpec>? change = null)
    {
        var spec = new ContactInstanceSpec
        {
            Region = "us-east-1",
            IdentityManagementType = IdentityManagementTypes.ConnectManaged,
            InstanceAlias = "acme-support",
            StorageConfigs =
            [
                new() { ResourceType = StorageResourceTypes.CallRecordings, S3 = new() { BucketName = "acme-recordings", BucketPrefix = "calls" } },
            ],
        };
        return new ContactInstance { Metadata = new() { Name = "support" }, Spec = change?.Invoke(spec) ?? spec };
    }

    public static HoursOfOperation Hours(Func<HoursOfOperationSpec, HoursOfOperationSpec>? change = null)
    {
        var spec = new HoursOfOperationSpec
        {
            InstanceRef = Ref("support"),
            TimeZone = "America/New_York",
            Config =
            [
                new() { Day = "MONDAY", StartTime = "08:00", EndTime = "18:00" },
                new() { Day = "TUESDAY", StartTime = "00:00", EndTime = "00:00" },
            ],
        };
        return new HoursOfOperation { Metadata = new() { Name = "office-hours" }, Spec = change?.Invoke(spec) ?? spec };
    }

    public static Queue Queue(Func<QueueSpec, QueueSpec>? change = null)
    {
        var spec = new QueueSpec { InstanceRef = Ref("support"), HoursOfOperationRef = Ref("office-hours"), MaxContacts = 10 };
        return new Queue { Metadata = new() { Name = "billing" }, Spec = change?.Invoke(spec) ?? spec };
    }

    public static RoutingProfile RoutingProfile(Func<RoutingProfileSpec, RoutingProfileSpec>? change = null)
    {
        var spec = new RoutingProfileSpec
        {
            InstanceRef = Ref("support"),
            Description = "Billing agents",
            DefaultOutboundQueueRef = Ref("billing"),
            MediaConcurrencies =
            [
                new() { Channel = Channels.Voice, Concurrency = 1 },
                new() { Channel = Channels.Chat, Concurrency = 3 },
            ],
            QueueConfigs =
            [
                new() { QueueRef = Ref("billing"), Channel = Channels.Voice, Priority = 1 },
                new() { QueueRef = Ref("billing"), Channel = Channels.Chat, Priority = 2, Delay = 10 },
                new() { QueueRef = Ref("technical"), Channel = Channels.Voice, Priority = 3 },
            ],
        };
        return new RoutingProfile { Metadata = new() { Name = "billing-agents" }, Spec = change?.Invoke(spec) ?? spec };
    }

    public static AlertPolicy AlertPolicy(Func<AlertPolicySpec, AlertPolicySpec>? change = null)
    {
        var spec = new AlertPolicySpec
        {
            InstanceRef = Ref("support"),
            Rules =
            [
                new()
                {
                    Name = "billing-wait",
                    Metric = AlertMetrics.OldestContactAge,
                    QueueRef = Ref("billing"),
                    Comparison = AlertComparisons.GreaterThan,
                    Tiers =
                    [
                        new() { Severity = AlertSeverities.Warning, Threshold = 120, For = "2m" },
                        new() { Severity = AlertSeverities.Critical, Threshold = 300, For = "1m" },
                    ],
                },
            ],
            Escalation = new() { SnsTopicArn = "arn:aws:sns:us-east-1:123456789012:alerts" },
        };
        return new AlertPolicy { Metadata = new() { Name = "alerts" }, Spec = change?.Invoke(spec) ?? spec };
    }

    public static FailoverPlan FailoverPlan(Func<FailoverPlanSpec, FailoverPlanSpec>? change = null)
    {
        var spec = new FailoverPlanSpec
        {
            InstanceRef = Ref("support"),
            Replica = new() { Region = "us-west-2", InstanceAlias = "acme-support-west" },
            TrafficDistributionGroup = new() { Name = "support-tdg" },
            ActiveRegion = "us-east-1",
            Arc = new()
            {
                ClusterArn = "arn:aws:route53-recovery-control::123456789012:cluster/abc-123",
                ControlPanelName = "support",
                RoutingControls = [new() { Region = "us-east-1", Name = "east" }, new() { Region = "us-west-2", Name = "west" }],
                SafetyRules = [new() { Name = "one-on", Type = "Assertion", MinOn = 1 }],
            },
            Drill = new() { Schedule = "0 3 * * 1", Duration = "15m" },
        };
        return new FailoverPlan { Metadata = new() { Name = "support-dr" }, Spec = change?.Invoke(spec) ?? spec };
    }
}
