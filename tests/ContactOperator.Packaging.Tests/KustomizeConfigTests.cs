using System.Text.Json.Nodes;
using ContactOperator.Manifests;
using ContactOperator.Packaging.Tests.Support;

namespace ContactOperator.Packaging.Tests;

/// <summary>config/ is the chart rendered with default values (eng/render-config.sh), and kustomize builds it.</summary>
public sealed class KustomizeConfigTests
{
    private static async Task<ProcessResult> KustomizeAsync(string directory)
    {
        var result = await ChildProcess.RunAsync(Tools.Resolve("kubectl"), ["kustomize", RepoPaths.Of(directory)]);
        Assert.True(result.ExitCode == 0, result.Output);
        return result;
    }

    private static string Key(JsonObject o) => $"{o["kind"]}/{o["metadata"]?["namespace"]}/{o["metadata"]?["name"]}";

    [Theory]
    [InlineData("config/default/contact-operator.yaml")]
    [InlineData("config/prometheus/operator-rules.yaml")]
    public async Task The_committed_render_matches_a_fresh_render_of_the_chart(string file)
    {
        var fresh = Directory.CreateTempSubdirectory("render-").FullName;
        var render = await ChildProcess.RunAsync("bash", [RepoPaths.Of("eng", "render-config.sh"), fresh],
            new Dictionary<string, string> { ["HELM"] = Tools.Resolve("helm") }, TimeSpan.FromSeconds(120));
        Assert.True(render.ExitCode == 0, render.Output);
        Assert.True(File.ReadAllText(Path.Combine(fresh, file)) == File.ReadAllText(RepoPaths.Of(file)),
            $"{file} is stale; run: bash eng/render-config.sh");
    }

    [Fact]
    public async Task Kustomize_builds_the_chart_objects_the_generated_crds_and_the_namespace()
    {
        var built = ManifestReader.ReadAll((await KustomizeAsync("config/default")).Stdout).ToDictionary(Key);
        var chart = (await Chart.RenderAsync(null, "--include-crds")).ToDictionary(Key);
        Assert.Equal(chart.Keys.Append("Namespace//contact-operator").Order(), built.Keys.Order());
        foreach (var (key, expected) in chart)
        {
            Assert.True(JsonNode.DeepEquals(expected, built[key]), $"{key} differs between kustomize and helm");
        }
        var crdFiles = Directory.GetFiles(RepoPaths.Of("config", "crd", "bases"), "*.yaml").Length;
        Assert.Equal(crdFiles, built.Keys.Count(k => k.StartsWith("CustomResourceDefinition/", StringComparison.Ordinal)));
        Assert.Equal("restricted", (string?)built["Namespace//contact-operator"]["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]);
    }

    [Fact]
    public async Task The_irsa_overlay_annotates_the_service_account_and_pins_the_image()
    {
        var built = ManifestReader.ReadAll((await KustomizeAsync("config/overlays/irsa")).Stdout);
        var account = Chart.One(built, "ServiceAccount");
        Assert.Equal("arn:aws:iam::123456789012:role/contact-operator", (string?)account["metadata"]!["annotations"]!["eks.amazonaws.com/role-arn"]);
        Assert.Equal("ghcr.io/contact-operator/contact-operator:0.1.0",
            (string?)Chart.One(built, "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
    }
}
