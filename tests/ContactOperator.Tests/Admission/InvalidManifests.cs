namespace ContactOperator.Tests.Admission;

/// <summary>
/// Manifests every kind's rules refuse, each with the text the refusal must contain (the field path first). Applied on
/// top of samples/ and <see cref="OtherInstance"/>: the "support" instance in us-east-1 with its queues and hours, and
/// a GDPR "sales" instance in eu-west-2 with its own hours and queue.
/// </summary>
public static class InvalidManifests
{
    public const string OtherInstance = """
        apiVersion: connect.contact-operator.io/v1alpha1
        kind: ContactInstance
        metadata: {name: sales}
        spec: {region: eu-west-2, identityManagementType: CONNECT_MANAGED, instanceAlias: acme-sales, compliance: [GDPR]}
        ---
        apiVersion: connect.contact-operator.io/v1alpha1
        kind: HoursOfOperation
        metadata: {name: sales-hours}
        spec:
          instanceRef: {name: sales}
          timeZone: Europe/London
          config: [{day: MONDAY, startTime: "09:00", endTime: "17:00"}]
        ---
        apiVersion: connect.contact-operator.io/v1alpha1
        kind: Queue
        metadata: {name: sales-queue}
        spec: {instanceRef: {name: sales}, hoursOfOperationRef: {name: sales-hours}}
        """;

    public sealed record InvalidManifest(string Kind, string Rule, string Yaml, string Expected);

    private const string Group = "apiVersion: connect.contact-operator.io/v1alpha1\n";

    private static InvalidManifest Instance(string rule, string spec, string expected) =>
        new("ContactInstance", rule, Group + "kind: ContactInstance\nmetadata: {name: bad-instance}\nspec:\n" + spec, expected);

    private static InvalidManifest Hours(string rule, string spec, string expected) =>
        new("HoursOfOperation", rule, Group + "kind: HoursOfOperation\nmetadata: {name: bad-hours}\nspec:\n  instanceRef: {name: support}\n" + spec, expected);

    private static InvalidManifest Queue(string rule, string spec, string expected) =>
        new("Queue", rule, Group + "kind: Queue\nmetadata: {name: bad-queue}\nspec:\n  instanceRef: {name: support}\n" + spec, expected);

    private static InvalidManifest Profile(string rule, string spec, string expected) =>
        new("RoutingProfile", rule, Group + "kind: RoutingProfile\nmetadata: {name: bad-profile}\nspec:\n  instanceRef: {name: support}\n  description: Bad\n" + spec, expected);

    private static InvalidManifest Alerts(string rule, string spec, string expected) =>
        new("AlertPolicy", rule, Group + "kind: AlertPolicy\nmetadata: {name: bad-alerts}\nspec:\n  instanceRef: {name: support}\n" + spec, expected);

    private static InvalidManifest Plan(string rule, string spec, string expected, string name = "bad-plan", string instance = "support") =>
        new("FailoverPlan", rule, Group + $"kind: FailoverPlan\nmetadata: {{name: {name}}}\nspec:\n  instanceRef: {{name: {instance}}}\n  trafficDistributionGroup: {{name: bad-tdg}}\n" + spec, expected);

    private const string Alias = "  region: us-east-1\n  identityManagementType: CONNECT_MANAGED\n  instanceAlias: bad-alias\n";
    private const string Voice = "  defaultOutboundQueueRef: {name: billing}\n  mediaConcurrencies: [{channel: VOICE, concurrency: 1}]\n";
    private const string WaitRule = "  rules:\n  - name: wait\n    metric: OldestContactAge\n    comparison: GreaterThan\n";

