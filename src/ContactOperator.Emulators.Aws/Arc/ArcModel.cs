using ContactOperator.Emulators.Aws.Connect;

namespace ContactOperator.Emulators.Aws.Arc;

internal sealed class ArcCluster : ITaggable
{
    public required string Id { get; init; }

    public required string Arn { get; init; }

    public required string Name { get; init; }

    public string? ClientToken { get; init; }

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Reads after the creating call see DEPLOYED; the create response itself says PENDING.</summary>
    public bool Deployed { get; set; }
}

internal sealed class ArcControlPanel : ITaggable
{
    public required string Id { get; init; }

    public required string Arn { get; init; }

    public required string Name { get; set; }

    public required ArcCluster Cluster { get; init; }

    public bool IsDefault { get; init; }

    public string? ClientToken { get; init; }

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);

    public bool Deployed { get; set; }
}

internal sealed class ArcRoutingControl : ITaggable
{
    public required string Arn { get; init; }

    public required string Name { get; set; }

    public required ArcControlPanel Panel { get; init; }

    public string? ClientToken { get; init; }

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);

    public bool On { get; set; }

    public bool Deployed { get; set; }
}

internal enum SafetyRuleKind
{
    Assertion,
    Gating,
}

internal sealed class ArcSafetyRule : ITaggable
{
    public required string Arn { get; init; }

    public required SafetyRuleKind Kind { get; init; }

    public required string Name { get; set; }

    public required ArcControlPanel Panel { get; init; }

    /// <summary>Asserted controls (assertion) or gating controls (gating).</summary>
    public required List<string> Controls { get; init; }

    /// <summary>Target controls of a gating rule; empty for an assertion rule.</summary>
    public List<string> TargetControls { get; init; } = [];

    public required string Type { get; init; }

    public required int Threshold { get; init; }

    public required bool Inverted { get; init; }

    public required int WaitPeriodMs { get; set; }

    public string? ClientToken { get; init; }

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Updates touching this rule's controls fail until then (the rule's wait period).</summary>
    public DateTimeOffset BlockedUntil { get; set; }

    public bool Deployed { get; set; }
}

/// <summary>All ARC state of the account (the control-configuration API is global).</summary>
internal sealed class ArcStore
{
    public Dictionary<string, ArcCluster> Clusters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ArcControlPanel> ControlPanels { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ArcRoutingControl> RoutingControls { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ArcSafetyRule> SafetyRules { get; } = new(StringComparer.Ordinal);

    /// <summary>Endpoints taken down by tests: (cluster id, endpoint index) → how they fail.</summary>
    public Dictionary<ArcEndpointAddress, Faults.ArcEndpointOutageMode> Outages { get; } = [];
}
