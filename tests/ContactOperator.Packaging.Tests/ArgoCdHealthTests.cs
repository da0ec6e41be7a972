using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactOperator.Kinds;
using ContactOperator.Manifests;
using YamlDotNet.RepresentationModel;

namespace ContactOperator.Packaging.Tests;

/// <summary>
/// The Argo CD health checks in upstream's layout, each run with Lua 5.4 against its health_test.yaml the way Argo CD's
/// own resource_customizations tests do: the object in <c>obj</c>, only the libraries Argo CD opens.
/// </summary>
public sealed class ArgoCdHealthTests
{
    private static readonly string Customizations = RepoPaths.Of("argocd", "resource_customizations", "connect.contact-operator.io");
    private static readonly string Harness = RepoPaths.Of("tests", "ContactOperator.Packaging.Tests", "ArgoCd", "health_harness.lua");

    /// <summary>The kinds the generated CRDs serve.</summary>
    private static IEnumerable<string> Kinds =>
        ManifestReader.ReadDirectory(RepoPaths.Of("config", "crd", "bases")).Select(crd => (string)crd["spec"]!["names"]!["kind"]!).Order();

    public static TheoryData<string, string, string, string> HealthTests()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var kind in Directory.GetDirectories(Customizations).Select(Path.GetFileName).Order())
        {
            foreach (var test in ReadTests(kind!))
            {
                data.Add(kind!, test.InputPath, test.Status, test.Message);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HealthTests))]
    public async Task Each_health_check_returns_the_expected_status_and_message(string kind, string inputPath, string status, string message)
    {
        var health = await RunAsync(Path.Combine(Customizations, kind, "health.lua"), Path.Combine(Customizations, kind, inputPath));
        Assert.Equal((status, message), health);
    }

    [Fact]
    public void Every_kind_has_a_health_check_whose_tests_cover_healthy_progressing_and_degraded_and_every_testdata_file()
    {
        Assert.Equal(Kinds.Order(), Directory.GetDirectories(Customizations).Select(Path.GetFileName).Order());
        foreach (var kind in Kinds)
        {
            var tests = ReadTests(kind);
            Assert.Subset(tests.Select(t => t.Status).ToHashSet(), new HashSet<string> { "Healthy", "Progressing", "Degraded" });
            var files = Directory.GetFiles(Path.Combine(Customizations, kind, "testdata")).Select(f => $"testdata/{Path.GetFileName(f)}");
            Assert.Equal(files.Order(), tests.Select(t => t.InputPath).Order());
        }
        Assert.Contains(ReadTests("ContactInstance"), t => t.Status == "Suspended");
        Assert.Contains(ReadTests("FailoverPlan"), t => t.Status == "Suspended");
    }

    [Fact]
    public void Every_kind_but_FailoverPlan_has_the_generic_check_rendered_from_one_source()
    {
        var checks = KindCatalog.All.ToDictionary(k => k.Kind, k => File.ReadAllText(Path.Combine(Customizations, k.Kind, "health.lua")));

        Assert.Equal(["FailoverPlan"], ArgoCdHealthChecks.KindsWithTheirOwn);
        var generic = Assert.Single(checks.Where(c => c.Key != "FailoverPlan").Select(c => c.Value).Distinct());
        Assert.Contains("from src/ContactOperator/Manifests/ArgoCdHealth.lua", generic, StringComparison.Ordinal);
        Assert.Contains("from FailoverPlan.health.lua", checks["FailoverPlan"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_harness_refuses_the_string_library_argo_cd_does_not_open()
    {
        var directory = Directory.CreateTempSubdirectory("lua-").FullName;
        var script = Path.Combine(directory, "health.lua");
        foreach (var body in new[] { "return { status = string.upper(\"healthy\") }", "return { status = (\"Healthy\"):lower() }", "return { status = os.getenv(\"HOME\") }" })
        {
            await File.WriteAllTextAsync(script, body);
            var result = await RunRawAsync(script, Path.Combine(Customizations, "Queue", "testdata", "healthy.yaml"));
            Assert.NotEqual(0, result.ExitCode);
        }
    }

    [Fact]
    public async Task The_argocd_cm_snippet_installs_every_health_check_verbatim()
    {
        var fresh = Path.Combine(Directory.CreateTempSubdirectory("argocd-cm-").FullName, "argocd-cm.yaml");
        var render = await ChildProcess.RunAsync("bash", [RepoPaths.Of("eng", "render-argocd-cm.sh"), fresh]);
        Assert.True(render.ExitCode == 0, render.Output);
        Assert.True(File.ReadAllText(fresh) == File.ReadAllText(RepoPaths.Of("argocd", "argocd-cm.yaml")), "argocd/argocd-cm.yaml is stale; run: bash eng/render-argocd-cm.sh");

        var data = ManifestReader.ReadFile(RepoPaths.Of("argocd", "argocd-cm.yaml")).Single()["data"]!.AsObject();
        foreach (var kind in Kinds)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(Customizations, kind, "health.lua")), (string?)data[$"resource.customizations.health.connect.contact-operator.io_{kind}"]);
        }
    }

    [Fact]
    public void Samples_sync_each_kind_in_one_wave_after_the_kinds_it_refers_to()
    {
        var waves = Directory.GetFiles(RepoPaths.Of("samples"), "*.yaml").SelectMany(ManifestReader.ReadFile)
            .GroupBy(m => (string)m["kind"]!)
            .ToDictionary(g => g.Key, g => Assert.Single(g.Select(m => int.Parse(
                (string?)m["metadata"]!["annotations"]?["argocd.argoproj.io/sync-wave"] ?? "missing", CultureInfo.InvariantCulture)).Distinct()));
        Assert.Equal(KindCatalog.All.Select(k => k.Kind).Order(), waves.Keys.Order());
        Assert.Equal(0, waves["ContactInstance"]);
        foreach (var kind in KindCatalog.All)
        {
            Assert.All(kind.ReferencedKinds, referenced => Assert.True(waves[kind.Kind] > waves[referenced],
                $"{kind.Kind} samples sync in wave {waves[kind.Kind]}, not after the {referenced} they refer to (wave {waves[referenced]})"));
        }
    }

    [Fact]
    public void The_example_applications_point_at_the_chart_and_the_samples()
    {
        var applications = ManifestReader.ReadFile(RepoPaths.Of("argocd", "application.yaml"));
        Assert.All(applications, a => Assert.Equal("argoproj.io/v1alpha1", (string?)a["apiVersion"]));
        Assert.Equal(["charts/contact-operator", "samples"], applications.Select(a => (string)a["spec"]!["source"]!["path"]!));
        Assert.All(applications, a => Assert.True(Directory.Exists(RepoPaths.Of((string)a["spec"]!["source"]!["path"]!))));
        Assert.Contains("ServerSideApply=true", applications[0]["spec"]!["syncPolicy"]!["syncOptions"]!.AsArray().Select(o => (string?)o));
    }

    private sealed record HealthTest(string Status, string Message, string InputPath);

    private static List<HealthTest> ReadTests(string kind)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Customizations, kind, "health_test.yaml"))));
        var tests = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["tests"];
        return [.. tests.Cast<YamlMappingNode>().Select(t =>
        {
            var health = (YamlMappingNode)t["healthStatus"];
            return new HealthTest(((YamlScalarNode)health["status"]).Value!, ((YamlScalarNode)health["message"]).Value!, ((YamlScalarNode)t["inputPath"]).Value!);
        })];
    }

    private static async Task<(string Status, string Message)> RunAsync(string script, string input)
    {
        var result = await RunRawAsync(script, input);
        Assert.True(result.ExitCode == 0, result.Output);
        var lines = result.Stdout.Split('\n');
        return (lines[0], lines[1]);
    }

    private static async Task<ProcessResult> RunRawAsync(string script, string input)
    {
        var objectFile = Path.Combine(Directory.CreateTempSubdirectory("lua-object-").FullName, "object.lua");
        await File.WriteAllTextAsync(objectFile, "return " + ToLua(ManifestReader.ReadFile(input).Single()));
        return await ChildProcess.RunAsync(Tools.Resolve("lua5.4"), [Harness, script, objectFile]);
    }

    /// <summary>A JSON value as a Lua table constructor (null members are left out, as Argo CD's conversion does).</summary>
    private static string ToLua(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(", ", o.Where(p => p.Value is not null).Select(p => $"[{Quote(p.Key)}] = {ToLua(p.Value)}")) + "}",
        JsonArray a => "{" + string.Join(", ", a.Select(ToLua)) + "}",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Quote(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValueKind() == JsonValueKind.True ? "true" : "false",
        JsonValue v => v.ToJsonString(),
        _ => "nil",
    };

    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\{(int)c:D3}",
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }
}
