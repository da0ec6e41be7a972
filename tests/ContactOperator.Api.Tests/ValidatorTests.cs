using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Api.Validation;

namespace ContactOperator.Api.Tests;

public class ValidatorTests
{
    private static IReadOnlyList<string> Errors(object resource) =>
        ((IContactResource)resource).Validate().Errors.Select(e => e.ErrorMessage).ToList();

    private static void AssertOnlyError(object resource, string expected)
    {
        var errors = Errors(resource);
        Assert.True(errors.Count == 1 && errors[0] == expected,
            $"expected exactly: {expected}\nbut got:\n  {string.Join("\n  ", errors)}");
    }

    public static TheoryData<object> ValidResources() => new()
    {
        Valid.Instance(), Valid.Hours(), Valid.Queue(), Valid.RoutingProfile(), Valid.AlertPolicy(), Valid.FailoverPlan(),
    };

    [Theory]
    [MemberData(nameof(ValidResources))]
    public void Valid_resources_pass(object resource) => Assert.Empty(Errors(resource));

    [Fact]
    public void Names_are_counted_in_characters_as_the_api_server_counts_them_not_in_utf16_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F4DE", 127)); // 127 telephone receivers: 254 UTF-16 units
        Assert.Empty(Errors(Valid.Queue(s => s with { Name = emoji })));
        AssertOnlyError(Valid.Queue(s => s with { Name = emoji + "\U0001F4DE" }), "spec.name must be 1 to 127 characters long (got 128)");
    }

    [Fact]
    public void Queue_config_priority_out_of_range_names_the_item()
    {
        var profile = Valid.RoutingProfile(s => s with
        {
            QueueConfigs = [.. s.QueueConfigs!.Take(2), s.QueueConfigs![2] with { Priority = 100 }],
        });
        AssertOnlyError(profile, "spec.queueConfigs[2].priority must be between 1 and 99 (got 100)");
    }

    [Fact]
    public void Queue_config_delay_out_of_range()
    {
        var profile = Valid.RoutingProfile(s => s with { QueueConfigs = [s.QueueConfigs![0] with { Delay = 10000 }] });
        AssertOnlyError(profile, "spec.queueConfigs[0].delay must be between 0 and 9999 (got 10000)");
    }

    [Fact]
    public void Queue_config_on_a_channel_without_concurrency_is_refused()
    {
        var profile = Valid.RoutingProfile(s => s with { QueueConfigs = [s.QueueConfigs![0] with { Channel = Channels.Task }] });
        AssertOnlyError(profile, "spec.queueConfigs[0].channel TASK has no entry in spec.mediaConcurrencies");
    }

    [Fact]
    public void Repeated_queue_and_channel_pair_is_refused()
    {
        var profile = Valid.RoutingProfile(s => s with { QueueConfigs = [s.QueueConfigs![0], s.QueueConfigs![0] with { Priority = 5 }] });
        AssertOnlyError(profile, "spec.queueConfigs[1] repeats queue billing on channel VOICE");
    }

    [Fact]
    public void Voice_concurrency_must_be_one()
    {
        var profile = Valid.RoutingProfile(s => s with { MediaConcurrencies = [new() { Channel = Channels.Voice, Concurrency = 2 }, s.MediaConcurrencies[1]] });
        AssertOnlyError(profile, "spec.mediaConcurrencies[0].concurrency must be 1 for VOICE (got 2)");
    }

    [Fact]
    public void Unknown_channel_lists_the_allowed_values()
    {
        var profile = Valid.RoutingProfile(s => s with { MediaConcurrencies = [s.MediaConcurrencies[0], s.MediaConcurrencies[1] with { Channel = "FAX" }] });
        Assert.Contains("spec.mediaConcurrencies[1].channel must be one of VOICE, CHAT, TASK, EMAIL (got 'FAX')", Errors(profile));
    }

    [Fact]
    public void Routing_profile_needs_a_description_for_aws()
    {
        AssertOnlyError(Valid.RoutingProfile(s => s with { Description = "" }), "spec.description is required");
    }

    [Fact]
    public void Instance_alias_is_required_for_connect_managed_identity()
    {
        AssertOnlyError(Valid.Instance(s => s with { InstanceAlias = null }),
            "spec.instanceAlias is required when identityManagementType is CONNECT_MANAGED");
    }

    [Fact]
    public void Directory_id_is_required_for_existing_directory_and_refused_otherwise()
    {
        AssertOnlyError(Valid.Instance(s => s with { IdentityManagementType = IdentityManagementTypes.ExistingDirectory, InstanceAlias = null }),
            "spec.directoryId is required when identityManagementType is EXISTING_DIRECTORY");
        AssertOnlyError(Valid.Instance(s => s with { DirectoryId = "d-0123456789" }),
            "spec.directoryId is only allowed when identityManagementType is EXISTING_DIRECTORY (it is CONNECT_MANAGED)");
    }

    [Fact]
    public void Instance_alias_format_is_checked()
    {
        AssertOnlyError(Valid.Instance(s => s with { InstanceAlias = "d-acme" }),
            "spec.instanceAlias must be letters, digits and inner hyphens, and must not start with 'd-' (got 'd-acme')");
    }

    [Fact]
    public void Region_must_look_like_an_aws_region()
    {
        AssertOnlyError(Valid.Instance(s => s with { Region = "US East" }),
            "spec.region must be an AWS region such as us-east-1 (got 'US East')");
    }

    [Fact]
    public void Storage_resource_type_may_appear_once()
    {
        var instance = Valid.Instance(s => s with { StorageConfigs = [s.StorageConfigs![0], s.StorageConfigs![0] with { S3 = new() { BucketName = "other-bucket", BucketPrefix = "x" } }] });
        AssertOnlyError(instance, "spec.storageConfigs[1].resourceType CALL_RECORDINGS appears more than once");
    }

    [Fact]
    public void Bucket_name_format_names_the_nested_path()
    {
        var instance = Valid.Instance(s => s with { StorageConfigs = [s.StorageConfigs![0] with { S3 = new() { BucketName = "Bad_Bucket", BucketPrefix = "p" } }] });
        AssertOnlyError(instance, "spec.storageConfigs[0].s3.bucketName must be a valid S3 bucket name (got 'Bad_Bucket')");
    }

    [Fact]
    public void Lambda_function_must_be_an_arn()
    {
        AssertOnlyError(Valid.Instance(s => s with { LambdaFunctions = ["lookup-customer"] }),
            "spec.lambdaFunctions[0] must be a Lambda function ARN (got 'lookup-customer')");
    }

    [Fact]
    public void Observe_only_requires_an_existing_instance_to_observe()
    {
        AssertOnlyError(Valid.Instance(s => s with { ManagementPolicy = ManagementPolicies.ObserveOnly }),
            "spec.adopt.id is required when managementPolicy is ObserveOnly: the operator never creates an instance it only observes");
    }

    [Fact]
    public void Deletion_policy_lists_allowed_values()
    {
        AssertOnlyError(Valid.Queue(s => s with { DeletionPolicy = "Orphan" }),
            "spec.deletionPolicy must be one of Retain, Delete (got 'Orphan')");
    }

    [Fact]
    public void Hours_end_must_follow_start()
    {
        AssertOnlyError(Valid.Hours(s => s with { Config = [new() { Day = "MONDAY", StartTime = "18:00", EndTime = "08:00" }] }),
            "spec.config[0].endTime 08:00 must be after startTime 18:00 (use 00:00 for midnight)");
    }

    [Fact]
    public void Hours_ranges_must_not_overlap_on_a_day()
    {
        AssertOnlyError(Valid.Hours(s => s with
        {
            Config = [new() { Day = "MONDAY", StartTime = "08:00", EndTime = "12:00" }, new() { Day = "MONDAY", StartTime = "11:00", EndTime = "13:00" }],
        }), "spec.config[1] overlaps spec.config[0] on MONDAY");
    }

    [Fact]
    public void Hours_clock_format_is_checked()
    {
        AssertOnlyError(Valid.Hours(s => s with { Config = [new() { Day = "MONDAY", StartTime = "8am", EndTime = "18:00" }] }),
            "spec.config[0].startTime must be HH:MM in 24-hour form (got '8am')");
    }

    [Fact]
    public void Unknown_time_zone_is_refused()
    {
        AssertOnlyError(Valid.Hours(s => s with { TimeZone = "America/New_Yrok" }),
            "spec.timeZone 'America/New_Yrok' is not a known IANA time zone (for example America/New_York)");
    }

    [Fact]
    public void Time_zone_names_are_case_sensitive_and_the_refusal_gives_the_right_spelling()
    {
        // Once .NET has looked a zone up it also answers to other casings: the check must not depend on that.
        Assert.Empty(Errors(Valid.Hours(s => s with { TimeZone = "Europe/Berlin" })));

        AssertOnlyError(Valid.Hours(s => s with { TimeZone = "europe/berlin" }),
            "spec.timeZone 'europe/berlin' is not an IANA time zone name: IANA names are case-sensitive, the name is Europe/Berlin");
        var windowsName = Assert.Single(Errors(Valid.Hours(s => s with { TimeZone = "W. Europe Standard Time" })));
        Assert.StartsWith("spec.timeZone 'W. Europe Standard Time' is ", windowsName, StringComparison.Ordinal);
    }

    [Fact]
    public void Queue_max_contacts_range_and_status_values()
    {
        AssertOnlyError(Valid.Queue(s => s with { MaxContacts = -1 }), "spec.maxContacts must be between 0 and 10000 (got -1)");
        AssertOnlyError(Valid.Queue(s => s with { Status = "ON" }), "spec.status must be one of ENABLED, DISABLED (got 'ON')");
    }

    [Fact]
    public void Reference_names_must_be_kubernetes_names()
    {
        AssertOnlyError(Valid.Queue(s => s with { HoursOfOperationRef = new() { Name = "Office Hours" } }),
            "spec.hoursOfOperationRef.name must be a Kubernetes object name (got 'Office Hours')");
    }

    [Fact]
    public void Tag_keys_must_not_use_the_aws_prefix()
    {
        AssertOnlyError(Valid.Queue(s => s with { Tags = new Dictionary<string, string> { ["aws:team"] = "x" } }),
            "spec.tags keys must be 1 to 128 characters and must not start with 'aws:'");
    }

    [Fact]
    public void Alert_tiers_must_escalate_in_the_direction_of_the_comparison()
    {
        var policy = Valid.AlertPolicy(s => s with
        {
            Rules = [s.Rules[0] with { Tiers = [new() { Severity = "warning", Threshold = 300 }, new() { Severity = "critical", Threshold = 120 }] }],
        });
        AssertOnlyError(policy, "spec.rules[0].tiers[1].threshold 120 (critical) must be above the warning threshold 300");

        var lessThan = Valid.AlertPolicy(s => s with
        {
            Rules = [s.Rules[0] with
            {
                Metric = AlertMetrics.ServiceLevel,
                Comparison = AlertComparisons.LessThan,
                Tiers = [new() { Severity = "warning", Threshold = 80 }, new() { Severity = "critical", Threshold = 60 }],
            }],
        });
        Assert.Empty(Errors(lessThan));
    }

    [Fact]
    public void Alert_severity_may_appear_once_per_rule()
    {
        var policy = Valid.AlertPolicy(s => s with
        {
            Rules = [s.Rules[0] with { Tiers = [new() { Severity = "critical", Threshold = 100 }, new() { Severity = "critical", Threshold = 200 }] }],
        });
        AssertOnlyError(policy, "spec.rules[0].tiers[1].severity critical is used by an earlier tier of the same rule");
    }

    [Fact]
    public void Percentage_thresholds_stay_within_100()
    {
        var policy = Valid.AlertPolicy(s => s with
        {
            Rules = [s.Rules[0] with { Metric = AlertMetrics.AbandonmentRate, Tiers = [new() { Severity = "warning", Threshold = 150 }] }],
        });
        AssertOnlyError(policy, "spec.rules[0].tiers[0].threshold must be a percentage between 0 and 100 for AbandonmentRate (got 150)");
    }

    [Fact]
    public void Queue_ref_only_for_queue_metrics()
    {
        var policy = Valid.AlertPolicy(s => s with { Rules = [s.Rules[0] with { Metric = AlertMetrics.LambdaErrors }] });
        AssertOnlyError(policy, "spec.rules[0].queueRef is not allowed: LambdaErrors is not measured per queue");
    }

    [Fact]
    public void Alert_duration_uses_prometheus_syntax()
    {
        var policy = Valid.AlertPolicy(s => s with { Rules = [s.Rules[0] with { Tiers = [new() { Severity = "warning", Threshold = 1, For = "5 minutes" }] }] });
        AssertOnlyError(policy, "spec.rules[0].tiers[0].for must be a Prometheus duration such as 30s, 5m or 1h (got '5 minutes')");
    }

    [Fact]
    public void Alert_rule_names_are_unique()
    {
        var policy = Valid.AlertPolicy(s => s with { Rules = [s.Rules[0], s.Rules[0]] });
        AssertOnlyError(policy, "spec.rules[1].name billing-wait is used by an earlier rule");
    }

    [Fact]
    public void Escalation_needs_a_target()
    {
        AssertOnlyError(Valid.AlertPolicy(s => s with { Escalation = new() }), "spec.escalation needs snsTopicArn or serviceNow");
    }

    [Fact]
    public void DynamoDb_metrics_name_their_table_and_other_metrics_do_not()
    {
        var missing = Valid.AlertPolicy(s => s with { Rules = [s.Rules[0] with { Metric = AlertMetrics.DynamoDbThrottles, QueueRef = null }] });
        AssertOnlyError(missing, "spec.rules[0].tableName is required for DynamoDbThrottles");
        var stray = Valid.AlertPolicy(s => s with { Rules = [s.Rules[0] with { TableName = "profiles" }] });
        AssertOnlyError(stray, "spec.rules[0].tableName is only allowed for the DynamoDb metrics (got OldestContactAge)");
    }

    [Fact]
    public void Escalation_routes_name_configured_targets_once_per_severity()
    {
        var policy = Valid.AlertPolicy(s => s with
        {
            Escalation = new()
            {
                SnsTopicArn = "arn:aws:sns:us-east-1:123456789012:alerts",
                Routes = [new() { Severity = "critical", Targets = [EscalationTargets.ServiceNow] }],
            },
        });
        AssertOnlyError(policy, "spec.escalation.routes[0].targets names ServiceNow but spec.escalation.serviceNow is not set");
        var twice = Valid.AlertPolicy(s => s with
        {
            Escalation = new()
            {
                SnsTopicArn = "arn:aws:sns:us-east-1:123456789012:alerts",
                Routes = [new() { Severity = "critical", Targets = [EscalationTargets.Sns] }, new() { Severity = "critical", Targets = [EscalationTargets.Sns] }],
            },
        });
        AssertOnlyError(twice, "spec.escalation.routes[1].severity critical is used by an earlier route");
    }

    [Fact]
    public void Failover_needs_a_routing_control_for_the_replica_region()
    {
        var plan = Valid.FailoverPlan(s => s with
        {
            Arc = s.Arc! with { RoutingControls = [new() { Region = "us-east-1", Name = "east" }, new() { Region = "eu-west-1", Name = "eu" }] },
        });
        AssertOnlyError(plan, "spec.arc.routingControls has no routing control for the replica region us-west-2");
    }

    [Fact]
    public void Gating_rule_needs_its_gating_control()
    {
        var plan = Valid.FailoverPlan(s => s with { Arc = s.Arc! with { SafetyRules = [new() { Name = "gate", Type = "Gating" }] } });
        AssertOnlyError(plan, "spec.arc.safetyRules[0].gatingControlName is required for a Gating safety rule");
    }

    [Fact]
    public void Failover_replica_must_be_a_global_resiliency_region()
    {
        var plan = Valid.FailoverPlan(s => s with
        {
            Replica = s.Replica with { Region = "eu-west-1" },
            Arc = null,
            ActiveRegion = "eu-west-1",
        });
        AssertOnlyError(plan, "spec.replica.region eu-west-1 cannot hold a Global Resiliency replica; the region pairs are us-east-1<->us-west-2, eu-central-1<->eu-west-2, ap-northeast-1->ap-northeast-3");
    }

    [Fact]
    public void Failover_target_must_be_one_of_the_plan_regions()
    {
        AssertOnlyError(Valid.FailoverPlan(s => s with { ActiveRegion = "eu-west-2" }), "spec.activeRegion eu-west-2 is not one of the plan's regions (us-east-1, us-west-2)");
    }

    [Fact]
    public void Failover_override_names_known_checks_and_rules()
    {
        var plan = Valid.FailoverPlan(s => s with { Override = new() { SkipChecks = ["Everything"], SafetyRulesToOverride = ["nope"] } });
        Assert.Equal(
            ["spec.override.skipChecks[0] must be one of ReplicaActive, AgentsAvailable, MinTimeBetweenMoves (got 'Everything')", "spec.override.safetyRulesToOverride[0] nope is not one of spec.arc.safetyRules"],
            Errors(plan));
    }

    [Fact]
    public void Failover_shift_steps_are_multiples_of_ten()
    {
        AssertOnlyError(Valid.FailoverPlan(s => s with { Shift = new() { StepPercent = 25 } }), "spec.shift.stepPercent must be a multiple of 10 between 10 and 100 (got 25)");
    }

    [Theory]
    [InlineData("0 3 * * 1", true)]
    [InlineData("*/15 8-18 * * 1-5", true)]
    [InlineData("0 3 * *", false)]
    [InlineData("61 3 * * 1", false)]
    [InlineData("0 3 * * MON", true)]
    [InlineData("0 3 * * FUNDAY", false)]
    public void Drill_schedule_is_five_field_cron(string schedule, bool valid)
    {
        var errors = Errors(Valid.FailoverPlan(s => s with { Drill = s.Drill! with { Schedule = schedule } }));
        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal([$"spec.drill.schedule must be a five-field cron expression such as '0 3 * * 1' (got '{schedule}')"], errors);
        }
    }
}
