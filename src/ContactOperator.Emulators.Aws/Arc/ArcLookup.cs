using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Http;

namespace ContactOperator.Emulators.Aws.Arc;

/// <summary>Finds ARC resources by ARN with the not-found errors of the ARC APIs.</summary>
internal static class ArcLookup
{
    public static ArcCluster Cluster(OperationContext context, string arn) =>
        context.State.Arc.Clusters.Values.FirstOrDefault(c => c.Arn == arn) ?? throw NotFound(context, arn, "Cluster");

    public static ArcControlPanel Panel(OperationContext context, string arn) =>
        context.State.Arc.ControlPanels.GetValueOrDefault(arn) ?? throw NotFound(context, arn, "ControlPanel");

    public static ArcRoutingControl Control(OperationContext context, string arn) =>
        context.State.Arc.RoutingControls.GetValueOrDefault(arn) ?? throw NotFound(context, arn, "RoutingControl");

    public static ArcSafetyRule Rule(OperationContext context, string arn) =>
        context.State.Arc.SafetyRules.GetValueOrDefault(arn) ?? throw NotFound(context, arn, "SafetyRule");

    public static AwsErrorException NotFound(OperationContext context, string arn, string type) =>
        context.Error("ResourceNotFoundException", $"{type} not found: {arn}", new JsonObject { ["resourceId"] = arn, ["resourceType"] = type });

    public static void RequireName(OperationContext context, string name, string member)
    {
        if (name.Length is < 1 or > 64 || name.Any(char.IsWhiteSpace))
        {
            throw context.Invalid($"1 validation error detected: Value '{name}' at '{member}' failed to satisfy constraint: Member must have length between 1 and 64 and match ^\\S+$");
        }
    }
}
