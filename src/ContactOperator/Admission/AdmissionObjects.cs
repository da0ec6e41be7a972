using ContactOperator.Runtime.Resources;
using k8s;

namespace ContactOperator.Admission;

/// <summary>Reads the other objects a rule needs (the instance a queue belongs to, the hours it follows).</summary>
public interface IAdmissionObjects
{
    Task<T?> GetAsync<T>(string ns, string name, CancellationToken cancellationToken)
        where T : class, IContactResource;
}

/// <summary>Reads objects from the API server, so every replica of the operator answers the same, leader or not.</summary>
public sealed class KubernetesAdmissionObjects(IKubernetes kubernetes) : IAdmissionObjects
{
    public Task<T?> GetAsync<T>(string ns, string name, CancellationToken cancellationToken)
        where T : class, IContactResource =>
        new ResourceClient<T>(kubernetes, ResourceDescriptors.For<T>()).TryGetAsync(new ObjectKey(ns, name), cancellationToken);
}
