using System.Text.Json.Nodes;
using ContactOperator.Manifests;

namespace ContactOperator.Packaging.Tests.Support;

/// <summary>The Helm chart under test, rendered with the real helm 4.</summary>
public static class Chart
{
    public const string Release = "contact-operator";
    public const string Namespace = "contact-operator";

    public static string Directory => RepoPaths.Of("charts", "contact-operator");

    public static Task<ProcessResult> HelmAsync(params string[] args) => HelmInAsync(null, args);

    public static Task<ProcessResult> HelmInAsync(IDictionary<string, string>? environment, params string[] args)
    {
        var home = System.IO.Directory.CreateTempSubdirectory("helm-home-").FullName;
        var env = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["HELM_CACHE_HOME"] = Path.Combine(home, "cache"),
            ["HELM_CONFIG_HOME"] = Path.Combine(home, "config"),
            ["HELM_DATA_HOME"] = Path.Combine(home, "data"),
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }
        return ChildProcess.RunAsync(Tools.Resolve("helm"), args, env, TimeSpan.FromSeconds(120));
    }

    /// <summary><c>helm template</c> of the chart (or <paramref name="chart"/>) with <c>--set</c> values; fails the test on an error.</summary>
    public static async Task<IReadOnlyList<JsonObject>> RenderAsync(string? chart = null, params string[] sets)
    {
        var result = await RenderRawAsync(chart, sets);
        Assert.True(result.ExitCode == 0, result.Output);
        return ManifestReader.ReadAll(result.Stdout, "helm template");
    }

    /// <summary><c>helm template</c>; arguments starting with <c>--</c> are passed as flags, the others as <c>--set</c> values.</summary>
    public static Task<ProcessResult> RenderRawAsync(string? chart = null, params string[] sets) =>
        HelmAsync(["template", Release, chart ?? Directory, "--namespace", Namespace,
            .. sets.SelectMany(s => s.StartsWith("--", StringComparison.Ordinal) ? new[] { s } : ["--set", s])]);

    public static JsonObject One(IEnumerable<JsonObject> objects, string kind, string? name = null) =>
        Assert.Single(objects, o => (string?)o["kind"] == kind && (name is null || (string?)o["metadata"]?["name"] == name));

    public static IEnumerable<string> Kinds(IEnumerable<JsonObject> objects) => objects.Select(o => (string)o["kind"]!);
}