    public static IReadOnlyList<InvalidManifest> All { get; } =
    [
        Instance("alias required", "  region: us-east-1\n  identityManagementType: CONNECT_MANAGED\n",
            "spec.instanceAlias is required when identityManagementType is CONNECT_MANAGED"),
        Instance("directory only for EXISTING_DIRECTORY", Alias + "  directoryId: d-0123456789\n",
            "spec.directoryId is only allowed when identityManagementType is EXISTING_DIRECTORY"),
        Instance("directory required", "  region: us-east-1\n  identityManagementType: EXISTING_DIRECTORY\n",
            "spec.directoryId is required when identityManagementType is EXISTING_DIRECTORY"),
        Instance("storage type once", Alias + "  storageConfigs:\n  - {resourceType: CALL_RECORDINGS, s3: {bucketName: b-one, bucketPrefix: a}}\n  - {resourceType: CALL_RECORDINGS, s3: {bucketName: b-two, bucketPrefix: b}}\n",
            "spec.storageConfigs[1].resourceType CALL_RECORDINGS appears more than once"),
        Instance("lambda once", Alias + "  lambdaFunctions: [\"arn:aws:lambda:us-east-1:123456789012:function:f\", \"arn:aws:lambda:us-east-1:123456789012:function:f\"]\n",
            "spec.lambdaFunctions lists a function more than once"),
        Instance("observe needs adopt", Alias + "  managementPolicy: ObserveOnly\n",
            "spec.adopt.id is required when managementPolicy is ObserveOnly"),
        Instance("PCI forbids unencrypted chat transcripts", Alias + "  compliance: [PCI]\n  storageConfigs:\n  - {resourceType: CHAT_TRANSCRIPTS, s3: {bucketName: chats, bucketPrefix: c}}\n",
            "spec.storageConfigs[0].s3.kmsKeyId is required by compliance profile PCI: unencrypted chat transcripts are not allowed"),
        Instance("HIPAA encrypts every storage config", Alias + "  compliance: [HIPAA]\n  storageConfigs:\n  - {resourceType: CALL_RECORDINGS, s3: {bucketName: calls, bucketPrefix: c, kmsKeyId: key-1}}\n  - {resourceType: SCHEDULED_REPORTS, s3: {bucketName: reports, bucketPrefix: r}}\n",
            "spec.storageConfigs[1].s3.kmsKeyId is required by compliance profile HIPAA: every storage config must be encrypted"),
        Instance("GDPR keeps the instance in the EU", Alias + "  compliance: [GDPR]\n",
            "spec.region us-east-1 is not allowed by compliance profile GDPR"),
        Instance("profiles once", Alias + "  compliance: [PCI, PCI]\n",
            "spec.compliance lists a profile more than once"),
        Instance("no aws: tags", Alias + "  tags: {\"aws:owner\": me}\n",
            "spec.tags keys must be 1 to 128 characters and must not start with 'aws:'"),

        Hours("known time zone", "  timeZone: Mars/Olympus_Mons\n  config: [{day: MONDAY, startTime: \"08:00\", endTime: \"18:00\"}]\n",
            "spec.timeZone 'Mars/Olympus_Mons' is not a known IANA time zone"),
        Hours("time zone names are case-sensitive", "  timeZone: europe/berlin\n  config: [{day: MONDAY, startTime: \"08:00\", endTime: \"18:00\"}]\n",
            "spec.timeZone 'europe/berlin' is not an IANA time zone name: IANA names are case-sensitive, the name is Europe/Berlin"),
        Hours("time zone pattern, printed as the API server prints values", "  timeZone: CET+1\n  config: [{day: MONDAY, startTime: \"08:00\", endTime: \"18:00\"}]\n",
            "spec.timeZone: Invalid value: \"CET+1\": spec.timeZone in body should match"),
        Hours("end after start", "  timeZone: UTC\n  config: [{day: MONDAY, startTime: \"18:00\", endTime: \"08:00\"}]\n",
            "spec.config[0].endTime 08:00 must be after startTime 18:00"),
        Hours("no overlaps", "  timeZone: UTC\n  config:\n  - {day: MONDAY, startTime: \"08:00\", endTime: \"12:00\"}\n  - {day: MONDAY, startTime: \"11:00\", endTime: \"13:00\"}\n",
            "spec.config[1] overlaps spec.config[0] on MONDAY"),
        Hours("tag values length", "  timeZone: UTC\n  config: [{day: MONDAY, startTime: \"08:00\", endTime: \"18:00\"}]\n  tags: {team: " + new string('x', 257) + "}\n",
            "spec.tags values must be strings of at most 256 characters"),

        Queue("hours of the same instance", "  hoursOfOperationRef: {name: sales-hours}\n",
            "spec.hoursOfOperationRef.name names HoursOfOperation sales-hours of ContactInstance sales, but this object belongs to ContactInstance support"),
        Queue("no aws: tags", "  hoursOfOperationRef: {name: office-hours}\n  tags: {\"aws:cost\": x}\n",
            "spec.tags keys must be 1 to 128 characters and must not start with 'aws:'"),
        Queue("instance is immutable", "  hoursOfOperationRef: {name: office-hours}\n", "spec.instanceRef is immutable") with
        {
            Yaml = Group + "kind: Queue\nmetadata: {name: billing}\nspec:\n  instanceRef: {name: sales}\n  hoursOfOperationRef: {name: sales-hours}\n",
        },

        Profile("queue channel has a concurrency", Voice + "  queueConfigs: [{queueRef: {name: billing}, channel: TASK, priority: 1}]\n",
            "spec.queueConfigs[0].channel TASK has no entry in spec.mediaConcurrencies"),
        Profile("queue and channel once", Voice + "  queueConfigs:\n  - {queueRef: {name: billing}, channel: VOICE, priority: 1}\n  - {queueRef: {name: billing}, channel: VOICE, priority: 2}\n",
            "spec.queueConfigs[1] repeats queue billing on channel VOICE"),
        Profile("voice concurrency is one", "  defaultOutboundQueueRef: {name: billing}\n  mediaConcurrencies: [{channel: VOICE, concurrency: 2}]\n",
            "spec.mediaConcurrencies[0].concurrency must be 1 for VOICE (got 2)"),
        Profile("channel once", "  defaultOutboundQueueRef: {name: billing}\n  mediaConcurrencies: [{channel: CHAT, concurrency: 2}, {channel: CHAT, concurrency: 3}]\n",
            "spec.mediaConcurrencies[1].channel CHAT appears more than once"),
        Profile("queues of the same instance", Voice + "  queueConfigs: [{queueRef: {name: sales-queue}, channel: VOICE, priority: 1}]\n",
            "spec.queueConfigs[0].queueRef.name names Queue sales-queue of ContactInstance sales"),
        Profile("outbound queue of the same instance", "  defaultOutboundQueueRef: {name: sales-queue}\n  mediaConcurrencies: [{channel: VOICE, concurrency: 1}]\n",
            "spec.defaultOutboundQueueRef.name names Queue sales-queue of ContactInstance sales"),

        Alerts("rule names unique", WaitRule + "    tiers: [{severity: warning, threshold: 60}]\n  - name: wait\n    metric: ContactsInQueue\n    comparison: GreaterThan\n    tiers: [{severity: warning, threshold: 10}]\n",
            "spec.rules[1].name wait is used by an earlier rule"),
        Alerts("queueRef only for queue metrics", "  rules:\n  - name: lambda\n    metric: LambdaErrors\n    queueRef: {name: billing}\n    comparison: GreaterThan\n    tiers: [{severity: warning, threshold: 1}]\n",
            "is not allowed: LambdaErrors is not measured per queue"),
        Alerts("percentages up to 100", "  rules:\n  - name: abandon\n    metric: AbandonmentRate\n    comparison: GreaterThan\n    tiers: [{severity: warning, threshold: 120}]\n",
            "spec.rules[0].tiers[0].threshold must be a percentage between 0 and 100 for AbandonmentRate (got 120)"),
        Alerts("tiers escalate", WaitRule + "    tiers: [{severity: warning, threshold: 300}, {severity: critical, threshold: 120}]\n",
            "spec.rules[0].tiers[1].threshold 120 (critical) must be above the warning threshold 300"),
        Alerts("severities unique", WaitRule + "    tiers: [{severity: warning, threshold: 60}, {severity: warning, threshold: 120}]\n",
            "spec.rules[0].tiers[1].severity warning is used by an earlier tier of the same rule"),
        Alerts("escalation has a target", WaitRule + "    tiers: [{severity: warning, threshold: 60}]\n  escalation: {minimumSeverity: critical}\n",
            "spec.escalation needs snsTopicArn or serviceNow"),
        Alerts("queues of the same instance", WaitRule + "    queueRef: {name: sales-queue}\n    tiers: [{severity: warning, threshold: 60}]\n",
            "spec.rules[0].queueRef.name names Queue sales-queue of ContactInstance sales"),

        Plan("replica is a Global Resiliency region", "  replica: {region: eu-west-1, instanceAlias: bad-west}\n  activeRegion: us-east-1\n",
            "spec.replica.region eu-west-1 cannot hold a Global Resiliency replica"),
        Plan("active region is one of the two", "  replica: {region: us-west-2, instanceAlias: bad-west}\n  activeRegion: eu-central-1\n",
            "spec.activeRegion eu-central-1 is not one of the plan's regions"),
        Plan("replica pairs with the instance's region", "  replica: {region: us-west-2, instanceAlias: sales-west}\n  activeRegion: us-west-2\n",
            "spec.replica.region us-west-2 cannot replicate ContactInstance sales in eu-west-2", instance: "sales"),
        Plan("Global Resiliency replicates only SAML instances", "  replica: {region: eu-central-1, instanceAlias: sales-central}\n  activeRegion: eu-west-2\n",
            "spec.instanceRef.name names ContactInstance sales, whose spec.identityManagementType is CONNECT_MANAGED: Global Resiliency replicates only instances with SAML identity management", instance: "sales"),
        Plan("one routing control per region", "  replica: {region: us-west-2, instanceAlias: bad-west}\n  activeRegion: us-east-1\n  arc:\n    clusterArn: arn:aws:route53-recovery-control::123456789012:cluster/abc\n    controlPanelName: panel\n    routingControls: [{region: us-west-2, name: a}, {region: us-west-2, name: b}]\n",
            "spec.arc.routingControls[1].region us-west-2 repeats routingControls[0]"),
        Plan("drills need a cron schedule", "  replica: {region: us-west-2, instanceAlias: bad-west}\n  activeRegion: us-east-1\n  drill: {schedule: \"61 * * * *\"}\n",
            "spec.drill.schedule must be a five-field cron expression"),
        Plan("gating rules name their control", "  replica: {region: us-west-2, instanceAlias: bad-west}\n  activeRegion: us-east-1\n  arc:\n    clusterArn: arn:aws:route53-recovery-control::123456789012:cluster/abc\n    controlPanelName: panel\n    routingControls: [{region: us-east-1, name: a}, {region: us-west-2, name: b}]\n    safetyRules: [{name: gate, type: Gating}]\n",
            "spec.arc.safetyRules[0].gatingControlName is required for a Gating safety rule"),
    ];
}
