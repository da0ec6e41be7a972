using k8s;
using k8s.Exceptions;

namespace ContactOperator.Hosting;

/// <summary>Finds the cluster: an explicit kubeconfig, else in-cluster config, else the default kubeconfig.</summary>
public static class KubernetesConnection
{
    private const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>Builds the client configuration; throws <see cref="KubeConfigException"/> with a readable message.</summary>
    public static KubernetesClientConfiguration Load(string? kubeconfigPath)
    {
        if (kubeconfigPath is not null)
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        }

        return KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile();
    }

    /// <summary>The namespace the lease lives in when none is configured: the pod's, else the kubeconfig context's, else <c>default</c>.</summary>
    public static string DefaultLeaseNamespace(KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (File.Exists(ServiceAccountNamespaceFile))
        {
            var ns = File.ReadAllText(ServiceAccountNamespaceFile).Trim();
            if (ns.Length > 0)
            {
                return ns;
            }
        }

        return string.IsNullOrWhiteSpace(configuration.Namespace) ? "default" : configuration.Namespace;
    }
}
