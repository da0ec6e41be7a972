using ContactOperator.Runtime.Events;
using k8s;
using k8s.Models;

namespace ContactOperator.Reconciliation;

/// <summary>
/// Where controllers report what they did (Kubernetes Events). Type is Normal or Warning; reason is a CamelCase
/// machine word; the note is for humans (kubectl describe).
/// </summary>
public interface IEventSink
{
    Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string note, CancellationToken cancellationToken);
}

/// <summary>Events through the runtime's recorder; <paramref name="action"/> is the Event's action (Reconcile, Failover…).</summary>
public sealed class RecorderEventSink(EventRecorder recorder, string action) : IEventSink
{
    public Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string note, CancellationToken cancellationToken) =>
        recorder.RecordAsync(regarding, type, reason, action, note, cancellationToken);
}
