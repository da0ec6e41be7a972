namespace ContactOperator.Tests.EndToEnd;

/// <summary>The sample applied with real kubectl (client-side apply) converges like one applied with the typed client.</summary>
public class KubectlTests
{
    public static TheoryData<string> Kubectls => Tools.Kubectls;

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Sample_applied_with_kubectl_becomes_ready(string kubectlName)
    {
        await using var h = await ContactCenterHarness.StartAsync();
        var directory = Directory.CreateTempSubdirectory("kubectl-e2e-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        await h.Kube.WriteKubeconfigAsync(kubeconfig);
        var env = new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["HOME"] = directory };
        var kubectl = Tools.Resolve(kubectlName);

        var dryRun = await ChildProcess.RunAsync(kubectl, ["apply", "--dry-run=client", "--validate=false", "-f", RepoPaths.Of("config", "crd", "bases")], env);
        Assert.True(dryRun.ExitCode == 0, dryRun.Output);
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/queues.connect.contact-operator.io configured (dry run)", dryRun.Stdout);

        var apply = await ChildProcess.RunAsync(kubectl, ["apply", "-f", RepoPaths.Of("samples", "contact-center.yaml")], env);
        Assert.True(apply.ExitCode == 0, apply.Output);
        Assert.Contains("routingprofile.connect.contact-operator.io/generalists created", apply.Stdout);

        var wait = await ChildProcess.RunAsync(kubectl, ["wait", "--for=condition=Ready", "routingprofile", "--all", "--timeout=90s"], env, TimeSpan.FromSeconds(120));
        Assert.True(wait.ExitCode == 0, wait.Output);

        var invalid = await ChildProcess.RunAsync(kubectl, ["patch", "queue", "billing", "--type=merge", "-p", """{"spec":{"status":"PAUSED"}}"""], env);
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("spec.status", invalid.Output);

        var immutable = await ChildProcess.RunAsync(kubectl, ["patch", "contactinstance", "support", "--type=merge", "-p", """{"spec":{"region":"eu-west-2"}}"""], env);
        Assert.NotEqual(0, immutable.ExitCode);
        Assert.Contains("spec.region is immutable", immutable.Output);
    }
}
