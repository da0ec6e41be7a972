using k8s;
using k8s.Models;

namespace ContactOperator.Controllers.Sync;

/// <summary>Where controllers report what they did (Kubernetes Events). Type is Normal or Warning.</summary>
public interface IEventSink
{
    void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message);
}
