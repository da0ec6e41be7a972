using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Connect;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Arc;

/// <summary>Create/Describe/Update/Delete/ListSafetyRules (assertion and gating rules).</summary>
[EmulatedService(ServiceRegistry.ArcControlConfig)]
internal static class ArcSafetyRuleOperations
{
    private static readonly string[] RuleTypes = ["ATLEAST", "AND", "OR"];

    [Operation("DescribeSafetyRule")]
    private static JsonObject Describe(OperationContext context, JsonObject input) =>
        ArcJson.SafetyRuleOutput(ArcLookup.Rule(context, input.ReqStr("SafetyRuleArn")), context.AccountId);

    [Operation("CreateSafetyRule")]
    private static JsonObject Create(OperationContext context, JsonObject input)
    {
        var arc = context.State.Arc;
        var token = input.Str("ClientToken");
        if (token is not null && arc.SafetyRules.Values.FirstOrDefault(r => r.ClientToken == token) is { } earlier)
        {
            return ArcJson.SafetyRuleOutput(earlier, context.AccountId);
        }

        var assertion = input.Obj("AssertionRule");
        var gating = input.Obj("GatingRule");
        if ((assertion is null) == (gating is null))
        {
            throw context.Invalid("Exactly one of AssertionRule or GatingRule must be provided.");
        }

        var body = (assertion ?? gating)!;
        var kind = assertion is not null ? SafetyRuleKind.Assertion : SafetyRuleKind.Gating;
        var panel = ArcLookup.Panel(context, body.ReqStr("ControlPanelArn"));
        var name = body.ReqStr("Name");
        ArcLookup.RequireName(context, name, "name");
        var controls = Controls(context, panel, body.Strings(kind == SafetyRuleKind.Assertion ? "AssertedControls" : "GatingControls"));
        var targets = kind == SafetyRuleKind.Gating ? Controls(context, panel, body.Strings("TargetControls")) : [];
        var config = body.Obj("RuleConfig")!;
        var type = config.ReqStr("Type");
        ConnectLookup.RequireOneOf(context, type, "ruleConfig.type", RuleTypes);
        var threshold = config.Int("Threshold")!.Value;
        if (type == "ATLEAST" && (threshold < 1 || threshold > controls.Count))
        {
            throw context.Invalid($"An ATLEAST rule needs a threshold between 1 and the number of controls ({controls.Count}).");
        }

        var waitPeriod = body.Int("WaitPeriodMs")!.Value;
        if (waitPeriod < 0)
        {
            throw context.Invalid("WaitPeriodMs must not be negative.");
        }

        if (arc.SafetyRules.Values.Any(r => r.Panel == panel && r.Name == name))
        {
            throw context.Error("ConflictException", $"A safety rule named '{name}' already exists in control panel {panel.Arn}.");
        }

        if (arc.SafetyRules.Values.Count(r => r.Panel == panel) >= ArcConfigOperations.RulesPerPanelQuota)
        {
            throw context.Error("ServiceQuotaExceededException", $"The quota of {ArcConfigOperations.RulesPerPanelQuota} safety rules per control panel has been reached.");
        }

        var rule = new ArcSafetyRule
        {
            Arn = ArcArns.SafetyRule(panel.Arn, ArcArns.NewId()),
            Kind = kind,
            Name = name,
            Panel = panel,
            Controls = controls,
            TargetControls = targets,
            Type = type,
            Threshold = threshold,
            Inverted = config.Bool("Inverted") ?? false,
            WaitPeriodMs = waitPeriod,
            ClientToken = token,
            Tags = ConnectLookup.Tags(context, input),
        };
        arc.SafetyRules[rule.Arn] = rule;
        var output = ArcJson.SafetyRuleOutput(rule, context.AccountId, "PENDING");
        rule.Deployed = true;
        return output;
    }

    [Operation("UpdateSafetyRule")]
    private static JsonObject Update(OperationContext context, JsonObject input)
    {
        var assertion = input.Obj("AssertionRuleUpdate");
        var gating = input.Obj("GatingRuleUpdate");
        if ((assertion is null) == (gating is null))
        {
            throw context.Invalid("Exactly one of AssertionRuleUpdate or GatingRuleUpdate must be provided.");
        }

        var body = (assertion ?? gating)!;
        var rule = ArcLookup.Rule(context, body.ReqStr("SafetyRuleArn"));
        if ((rule.Kind == SafetyRuleKind.Assertion) != (assertion is not null))
        {
            throw context.Invalid($"Safety rule {rule.Arn} is a {rule.Kind.ToString().ToUpperInvariant()} rule.");
        }

        var name = body.ReqStr("Name");
        ArcLookup.RequireName(context, name, "name");
        var waitPeriod = body.Int("WaitPeriodMs")!.Value;
        if (waitPeriod < 0)
        {
            throw context.Invalid("WaitPeriodMs must not be negative.");
        }

        rule.Name = name;
        rule.WaitPeriodMs = waitPeriod;
        return ArcJson.SafetyRuleOutput(rule, context.AccountId);
    }

    [Operation("DeleteSafetyRule")]
    private static JsonObject Delete(OperationContext context, JsonObject input)
    {
        var rule = ArcLookup.Rule(context, input.ReqStr("SafetyRuleArn"));
        context.State.Arc.SafetyRules.Remove(rule.Arn);
        return [];
    }

    [Operation("ListSafetyRules")]
    private static JsonObject List(OperationContext context, JsonObject input)
    {
        var panel = ArcLookup.Panel(context, input.ReqStr("ControlPanelArn"));
        var ordered = context.State.Arc.SafetyRules.Values.Where(r => r.Panel == panel).OrderBy(r => r.Name, StringComparer.Ordinal);
        var (page, next) = Paging.Page(context, ordered, input, 100, 1000);
        return new JsonObject
        {
            ["SafetyRules"] = new JsonArray([.. page.Select(r => (JsonNode)new JsonObject
            {
                [r.Kind == SafetyRuleKind.Assertion ? "ASSERTION" : "GATING"] = ArcJson.SafetyRule(r, context.AccountId),
            })]),
        }.WithToken(next);
    }

    private static List<string> Controls(OperationContext context, ArcControlPanel panel, List<string> arns)
    {
        if (arns.Count == 0)
        {
            throw context.Invalid("A safety rule needs at least one routing control.");
        }

        foreach (var arn in arns)
        {
            var control = ArcLookup.Control(context, arn);
            if (control.Panel != panel)
            {
                throw context.Invalid($"Routing control {arn} is not in control panel {panel.Arn}.");
            }
        }

        return [.. arns.Distinct(StringComparer.Ordinal)];
    }
}
