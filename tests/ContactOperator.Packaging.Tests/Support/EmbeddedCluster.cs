using ContactOperator.Emulators.Kubernetes;
using ContactOperator.Manifests;
using k8s;

namespace ContactOperator.Packaging.Tests.Support;

/// <summary>The embedded Kubernetes API server with the project's CRDs, and kubectl/helm pointed at it.</summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private EmbeddedCluster(KubernetesApiServer server, string directory, Kubernetes client)
    {
        Server = server;
        Directory = directory;
        Client = client;
    }

    public KubernetesApiServer Server { get; }

    public string Directory { get; }

    public Kubernetes Client { get; }

    public string Kubeconfig => Path.Combine(Directory, "kubeconfig");

    public static async Task<EmbeddedCluster> StartAsync(int auditLogCapacity = 0)
    {
        var server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Port = 0, AuditLogCapacity = auditLogCapacity });
        var directory = System.IO.Directory.CreateTempSubdirectory("packaging-").FullName;
        await server.WriteKubeconfigAsync(Path.Combine(directory, "kubeconfig"));
        var client = new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString() });
        await new ManifestApplier(client).ApplyCrdsAsync(ManifestReader.ReadDirectory(RepoPaths.Of("config", "crd", "bases")), CancellationToken.None);
        return new EmbeddedCluster(server, directory, client);
    }

    public Task<ProcessResult> KubectlAsync(params string[] args) =>
        ChildProcess.RunAsync(Tools.Resolve("kubectl"), ["--kubeconfig", Kubeconfig, "--cache-dir", Path.Combine(Directory, "kube-cache"), .. args],
            new Dictionary<string, string> { ["HOME"] = Directory }, TimeSpan.FromSeconds(120));

    public Task<ProcessResult> HelmAsync(params string[] args) =>
        Chart.HelmInAsync(new Dictionary<string, string> { ["KUBECONFIG"] = Kubeconfig }, args);

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
