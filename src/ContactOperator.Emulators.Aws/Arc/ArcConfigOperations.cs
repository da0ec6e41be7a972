using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Connect;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Arc;

/// <summary>
/// Route 53 ARC control configuration: clusters (five endpoints each, with a default control panel),
/// control panels, routing controls, safety rules and tags. Quotas from the ARC developer guide:
/// 2 clusters per account, 50 panels per cluster, 100 controls per panel, 300 per cluster, 20 rules per panel.
/// </summary>
[EmulatedService(ServiceRegistry.ArcControlConfig)]
internal static class ArcConfigOperations
{
    private const int ClustersPerAccount = 2;
    private const int PanelsPerCluster = 50;
    private const int ControlsPerPanel = 100;
    private const int ControlsPerCluster = 300;
    private const int RulesPerPanel = 20;

    [Operation("DescribeCluster")]
    private static JsonObject DescribeCluster(OperationContext context, JsonObject input) =>
        new JsonObject { ["Cluster"] = ArcJson.Cluster(ArcLookup.Cluster(context, input.ReqStr("ClusterArn")), context.State.Endpoint, context.AccountId) };

    [Operation("DescribeControlPanel")]
    private static JsonObject DescribeControlPanel(OperationContext context, JsonObject input) =>
        new JsonObject { ["ControlPanel"] = PanelJson(context, ArcLookup.Panel(context, input.ReqStr("ControlPanelArn"))) };

    [Operation("DescribeRoutingControl")]
    private static JsonObject DescribeRoutingControl(OperationContext context, JsonObject input) =>
        new JsonObject { ["RoutingControl"] = ArcJson.RoutingControl(ArcLookup.Control(context, input.ReqStr("RoutingControlArn")), context.AccountId) };

    [Operation("ListAssociatedRoute53HealthChecks")]
    private static JsonObject ListAssociatedRoute53HealthChecks(OperationContext context, JsonObject input)
    {
        ArcLookup.Control(context, input.ReqStr("RoutingControlArn"));
        return new JsonObject { ["HealthCheckIds"] = new JsonArray() };
    }

    [Operation("ListTagsForResource")]
    private static JsonObject ListTags(OperationContext context, JsonObject input) =>
        new JsonObject { ["Tags"] = Taggable(context, input.ReqStr("ResourceArn")).Tags.ToJson() };

    [Operation("CreateCluster")]
    private static JsonObject CreateCluster(OperationContext context, JsonObject input)
    {
        var arc = context.State.Arc;
        var token = input.Str("ClientToken");
        if (token is not null && arc.Clusters.Values.FirstOrDefault(c => c.ClientToken == token) is { } earlier)
        {
            return new JsonObject { ["Cluster"] = ArcJson.Cluster(earlier, context.State.Endpoint, context.AccountId) };
        }

        var name = input.ReqStr("ClusterName");
        ArcLookup.RequireName(context, name, "clusterName");
        if (arc.Clusters.Count >= ClustersPerAccount)
        {
            throw context.Error("ServiceQuotaExceededException", $"The quota of {ClustersPerAccount} clusters per account has been reached.");
        }

        var id = ArcArns.NewId();
        var cluster = new ArcCluster { Id = id, Arn = ArcArns.Cluster(context.AccountId, id), Name = name, ClientToken = token, Tags = ConnectLookup.Tags(context, input) };
        arc.Clusters[id] = cluster;
        var panelId = ArcArns.NewId();
        var panel = new ArcControlPanel { Id = panelId, Arn = ArcArns.ControlPanel(context.AccountId, panelId), Name = "DefaultControlPanel", Cluster = cluster, IsDefault = true };
        arc.ControlPanels[panel.Arn] = panel;
        var output = new JsonObject { ["Cluster"] = ArcJson.Cluster(cluster, context.State.Endpoint, context.AccountId, "PENDING") };
        cluster.Deployed = panel.Deployed = true;
        return output;
    }

    [Operation("ListClusters")]
    private static JsonObject ListClusters(OperationContext context, JsonObject input)
    {
        var (page, next) = Paging.Page(context, context.State.Arc.Clusters.Values.OrderBy(c => c.Name, StringComparer.Ordinal), input, 100, 1000);
        return new JsonObject
        {
            ["Clusters"] = new JsonArray([.. page.Select(c => (JsonNode)ArcJson.Cluster(c, context.State.Endpoint, context.AccountId))]),
        }.WithToken(next);
    }

    [Operation("DeleteCluster")]
    private static JsonObject DeleteCluster(OperationContext context, JsonObject input)
    {
        var arc = context.State.Arc;
        var cluster = ArcLookup.Cluster(context, input.ReqStr("ClusterArn"));
        var panels = arc.ControlPanels.Values.Where(p => p.Cluster == cluster).ToList();
        if (panels.Any(p => !p.IsDefault) || arc.RoutingControls.Values.Any(r => r.Panel.Cluster == cluster))
        {
            throw context.Error("ConflictException", $"Cluster {cluster.Arn} still has control panels or routing controls; delete them first.");
        }

        foreach (var panel in panels)
        {
            arc.ControlPanels.Remove(panel.Arn);
        }

        arc.Clusters.Remove(cluster.Id);
        foreach (var outage in arc.Outages.Keys.Where(k => k.ClusterId == cluster.Id).ToList())
        {
            arc.Outages.Remove(outage);
        }

        return [];
    }

