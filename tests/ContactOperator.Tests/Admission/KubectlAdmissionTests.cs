using System.Text.Json.Nodes;
using ContactOperator.Admission;
using ContactOperator.Api.Kinds;
using ContactOperator.Controllers;
using ContactOperator.Runtime.Resources;
using ContactOperator.Tests.EndToEnd;
using k8s;
using k8s.Models;

namespace ContactOperator.Tests.Admission;

/// <summary>
/// The webhooks as a user meets them: the operator serves them, the embedded API server calls them through the
/// configurations of config/webhook/ (over TLS, trusting the caBundle), and real kubectl prints the refusals.
/// </summary>
public class KubectlAdmissionTests
{
    public static TheoryData<string> Kubectls => Tools.Kubectls;

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Every_sample_is_accepted_and_each_invalid_manifest_is_refused_naming_its_field(string kubectl)
    {
        await using var h = await ContactCenterHarness.StartAsync(webhooks: true, controllers: false);

        var samples = await h.KubectlAsync(kubectl, ["apply", "-f", RepoPaths.Of("samples")]);
        Assert.True(samples.ExitCode == 0, samples.Output);
        Assert.Contains("failoverplan.connect.contact-operator.io/support-dr created", samples.Stdout);
        var other = await h.KubectlAsync(kubectl, ["apply", "-f", "-"], InvalidManifests.OtherInstance);
        Assert.True(other.ExitCode == 0, other.Output);

        var wrong = new List<string>();
        foreach (var invalid in InvalidManifests.All)
        {
            var result = await h.KubectlAsync(kubectl, ["apply", "-f", "-"], invalid.Yaml);
            if (result.ExitCode == 0 || !result.Output.Contains(invalid.Expected, StringComparison.Ordinal))
            {
                wrong.Add($"{invalid.Kind} ({invalid.Rule}): exit {result.ExitCode}: {result.Output.Trim()}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(InvalidManifests.All.Count >= 30);
        Assert.Equal(6, InvalidManifests.All.Select(c => c.Kind).Distinct().Count());

        // The refusals come from the webhook, as kubectl prints a webhook's denial.
        var denied = await h.KubectlAsync(kubectl, ["apply", "-f", "-"], InvalidManifests.All[0].Yaml);
        Assert.Contains(
            "Error from server (Forbidden): error when creating \"STDIN\": admission webhook \"resources.validate.connect.contact-operator.io\" denied the request: spec.instanceAlias is required",
            denied.Stderr);
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task A_reference_to_an_object_not_created_yet_is_accepted_with_a_warning(string kubectl)
    {
        await using var h = await ContactCenterHarness.StartAsync(webhooks: true, controllers: false);
        var result = await h.KubectlAsync(kubectl, ["apply", "-f", RepoPaths.Of("samples", "queue.yaml")]);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Warning: spec.instanceRef.name: ContactInstance support does not exist in namespace default yet; the operator waits for it", result.Stderr);
        Assert.Contains("Warning: spec.hoursOfOperationRef.name: HoursOfOperation office-hours does not exist in namespace default yet", result.Stderr);

        // Every field that names a missing queue is named, also when two fields name the same one.
        var profile = await h.KubectlAsync(kubectl, ["apply", "-f", "-"], """
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: RoutingProfile
            metadata: {name: early-profile}
            spec:
              instanceRef: {name: support}
              description: Applied before its queues
              defaultOutboundQueueRef: {name: later-billing}
              mediaConcurrencies: [{channel: VOICE, concurrency: 1}]
              queueConfigs:
              - {queueRef: {name: later-billing}, channel: VOICE, priority: 1}
              - {queueRef: {name: later-sales}, channel: VOICE, priority: 2}
            """);
        Assert.True(profile.ExitCode == 0, profile.Output);
        Assert.Contains("Warning: spec.defaultOutboundQueueRef.name, spec.queueConfigs[0].queueRef.name: Queue later-billing does not exist in namespace default yet", profile.Stderr);
        Assert.Contains("Warning: spec.queueConfigs[1].queueRef.name: Queue later-sales does not exist in namespace default yet", profile.Stderr);
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task An_active_region_change_made_with_kubectl_names_the_user_and_is_refused_while_a_move_runs(string kubectl)
    {
        await using var h = await ContactCenterHarness.StartAsync(webhooks: true, controllers: false);
        var applied = await h.KubectlAsync(kubectl, ["apply", "-f", RepoPaths.Of("samples", "contact-center.yaml")]);
        Assert.True(applied.ExitCode == 0, applied.Output);
        var plans = h.Resources(Descriptors.FailoverPlan);
        var key = new ObjectKey(ContactCenterHarness.Namespace, "support-dr");

        var moved = await h.KubectlAsync(kubectl, ["patch", "failoverplan", "support-dr", "--type=merge", "-p", """{"spec":{"activeRegion":"us-west-2"}}"""]);
        Assert.True(moved.ExitCode == 0, moved.Output);
        var plan = await plans.GetAsync(key);
        // The embedded API server authenticates every client as system:admin, as a cluster's admin kubeconfig does.
        Assert.Equal("system:admin", plan.Metadata.Annotations[RequestedByAnnotation.Name]);

        // Nobody can name someone else: an edit of the annotation alone keeps the stored value.
        var forged = await h.KubectlAsync(kubectl, ["annotate", "--overwrite", "failoverplan", "support-dr", RequestedByAnnotation.Name + "=mallory"]);
        Assert.True(forged.ExitCode == 0, forged.Output);
        Assert.Equal("system:admin", (await plans.GetAsync(key)).Metadata.Annotations[RequestedByAnnotation.Name]);

        // A move in progress (as the FailoverPlan controller records it in status) holds spec.activeRegion.
        var status = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["phase"] = "ShiftingTraffic",
                ["inProgress"] = new JsonObject { ["fromRegion"] = "us-east-1", ["toRegion"] = "us-west-2", ["step"] = "ShiftingTraffic", ["startedTime"] = "2026-12-01T10:00:00Z" },
            },
        };
        await h.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch(status.ToJsonString(), V1Patch.PatchType.MergePatch),
            Descriptors.FailoverPlan.Group, Descriptors.FailoverPlan.Version, ContactCenterHarness.Namespace, Descriptors.FailoverPlan.Plural, "support-dr");
        var during = await h.KubectlAsync(kubectl, ["patch", "failoverplan", "support-dr", "--type=merge", "-p", """{"spec":{"activeRegion":"us-east-1"}}"""]);
        Assert.NotEqual(0, during.ExitCode);
        Assert.Contains(
            "admission webhook \"failoverplans.validate.connect.contact-operator.io\" denied the request: spec.activeRegion cannot change while a move is in progress " +
            "(Failover from us-east-1 to us-west-2, step ShiftingTraffic, 0% shifted, started 2026-12-01T10:00:00Z)", during.Stderr);
        Assert.Equal("us-west-2", (await plans.GetAsync(key)).Spec.ActiveRegion);

        // Other edits of the plan stay possible during the move.
        var other = await h.KubectlAsync(kubectl, ["patch", "failoverplan", "support-dr", "--type=merge", "-p", """{"spec":{"drill":{"schedule":"0 4 * * 1","suspend":true}}}"""]);
        Assert.True(other.ExitCode == 0, other.Output);
    }
}
