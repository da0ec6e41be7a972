using System.Text.Json.Nodes;
using ContactOperator.Crds;
using ContactOperator.Manifests;

namespace ContactOperator.Tests;

public class CrdGenerationTests
{
    private static readonly IReadOnlyList<GeneratedCrd> Crds = CrdGenerator.GenerateAll();

    [Fact]
    public void Committed_crds_match_the_types()
    {
        var directory = RepoPaths.Of("config", "crd", "bases");
        var committed = Directory.GetFiles(directory, "*.yaml").Select(f => Path.GetFileName(f)).Order().ToList();
        Assert.Equal(Crds.Select(c => c.FileName).Order().ToList(), committed);
        foreach (var crd in Crds)
        {
            var onDisk = File.ReadAllText(Path.Combine(directory, crd.FileName));
            Assert.True(onDisk == crd.Yaml,
                $"{crd.FileName} is out of date with the C# types: run `dotnet run --project src/ContactOperator -- generate crds --output config/crd/bases`");
        }
    }

    [Fact]
    public void Generated_yaml_reads_back_as_the_same_definition()
    {
        foreach (var crd in Crds)
        {
            var parsed = Assert.Single(ManifestReader.ReadAll(crd.Yaml));
            Assert.True(JsonNode.DeepEquals(crd.Definition, parsed), $"{crd.FileName} does not round-trip through YAML");
        }
    }

    [Fact]
    public void Every_kind_has_status_subresource_category_and_ready_column()
    {
        foreach (var crd in Crds)
        {
            var version = crd.Definition["spec"]!["versions"]![0]!;
            Assert.NotNull(version["subresources"]!["status"]);
            Assert.Contains("contactcenter", crd.Definition["spec"]!["names"]!["categories"]!.AsArray().Select(c => (string?)c));
            Assert.NotEmpty(crd.Definition["spec"]!["names"]!["shortNames"]!.AsArray());
            var columns = version["additionalPrinterColumns"]!.AsArray().Select(c => (string?)c!["name"]).ToList();
            Assert.Contains("Ready", columns);
            Assert.Contains("Age", columns);
        }
    }

    [Fact]
    public void Failover_plan_shows_active_region_and_phase()
    {
        var plan = Crds.Single(c => c.Name == "failoverplans.connect.contact-operator.io");
        var columns = plan.Definition["spec"]!["versions"]![0]!["additionalPrinterColumns"]!.AsArray()
            .Select(c => ((string?)c!["name"], (string?)c["jsonPath"])).ToList();
        Assert.Contains(("Active Region", ".status.activeRegion"), columns);
        Assert.Contains(("Phase", ".status.phase"), columns);
    }

    [Fact]
    public void Schema_carries_constraints_defaults_descriptions_and_immutability()
    {
        var instance = Schema("contactinstances");
        var spec = instance["properties"]!["spec"]!;
        Assert.Equal(["region", "identityManagementType"], spec["required"]!.AsArray().Select(n => (string?)n));
        var region = spec["properties"]!["region"]!;
        Assert.Equal("AWS region of the instance, for example us-east-1.", (string?)region["description"]);
        Assert.Equal("self == oldSelf", (string?)region["x-kubernetes-validations"]![0]!["rule"]);
        Assert.Equal("spec.region is immutable", (string?)region["x-kubernetes-validations"]![0]!["message"]);
        Assert.Equal("Retain", (string?)spec["properties"]!["deletionPolicy"]!["default"]);
        Assert.Equal(["Retain", "Delete"], spec["properties"]!["deletionPolicy"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["CONNECT_MANAGED", "SAML", "EXISTING_DIRECTORY"], spec["properties"]!["identityManagementType"]!["enum"]!.AsArray().Select(n => (string?)n));

        var queueConfig = Schema("routingprofiles")["properties"]!["spec"]!["properties"]!["queueConfigs"]!["items"]!;
        Assert.Equal(1, (long)queueConfig["properties"]!["priority"]!["minimum"]!);
        Assert.Equal(99, (long)queueConfig["properties"]!["priority"]!["maximum"]!);
        Assert.Equal(9999, (long)queueConfig["properties"]!["delay"]!["maximum"]!);

        var conditions = instance["properties"]!["status"]!["properties"]!["conditions"]!;
        Assert.Equal("map", (string?)conditions["x-kubernetes-list-type"]);
        var lambda = spec["properties"]!["lambdaFunctions"]!;
        Assert.Equal(50, (int)lambda["maxItems"]!);
        Assert.StartsWith("^arn:aws", (string?)lambda["items"]!["pattern"]);
    }

    private static JsonNode Schema(string plural) =>
        Crds.Single(c => c.Name == $"{plural}.connect.contact-operator.io").Definition["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!;
}
