using System.Text;
using System.Text.Json.Nodes;
using ContactOperator.Admission;
using ContactOperator.Admission.Webhooks;
using ContactOperator.Api.Common;
using ContactOperator.Kinds.FailoverPlans;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Tests.Admission;

/// <summary>The decisions kubectl cannot easily provoke: a failing lookup, the annotation's JSONPatch in each shape, a drill in progress.</summary>
public class AdmissionRuleTests
{
    private static JsonObject Sample(string kind) => (JsonObject)AdmissionSamples.Manifests.First(m => (string?)m["kind"] == kind).DeepClone();

    private static AdmissionReviewRequest Request(JsonObject review) =>
        AdmissionReviewReader.TryRead(Encoding.UTF8.GetBytes(review.ToJsonString()), out var error) ?? throw new InvalidOperationException(error);

    private sealed class UnreachableApiServer : IAdmissionObjects
    {
        public Task<T?> GetAsync<T>(string ns, string name, CancellationToken cancellationToken)
            where T : class, IContactResource => throw new KubernetesApiException("the server is currently unable to handle the request");
    }

    [Fact]
    public async Task When_other_objects_cannot_be_read_the_object_is_allowed_with_a_warning()
    {
        var decision = await new ResourceAdmission(new UnreachableApiServer()).ValidateAsync(Request(AdmissionReviews.For(Sample("Queue"), "CREATE", null)), CancellationToken.None);
        Assert.True(decision.Allowed);
        Assert.Equal(["checks against other objects were skipped: KubernetesApiException"], decision.Warnings);
    }

    [Fact]
    public void A_created_plan_without_annotations_gets_the_annotations_object()
    {
        var plan = Sample("FailoverPlan");
        plan["metadata"]!.AsObject().Remove("annotations");
        var decision = RequestedByAnnotation.Mutate(Request(AdmissionReviews.For(plan, "CREATE", null, "alice@example.com")));
        Assert.Equal("""[{"op":"add","path":"/metadata/annotations","value":{"connect.contact-operator.io/requested-by":"alice@example.com"}}]""", decision.Patch!.ToJsonString());
    }

    [Fact]
    public void A_user_written_annotation_without_a_region_change_is_removed_when_none_was_stored()
    {
        var stored = Sample("FailoverPlan");
        var edited = (JsonObject)stored.DeepClone();
        edited["metadata"]!["annotations"] = new JsonObject { [RequestedByAnnotation.Name] = "mallory", ["team"] = "sre" };
        var decision = RequestedByAnnotation.Mutate(Request(AdmissionReviews.For(edited, "UPDATE", stored)));
        Assert.Equal("""[{"op":"remove","path":"/metadata/annotations/connect.contact-operator.io~1requested-by"}]""", decision.Patch!.ToJsonString());
    }

    [Fact]
    public void Edits_that_leave_the_region_and_annotation_alone_are_not_patched()
    {
        var stored = Sample("FailoverPlan");
        var edited = (JsonObject)stored.DeepClone();
        edited["spec"]!["drill"]!["suspend"] = false;
        Assert.Null(RequestedByAnnotation.Mutate(Request(AdmissionReviews.For(edited, "UPDATE", stored))).Patch);
    }

    [Fact]
    public void A_drill_in_progress_is_named_as_a_drill_and_a_moving_phase_alone_counts_as_a_move()
    {
        var drill = new Api.Kinds.FailoverPlanStatus
        {
            Phase = "Drilling",
            InProgress = new Api.Kinds.FailoverOperation { FromRegion = "us-east-1", ToRegion = "us-west-2", Kind = "DrillOut", Step = "ShiftingTraffic", ShiftedPercent = 50 },
        };
        Assert.Equal("DrillOut from us-east-1 to us-west-2, step ShiftingTraffic, 50% shifted", FailoverPlanMoveRule.MoveInProgress(drill));
        Assert.Equal("phase Moving", FailoverPlanMoveRule.MoveInProgress(new Api.Kinds.FailoverPlanStatus { Phase = "Moving" }));
        Assert.Null(FailoverPlanMoveRule.MoveInProgress(new Api.Kinds.FailoverPlanStatus { Phase = "Completed" }));
    }
}
