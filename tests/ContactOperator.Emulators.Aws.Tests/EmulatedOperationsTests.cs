namespace ContactOperator.Emulators.Aws.Tests;

public sealed class EmulatedOperationsTests
{
    /// <summary>The operations issue 5 asks the emulator for (DIGEST.md), by service.</summary>
    public static TheoryData<string, string> Required => new()
    {
        { "connect", "CreateInstance DescribeInstance ListInstances DeleteInstance DescribeInstanceAttribute UpdateInstanceAttribute ListInstanceAttributes AssociateInstanceStorageConfig DescribeInstanceStorageConfig UpdateInstanceStorageConfig DisassociateInstanceStorageConfig ListInstanceStorageConfigs AssociateLambdaFunction DisassociateLambdaFunction ListLambdaFunctions AssociateBot DisassociateBot ListBots CreateHoursOfOperation DescribeHoursOfOperation UpdateHoursOfOperation DeleteHoursOfOperation ListHoursOfOperations CreateQueue DescribeQueue ListQueues DeleteQueue UpdateQueueName UpdateQueueHoursOfOperation UpdateQueueMaxContacts UpdateQueueOutboundCallerConfig UpdateQueueStatus CreateRoutingProfile DescribeRoutingProfile ListRoutingProfiles DeleteRoutingProfile UpdateRoutingProfileName UpdateRoutingProfileConcurrency UpdateRoutingProfileDefaultOutboundQueue UpdateRoutingProfileAgentAvailabilityTimer AssociateRoutingProfileQueues DisassociateRoutingProfileQueues UpdateRoutingProfileQueues ListRoutingProfileQueues TagResource UntagResource ListTagsForResource ReplicateInstance CreateTrafficDistributionGroup DescribeTrafficDistributionGroup ListTrafficDistributionGroups DeleteTrafficDistributionGroup GetTrafficDistribution UpdateTrafficDistribution GetCurrentMetricData GetMetricDataV2" },
        { "route53-recovery-control-config", "CreateCluster DescribeCluster ListClusters DeleteCluster CreateControlPanel DescribeControlPanel UpdateControlPanel ListControlPanels DeleteControlPanel CreateRoutingControl DescribeRoutingControl UpdateRoutingControl ListRoutingControls DeleteRoutingControl CreateSafetyRule DescribeSafetyRule UpdateSafetyRule ListSafetyRules DeleteSafetyRule TagResource UntagResource ListTagsForResource" },
        { "route53-recovery-cluster", "GetRoutingControlState UpdateRoutingControlState UpdateRoutingControlStates ListRoutingControls" },
    };

    [Theory]
    [MemberData(nameof(Required))]
    public async Task Every_required_operation_is_emulated_with_its_model_binding(string service, string operations)
    {
        await using var emulator = await AwsEmulator.StartAsync();
        var emulated = emulator.Control.EmulatedOperations.Where(o => o.Service == service).ToDictionary(o => o.Operation);

        var missing = operations.Split(' ').Where(op => !emulated.ContainsKey(op)).ToList();

        Assert.True(missing.Count == 0, $"{service} lacks: {string.Join(", ", missing)}");
        Assert.Equal(("PUT", "/queues/{InstanceId}"), (emulator.Control.EmulatedOperations.Single(o => o.Operation == "CreateQueue").Method,
            emulator.Control.EmulatedOperations.Single(o => o.Operation == "CreateQueue").RequestUri));
    }
}
