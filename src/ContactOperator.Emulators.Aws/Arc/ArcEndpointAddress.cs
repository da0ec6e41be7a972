namespace ContactOperator.Emulators.Aws;

/// <summary>An ARC cluster endpoint: the cluster id and the index (0–4) of its Regional endpoint.</summary>
public sealed record ArcEndpointAddress(string ClusterId, int Index);
