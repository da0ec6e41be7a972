using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Http;

namespace ContactOperator.Emulators.Aws.Arc;

/// <summary>
/// Decides whether a set of routing control changes is allowed by the control panels' safety rules:
/// an assertion rule must still hold on its asserted controls after the change; a gating rule must hold
/// on its gating controls for any of its target controls to change; and while a rule's wait period runs
/// after a change, further changes to its controls fail. Rules named in SafetyRulesToOverride are skipped.
/// No AWS document names the rejection's error type; ConflictException ("There was a conflict with this
/// request") is the data plane's only fitting error and carries the blocking rule's ARN.
/// </summary>
internal static class SafetyRuleEvaluator
{
    public static void Apply(OperationContext context, IReadOnlyDictionary<string, bool> changes, IReadOnlyCollection<string> overrides)
    {
        var arc = context.State.Arc;
        bool NewState(string arn) => changes.TryGetValue(arn, out var on) ? on : arc.RoutingControls.TryGetValue(arn, out var c) && c.On;

        var touched = new List<ArcSafetyRule>();
        foreach (var rule in arc.SafetyRules.Values)
        {
            if (overrides.Contains(rule.Arn))
            {
                continue;
            }

            var governed = rule.Kind == SafetyRuleKind.Assertion ? rule.Controls : rule.TargetControls;
            if (!governed.Any(changes.ContainsKey))
            {
                continue;
            }

            if (context.Now < rule.BlockedUntil)
            {
                throw Blocked(context, rule, $"its wait period of {rule.WaitPeriodMs} ms after the last change has not elapsed");
            }

            if (!Holds(rule, rule.Controls.Select(NewState)))
            {
                throw Blocked(context, rule, rule.Kind == SafetyRuleKind.Assertion
                    ? "the asserted controls would no longer satisfy the rule"
                    : "the gating controls do not allow changing the target controls");
            }

            touched.Add(rule);
        }

        foreach (var (arn, on) in changes)
        {
            arc.RoutingControls[arn].On = on;
        }

        foreach (var rule in touched.Where(r => r.WaitPeriodMs > 0))
        {
            rule.BlockedUntil = context.Now.AddMilliseconds(rule.WaitPeriodMs);
        }
    }

    /// <summary>Evaluates a rule's RuleConfig on controls' states (true = On).</summary>
    public static bool Holds(ArcSafetyRule rule, IEnumerable<bool> states)
    {
        var list = states.ToList();
        var on = list.Count(s => s);
        var result = rule.Type switch
        {
            "AND" => on == list.Count,
            "OR" => on >= 1,
            _ => on >= rule.Threshold,
        };
        return rule.Inverted ? !result : result;
    }

    private static AwsErrorException Blocked(OperationContext context, ArcSafetyRule rule, string reason) =>
        context.Error("ConflictException",
            $"Cannot update routing control states: safety rule {rule.Arn} ({rule.Name}) blocks the update because {reason}. Use SafetyRulesToOverride to bypass it.",
            new JsonObject { ["resourceId"] = rule.Arn, ["resourceType"] = "SafetyRule" });
}
