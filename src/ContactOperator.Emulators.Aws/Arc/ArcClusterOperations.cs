using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Arc;

/// <summary>
/// The ARC cluster data plane (awsJson1_0, target ToggleCustomerAPI): Get/UpdateRoutingControlState(s)
/// and ListRoutingControls, served on each cluster's five endpoints. At most 10 controls per
/// UpdateRoutingControlStates call (ServiceLimitExceededException); safety rules apply to every update.
/// </summary>
[EmulatedService(ServiceRegistry.ArcCluster)]
internal static class ArcClusterOperations
{
    private const int MaxControlsPerUpdate = 10;

    [Operation("GetRoutingControlState")]
    private static JsonObject Get(OperationContext context, JsonObject input)
    {
        var control = ControlOnThisCluster(context, input.ReqStr("RoutingControlArn"));
        return new JsonObject
        {
            ["RoutingControlArn"] = control.Arn,
            ["RoutingControlState"] = control.On ? "On" : "Off",
            ["RoutingControlName"] = control.Name,
        };
    }

    [Operation("ListRoutingControls")]
    private static JsonObject List(OperationContext context, JsonObject input)
    {
        var cluster = EndpointCluster(context);
        var panel = input.Str("ControlPanelArn") is { } panelArn ? ArcLookup.Panel(context, panelArn) : null;
        var ordered = context.State.Arc.RoutingControls.Values
            .Where(r => (cluster is null || r.Panel.Cluster == cluster) && (panel is null || r.Panel == panel))
            .OrderBy(r => r.Panel.Name, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal);
        var (page, next) = Paging.Page(context, ordered, input, 500, 1000);
        return new JsonObject
        {
            ["RoutingControls"] = new JsonArray([.. page.Select(r => (JsonNode)new JsonObject
            {
                ["ControlPanelArn"] = r.Panel.Arn,
                ["ControlPanelName"] = r.Panel.Name,
                ["RoutingControlArn"] = r.Arn,
                ["RoutingControlName"] = r.Name,
                ["RoutingControlState"] = r.On ? "On" : "Off",
                ["Owner"] = context.AccountId,
            })]),
        }.WithToken(next);
    }

    [Operation("UpdateRoutingControlState", RequestsPerSecond = 3, Burst = 3)]
    private static JsonObject UpdateOne(OperationContext context, JsonObject input)
    {
        var changes = Changes(context, [(input.ReqStr("RoutingControlArn"), input.ReqStr("RoutingControlState"))]);
        SafetyRuleEvaluator.Apply(context, changes, input.Strings("SafetyRulesToOverride"));
        return [];
    }

    [Operation("UpdateRoutingControlStates", RequestsPerSecond = 3, Burst = 3)]
    private static JsonObject UpdateMany(OperationContext context, JsonObject input)
    {
        var entries = input.Objects("UpdateRoutingControlStateEntries");
        if (entries.Count > MaxControlsPerUpdate)
        {
            throw context.Error("ServiceLimitExceededException",
                $"The request can't update that many routing control states: {entries.Count} given, at most {MaxControlsPerUpdate} per call.",
                new JsonObject { ["limitCode"] = "MaxRoutingControlsPerRequest", ["serviceCode"] = "route53-recovery-cluster" });
        }

        if (entries.Count == 0)
        {
            throw context.Invalid("UpdateRoutingControlStateEntries must contain at least one entry.");
        }

        var changes = Changes(context, [.. entries.Select(e => (e.ReqStr("RoutingControlArn"), e.ReqStr("RoutingControlState")))]);
        SafetyRuleEvaluator.Apply(context, changes, input.Strings("SafetyRulesToOverride"));
        return [];
    }

    private static Dictionary<string, bool> Changes(OperationContext context, List<(string Arn, string State)> entries)
    {
        var changes = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (arn, state) in entries)
        {
            if (state is not ("On" or "Off"))
            {
                throw context.Error("ValidationException", $"1 validation error detected: Value '{state}' at 'routingControlState' failed to satisfy constraint: Member must satisfy enum value set: [On, Off]",
                    new JsonObject { ["reason"] = "fieldValidationFailed" });
            }

            var control = ControlOnThisCluster(context, arn);
            if (!changes.TryAdd(control.Arn, state == "On"))
            {
                throw context.Invalid($"Routing control {arn} appears more than once in the request.");
            }
        }

        return changes;
    }

    private static ArcCluster? EndpointCluster(OperationContext context)
    {
        if (context.ArcEndpoint is not { } endpoint)
        {
            return null;
        }

        if (endpoint.Index < 0 || endpoint.Index >= ArcEndpoints.Count || !context.State.Arc.Clusters.TryGetValue(endpoint.ClusterId, out var cluster))
        {
            throw context.Error("ResourceNotFoundException", $"No cluster endpoint {endpoint.ClusterId}/{endpoint.Index}.",
                new JsonObject { ["resourceId"] = endpoint.ClusterId, ["resourceType"] = "Cluster" });
        }

        return cluster;
    }

    private static ArcRoutingControl ControlOnThisCluster(OperationContext context, string arn)
    {
        var cluster = EndpointCluster(context);
        var control = ArcLookup.Control(context, arn);
        return cluster is null || control.Panel.Cluster == cluster ? control : throw ArcLookup.NotFound(context, arn, "RoutingControl");
    }
}