    [Operation("CreateControlPanel")]
    private static JsonObject CreateControlPanel(OperationContext context, JsonObject input)
    {
        var arc = context.State.Arc;
        var token = input.Str("ClientToken");
        if (token is not null && arc.ControlPanels.Values.FirstOrDefault(p => p.ClientToken == token) is { } earlier)
        {
            return new JsonObject { ["ControlPanel"] = PanelJson(context, earlier) };
        }

        var cluster = ArcLookup.Cluster(context, input.ReqStr("ClusterArn"));
        var name = input.ReqStr("ControlPanelName");
        ArcLookup.RequireName(context, name, "controlPanelName");
        var siblings = arc.ControlPanels.Values.Where(p => p.Cluster == cluster).ToList();
        if (siblings.Any(p => p.Name == name))
        {
            throw context.Error("ConflictException", $"A control panel named '{name}' already exists in cluster {cluster.Arn}.");
        }

        if (siblings.Count >= PanelsPerCluster)
        {
            throw context.Error("ServiceQuotaExceededException", $"The quota of {PanelsPerCluster} control panels per cluster has been reached.");
        }

        var id = ArcArns.NewId();
        var panel = new ArcControlPanel { Id = id, Arn = ArcArns.ControlPanel(context.AccountId, id), Name = name, Cluster = cluster, ClientToken = token, Tags = ConnectLookup.Tags(context, input) };
        arc.ControlPanels[panel.Arn] = panel;
        var output = new JsonObject { ["ControlPanel"] = PanelJson(context, panel, "PENDING") };
        panel.Deployed = true;
        return output;
    }

    [Operation("UpdateControlPanel")]
    private static JsonObject UpdateControlPanel(OperationContext context, JsonObject input)
    {
        var panel = ArcLookup.Panel(context, input.ReqStr("ControlPanelArn"));
        var name = input.ReqStr("ControlPanelName");
        ArcLookup.RequireName(context, name, "controlPanelName");
        if (context.State.Arc.ControlPanels.Values.Any(p => p.Cluster == panel.Cluster && p != panel && p.Name == name))
        {
            throw context.Error("ConflictException", $"A control panel named '{name}' already exists in cluster {panel.Cluster.Arn}.");
        }

        panel.Name = name;
        return new JsonObject { ["ControlPanel"] = PanelJson(context, panel) };
    }

    [Operation("ListControlPanels")]
    private static JsonObject ListControlPanels(OperationContext context, JsonObject input)
    {
        var cluster = input.Str("ClusterArn") is { } arn ? ArcLookup.Cluster(context, arn) : null;
        var ordered = context.State.Arc.ControlPanels.Values.Where(p => cluster is null || p.Cluster == cluster).OrderBy(p => p.Name, StringComparer.Ordinal);
        var (page, next) = Paging.Page(context, ordered, input, 100, 1000);
        return new JsonObject { ["ControlPanels"] = new JsonArray([.. page.Select(p => (JsonNode)PanelJson(context, p))]) }.WithToken(next);
    }

    [Operation("DeleteControlPanel")]
    private static JsonObject DeleteControlPanel(OperationContext context, JsonObject input)
    {
        var arc = context.State.Arc;
        var panel = ArcLookup.Panel(context, input.ReqStr("ControlPanelArn"));
        if (panel.IsDefault)
        {
            throw context.Error("ConflictException", "The default control panel is deleted with its cluster.");
        }

        if (arc.RoutingControls.Values.Any(r => r.Panel == panel) || arc.SafetyRules.Values.Any(r => r.Panel == panel))
        {
            throw context.Error("ConflictException", $"Control panel {panel.Arn} still has routing controls or safety rules; delete them first.");
        }

        arc.ControlPanels.Remove(panel.Arn);
        return [];
    }

