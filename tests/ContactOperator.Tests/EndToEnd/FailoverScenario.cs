using System.Text.Json.Nodes;
using ContactOperator.Api.Kinds;
using ContactOperator.Controllers;
using ContactOperator.Emulators.Aws;
using ContactOperator.Kinds.FailoverPlans;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Tests.EndToEnd;

/// <summary>
/// The contact-center sample with its FailoverPlan (support-dr) paired with an ARC cluster made outside Kubernetes,
/// applied with real kubectl and provisioned until the plan is Ready, with agents available in the replica region.
/// </summary>
public sealed class FailoverScenario : IAsyncDisposable
{
    public const string Plan = "support-dr";
    public const string East = "us-east-1";
    public const string West = "us-west-2";

    private FailoverScenario(ContactCenterHarness harness, string clusterArn, Dictionary<string, string> kubectlEnv, string kubectl)
    {
        H = harness;
        ClusterArn = clusterArn;
        KubectlEnv = kubectlEnv;
        Kubectl = kubectl;
    }

    /// <summary>The kubectl the scenario runs (kubectl-1.32 unless told otherwise).</summary>
    public string Kubectl { get; }

    private readonly Dictionary<string, (string InstanceId, string QueueId)> billingQueues = [];

    public ContactCenterHarness H { get; }

    public string ClusterArn { get; }

    public Dictionary<string, string> KubectlEnv { get; }

    public AwsEmulatorControl Aws => H.Aws.Control;

    /// <summary>
    /// Starts the emulators and the operator, makes the ARC cluster, applies the sample with an arc section
    /// (<paramref name="arcRules"/> are extra YAML lines under spec.arc.safetyRules) and waits for the plan to be Ready.
    /// </summary>
    public static async Task<FailoverScenario> StartAsync(
        string minTimeBetweenMoves = "1h", string? arcRules = null, string? extraSpec = null, FailoverOptions? failover = null, Action<AwsEmulatorControl, string>? prepareCluster = null,
        string kubectl = "kubectl-1.32", bool webhooks = false)
    {
        var h = await ContactCenterHarness.StartAsync(startOperator: false, webhooks: webhooks);
        if (failover is not null)
        {
            h.Failover = failover;
        }
        await h.StartOperatorAsync();
        var created = h.Aws.Control.InvokeOutOfBand("route53-recovery-control-config", West, "CreateCluster", new JsonObject { ["ClusterName"] = "dr" });
        var clusterArn = created["Cluster"]!.AsObject()[nameof(ClusterArn)]!.GetValue<string>();
        prepareCluster?.Invoke(h.Aws.Control, clusterArn);
        var directory = Directory.CreateTempSubdirectory("failover-e2e-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        await h.Kube.WriteKubeconfigAsync(kubeconfig);
        var scenario = new FailoverScenario(h, clusterArn, new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["HOME"] = directory }, kubectl);

        var sample = await File.ReadAllTextAsync(RepoPaths.Of("samples", "contact-center.yaml"));
        var arc = string.Join('\n',
            "  arc:",
            $"    clusterArn: {clusterArn}",
            "    controlPanelName: support-dr",
            "    routingControls:",
            "    - {region: us-east-1, name: support-east}",
            "    - {region: us-west-2, name: support-west}",
            "    safetyRules:",
            "    - {name: one-region-on, type: Assertion, minOn: 1, waitPeriodMs: 0}",
            arcRules ?? "",
            extraSpec ?? "");
        var manifest = sample
            .Replace("  activeRegion: us-east-1\n", "  activeRegion: us-east-1\n" + arc.TrimEnd('\n') + "\n", StringComparison.Ordinal)
            .Replace("minTimeBetweenMoves: 15m", $"minTimeBetweenMoves: {minTimeBetweenMoves}", StringComparison.Ordinal);
        var path = Path.Combine(directory, "contact-center.yaml");
        await File.WriteAllTextAsync(path, manifest);
        var apply = await scenario.KubectlAsync("apply", "-f", path);
        Assert.True(apply.ExitCode == 0, apply.Output);

        var plan = await h.WaitForReadyAsync(Descriptors.FailoverPlan, Plan, TimeSpan.FromSeconds(90));
        var billing = await h.WaitForReadyAsync(Descriptors.Queue, "billing");
        scenario.billingQueues[West] = (plan.Status!.ReplicaInstanceId!, billing.Status!.Id!);
        scenario.billingQueues[East] = (plan.Status.Id!, billing.Status.Id!);
        scenario.StaffAgents(West);
        scenario.StaffAgents(East);
        return scenario;
    }

    /// <summary>Three agents available on the billing queue in <paramref name="region"/> (the AgentsAvailable check passes there).</summary>
    public void StaffAgents(string region)
    {
        var (instance, queue) = billingQueues[region];
        Aws.SetQueueLoad(region, instance, queue, new QueueLoad { AgentsAvailable = 3, AgentsOnline = 3, AgentsStaffed = 3 });
    }

    public Task<ProcessResult> KubectlAsync(params string[] args) =>
        ChildProcess.RunAsync(Tools.Resolve(Kubectl), args, KubectlEnv, TimeSpan.FromSeconds(60));

    public async Task PatchActiveRegionAsync(string region)
    {
        var patch = await KubectlAsync("patch", "failoverplan", Plan, "--type", "merge", "-p", $$$"""{"spec":{"activeRegion":"{{{region}}}"}}""");
        Assert.True(patch.ExitCode == 0, patch.Output);
    }

    public Task<FailoverPlan?> GetAsync() => H.Resources(Descriptors.FailoverPlan).TryGetAsync(new ObjectKey(ContactCenterHarness.Namespace, Plan));

    /// <summary>Waits until the plan's traffic is on <paramref name="region"/> with no move in progress and <paramref name="moves"/> history entries.</summary>
    public Task<FailoverPlan> WaitForActiveAsync(string region, int moves, TimeSpan? timeout = null) =>
        H.WaitForAsync(Descriptors.FailoverPlan, Plan,
            p => p.Status is { InProgress: null, Phase: FailoverPhases.Completed } s && s.ActiveRegion == region && s.History?.Count == moves, timeout);

    /// <summary>Telephony and agent percentages per region, as GetTrafficDistribution reports them from <paramref name="region"/>.</summary>
    public (Dictionary<string, int> Telephony, Dictionary<string, int> Agents) Distribution(FailoverPlan plan, string region = West)
    {
        var answer = Aws.InvokeOutOfBand("connect", region, "GetTrafficDistribution", new JsonObject { ["Id"] = plan.Status!.TrafficDistributionGroupArn });
        static Dictionary<string, int> Map(JsonNode? config) =>
            config!["Distributions"]!.AsArray().ToDictionary(d => (string)d!["Region"]!, d => (int)d!["Percentage"]!);
        return (Map(answer["TelephonyConfig"]), Map(answer["AgentConfig"]));
    }

    /// <summary>On/Off of the plan's routing control for <paramref name="region"/>.</summary>
    public string? RoutingControl(FailoverPlan plan, string region) =>
        Aws.GetRoutingControlState(plan.Status!.Arc!.RoutingControls!.Single(c => c.Region == region).Arn!);

    /// <summary>Successful calls of an operation in the emulator's request log.</summary>
    public int Succeeded(string operation) => Aws.RequestLog.Count(e => e.Operation == operation && e.ErrorCode is null);

    public ValueTask DisposeAsync() => H.DisposeAsync();
}
