using System.Collections;

namespace ContactOperator.Runtime.Reconciliation;

/// <summary>
/// The logging scope of one reconcile: every log line written during it carries the controller, the object's
/// namespace and name, and a reconcile id (the JSON console formatter prints them under <c>Scopes</c>).
/// </summary>
internal sealed class ReconcileScope(string controller, string? @namespace, string name, string reconcileId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] values =
    [
        new("controller", controller),
        new("namespace", @namespace),
        new("name", name),
        new("reconcileID", reconcileId),
    ];

    public int Count => values.Length;

    public KeyValuePair<string, object?> this[int index] => values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{controller} {(@namespace is null ? name : $"{@namespace}/{name}")} {reconcileId}";
}