    [Operation("CreateRoutingControl")]
    private static JsonObject CreateRoutingControl(OperationContext context, JsonObject input)
    {
        var arc = context.State.Arc;
        var token = input.Str("ClientToken");
        if (token is not null && arc.RoutingControls.Values.FirstOrDefault(r => r.ClientToken == token) is { } earlier)
        {
            return new JsonObject { ["RoutingControl"] = ArcJson.RoutingControl(earlier, context.AccountId) };
        }

        var cluster = ArcLookup.Cluster(context, input.ReqStr("ClusterArn"));
        var panel = input.Str("ControlPanelArn") is { } panelArn
            ? ArcLookup.Panel(context, panelArn)
            : arc.ControlPanels.Values.First(p => p.Cluster == cluster && p.IsDefault);
        if (panel.Cluster != cluster)
        {
            throw context.Invalid($"Control panel {panel.Arn} does not belong to cluster {cluster.Arn}.");
        }

        var name = input.ReqStr("RoutingControlName");
        ArcLookup.RequireName(context, name, "routingControlName");
        if (arc.RoutingControls.Values.Any(r => r.Panel == panel && r.Name == name))
        {
            throw context.Error("ConflictException", $"A routing control named '{name}' already exists in control panel {panel.Arn}.");
        }

        if (arc.RoutingControls.Values.Count(r => r.Panel == panel) >= ControlsPerPanel
            || arc.RoutingControls.Values.Count(r => r.Panel.Cluster == cluster) >= ControlsPerCluster)
        {
            throw context.Error("ServiceQuotaExceededException", $"At most {ControlsPerPanel} routing controls per control panel and {ControlsPerCluster} per cluster.");
        }

        var control = new ArcRoutingControl { Arn = ArcArns.RoutingControl(panel.Arn, ArcArns.NewId()), Name = name, Panel = panel, ClientToken = token };
        arc.RoutingControls[control.Arn] = control;
        var output = new JsonObject { ["RoutingControl"] = ArcJson.RoutingControl(control, context.AccountId, "PENDING") };
        control.Deployed = true;
        return output;
    }

    [Operation("UpdateRoutingControl")]
    private static JsonObject UpdateRoutingControl(OperationContext context, JsonObject input)
    {
        var control = ArcLookup.Control(context, input.ReqStr("RoutingControlArn"));
        var name = input.ReqStr("RoutingControlName");
        ArcLookup.RequireName(context, name, "routingControlName");
        if (context.State.Arc.RoutingControls.Values.Any(r => r.Panel == control.Panel && r != control && r.Name == name))
        {
            throw context.Error("ConflictException", $"A routing control named '{name}' already exists in control panel {control.Panel.Arn}.");
        }

        control.Name = name;
        return new JsonObject { ["RoutingControl"] = ArcJson.RoutingControl(control, context.AccountId) };
    }

    [Operation("ListRoutingControls")]
    private static JsonObject ListRoutingControls(OperationContext context, JsonObject input)
    {
        var panel = ArcLookup.Panel(context, input.ReqStr("ControlPanelArn"));
        var ordered = context.State.Arc.RoutingControls.Values.Where(r => r.Panel == panel).OrderBy(r => r.Name, StringComparer.Ordinal);
        var (page, next) = Paging.Page(context, ordered, input, 100, 1000);
        return new JsonObject { ["RoutingControls"] = new JsonArray([.. page.Select(r => (JsonNode)ArcJson.RoutingControl(r, context.AccountId))]) }.WithToken(next);
    }

    [Operation("DeleteRoutingControl")]
    private static JsonObject DeleteRoutingControl(OperationContext context, JsonObject input)
    {
        var arc = context.State.Arc;
        var control = ArcLookup.Control(context, input.ReqStr("RoutingControlArn"));
        var rule = arc.SafetyRules.Values.FirstOrDefault(r => r.Controls.Contains(control.Arn) || r.TargetControls.Contains(control.Arn));
        if (rule is not null)
        {
            throw context.Error("ConflictException", $"Routing control {control.Arn} is used by safety rule {rule.Arn}; delete the rule first.");
        }

        arc.RoutingControls.Remove(control.Arn);
        return [];
    }

    [Operation("TagResource")]
    private static JsonObject Tag(OperationContext context, JsonObject input)
    {
        var resource = Taggable(context, input.ReqStr("ResourceArn"));
        foreach (var (key, value) in ConnectLookup.Tags(context, input))
        {
            resource.Tags[key] = value;
        }

        return [];
    }

    [Operation("UntagResource")]
    private static JsonObject Untag(OperationContext context, JsonObject input)
    {
        var resource = Taggable(context, input.ReqStr("ResourceArn"));
        foreach (var key in input.Strings("TagKeys"))
        {
            resource.Tags.Remove(key);
        }

        return [];
    }

    private static ITaggable Taggable(OperationContext context, string arn)
    {
        var arc = context.State.Arc;
        return (ITaggable?)arc.Clusters.Values.FirstOrDefault(c => c.Arn == arn)
            ?? (ITaggable?)arc.ControlPanels.GetValueOrDefault(arn)
            ?? (ITaggable?)arc.SafetyRules.GetValueOrDefault(arn)
            ?? throw ArcLookup.NotFound(context, arn, "Resource");
    }

    private static JsonObject PanelJson(OperationContext context, ArcControlPanel panel, string? status = null) =>
        ArcJson.ControlPanel(panel, context.State.Arc.RoutingControls.Values.Count(r => r.Panel == panel), context.AccountId, status);

    internal static int RulesPerPanelQuota => RulesPerPanel;
}
