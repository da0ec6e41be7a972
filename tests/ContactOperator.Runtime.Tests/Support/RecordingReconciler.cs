using System.Collections.Concurrent;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Runtime.Tests.Support;

/// <summary>Records every reconcile; the behaviour per call is pluggable.</summary>
public sealed class RecordingReconciler : IReconciler<Widget>
{
    private readonly Func<ReconcileRequest<Widget>, CancellationToken, Task<ReconcileResult>>? behaviour;
    private int inFlight;
    private int maxInFlight;

    public RecordingReconciler(Func<ReconcileRequest<Widget>, CancellationToken, Task<ReconcileResult>>? behaviour = null) => this.behaviour = behaviour;

    public ConcurrentQueue<Seen> Calls { get; } = new();

    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public int CountFor(string name) => Calls.Count(c => c.Key.Name == name);

    public bool Saw(string name, Func<Seen, bool> predicate) => Calls.Any(c => c.Key.Name == name && predicate(c));

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<Widget> request, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref inFlight);
        int seen;
        while ((seen = Volatile.Read(ref maxInFlight)) < now && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
        {
        }

        Calls.Enqueue(new Seen(request.Key, request.Resource?.Spec.Size, request.Resource?.Metadata.Generation, request.Resource is null, DateTime.UtcNow));
        try
        {
            return behaviour is null ? ReconcileResult.Done : await behaviour(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    public sealed record Seen(ObjectKey Key, int? Size, long? Generation, bool Gone, DateTime At);
}
