using System.Globalization;
using ContactOperator.Admission;
using ContactOperator.Api.Kinds;

namespace ContactOperator.Kinds.FailoverPlans;

/// <summary>
/// The plan's regions against its ContactInstance: the replica must pair with the instance's region under Global
/// Resiliency, the active region must be one of the two, and a GDPR instance keeps its replica in the EU.
/// </summary>
public sealed class FailoverPlanRegionRule : AdmissionRule<FailoverPlan>
{
    protected override async Task CheckAsync(AdmissionContext context, FailoverPlan obj, FailoverPlan? old, CancellationToken cancellationToken)
    {
        var instance = await ReferenceRules.InstanceAsync(context, "spec.instanceRef.name", obj.Spec.InstanceRef.Name, cancellationToken);
        if (instance is null)
        {
            return;
        }
        if (instance.Spec.IdentityManagementType != IdentityManagementTypes.Saml)
        {
            context.Problems.Add($"spec.instanceRef.name names ContactInstance {instance.Metadata.Name}, whose spec.identityManagementType is {instance.Spec.IdentityManagementType}: " +
                "Global Resiliency replicates only instances with SAML identity management, so this plan could never become Ready");
        }
        var primary = instance.Spec.Region;
        var replica = obj.Spec.Replica.Region;
        if (!GlobalResiliencyRegions.IsSupportedPair(primary, replica))
        {
            context.Problems.Add($"spec.replica.region {replica} cannot replicate ContactInstance {instance.Metadata.Name} in {primary}: " +
                $"Global Resiliency supports {GlobalResiliencyRegions.Description}");
        }
        else if (obj.Spec.ActiveRegion != primary && obj.Spec.ActiveRegion != replica)
        {
            context.Problems.Add($"spec.activeRegion {obj.Spec.ActiveRegion} is outside the plan's two regions: {primary} (ContactInstance {instance.Metadata.Name}) and {replica} (spec.replica.region)");
        }
        if (instance.Spec.Compliance?.Contains(ComplianceProfiles.Gdpr) == true && !ComplianceProfiles.IsEuRegion(replica))
        {
            context.Problems.Add($"spec.replica.region {replica} is not allowed: ContactInstance {instance.Metadata.Name} has compliance profile GDPR, so its replica must be in an EU region (eu-*)");
        }
    }
}

/// <summary>
/// spec.activeRegion cannot change while a move runs: the controller finishes (or fails) one move before it starts
/// another, so the edit is refused with the move's progress instead of being stored and silently held.
/// </summary>
public sealed class FailoverPlanMoveRule : AdmissionRule<FailoverPlan>
{
    protected override Task CheckAsync(AdmissionContext context, FailoverPlan obj, FailoverPlan? old, CancellationToken cancellationToken)
    {
        // Spec can be null in a malformed review even though the type says otherwise.
        if (old?.Spec is { } before && obj.Spec is { } after && before.ActiveRegion != after.ActiveRegion && MoveInProgress(old.Status) is { } progress)
        {
            context.Problems.Add($"spec.activeRegion cannot change while a move is in progress ({progress}); wait until status.phase is Completed or Failed");
        }
        else if (old?.Spec is { } previous && obj.Spec is { } next && previous.ActiveRegion != next.ActiveRegion && old.Status is { } status
            && FailoverPlanner.SpentOverrideNote(next, status) is { } spent)
        {
            context.Warnings.Add($"spec.override does not apply to this move to {next.ActiveRegion}: {spent}");
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// The one place that reads move progress from status: <c>status.inProgress</c> (recorded before each step), else a
    /// moving <c>status.phase</c>. Null when no move runs.
    /// </summary>
    public static string? MoveInProgress(FailoverPlanStatus? status)
    {
        if (status?.InProgress is { } move)
        {
            var started = move.StartedTime is { } time ? $", started {time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}" : "";
            return $"{move.Kind ?? MoveKinds.Failover} from {move.FromRegion} to {move.ToRegion}, step {move.Step ?? status.Phase ?? "unknown"}, {move.ShiftedPercent}% shifted{started}";
        }
        return status?.Phase is FailoverPhases.Moving or FailoverPhases.Drilling ? $"phase {status.Phase}" : null;
    }
}
