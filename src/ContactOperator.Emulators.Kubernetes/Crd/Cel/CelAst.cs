namespace ContactOperator.Emulators.Kubernetes.Crd.Cel;

/// <summary>Nodes of a parsed CEL expression.</summary>
internal abstract record CelNode;

internal sealed record CelLiteral(object? Value) : CelNode;

internal sealed record CelIdent(string Name) : CelNode;

internal sealed record CelSelect(CelNode Target, string Field, bool TestOnly) : CelNode;

internal sealed record CelIndex(CelNode Target, CelNode Index) : CelNode;

internal sealed record CelCall(CelNode? Target, string Function, IReadOnlyList<CelNode> Args) : CelNode;

internal sealed record CelUnary(string Op, CelNode Operand) : CelNode;

internal sealed record CelBinary(string Op, CelNode Left, CelNode Right) : CelNode;

internal sealed record CelConditional(CelNode Condition, CelNode Then, CelNode Else) : CelNode;

internal sealed record CelList(IReadOnlyList<CelNode> Items) : CelNode;
