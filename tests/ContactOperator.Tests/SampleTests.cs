using System.Text.Json;
using System.Text.Json.Nodes;
using ContactOperator.Api;
using ContactOperator.Api.Kinds;
using ContactOperator.Api.Common;
using ContactOperator.Kinds;
using ContactOperator.Manifests;

namespace ContactOperator.Tests;

public class SampleTests
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
    };

    public static TheoryData<string> SampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Of("samples"), "*.yaml").Order())
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Every_sample_deserializes_strictly_and_validates(string file)
    {
        var manifests = ManifestReader.ReadFile(RepoPaths.Of("samples", file));
        Assert.NotEmpty(manifests);
        foreach (var manifest in manifests)
        {
            Assert.Equal(ApiGroup.ApiVersion, (string?)manifest["apiVersion"]);
            var resource = ToTyped(manifest);
            var errors = resource.Validate().Errors.Select(e => e.ErrorMessage).ToList();
            Assert.True(errors.Count == 0, $"{file} {manifest["kind"]}/{manifest["metadata"]?["name"]}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public void There_is_one_sample_per_kind_and_a_whole_contact_center()
    {
        var kindsWithSample = Directory.GetFiles(RepoPaths.Of("samples"), "*.yaml")
            .Where(f => Path.GetFileName(f) != "contact-center.yaml")
            .SelectMany(ManifestReader.ReadFile).Select(m => (string)m["kind"]!).ToHashSet();
        Assert.Equal(KindCatalog.All.Select(k => k.ResourceType.Name).ToHashSet(), kindsWithSample);

        var center = ManifestReader.ReadFile(RepoPaths.Of("samples", "contact-center.yaml"));
        var counts = center.GroupBy(m => (string?)m["kind"]).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(1, counts["ContactInstance"]);
        Assert.Equal(1, counts["HoursOfOperation"]);
        Assert.Equal(3, counts["Queue"]);
        Assert.Equal(2, counts["RoutingProfile"]);
        Assert.Equal(1, counts["AlertPolicy"]);
        Assert.Equal(1, counts["FailoverPlan"]);
    }

    [Fact]
    public void Objects_in_several_sample_files_are_identical()
    {
        var byKey = new Dictionary<string, (JsonObject Manifest, string File)>();
        foreach (var file in Directory.GetFiles(RepoPaths.Of("samples"), "*.yaml").Order())
        {
            foreach (var manifest in ManifestReader.ReadFile(file))
            {
                var key = $"{manifest["kind"]}/{manifest["metadata"]!["name"]}";
                if (byKey.TryGetValue(key, out var earlier))
                {
                    Assert.True(JsonNode.DeepEquals(earlier.Manifest, manifest), $"{key} differs between {earlier.File} and {Path.GetFileName(file)}");
                }
                byKey[key] = (manifest, Path.GetFileName(file));
            }
        }
    }

    [Fact]
    public void Every_reference_in_the_contact_center_resolves()
    {
        var center = ManifestReader.ReadFile(RepoPaths.Of("samples", "contact-center.yaml")).Select(ToTyped).ToList();
        var names = center.Select(r => (r.GetType().Name, ((k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>)r).Metadata.Name)).ToHashSet();
        foreach (var queue in center.OfType<Queue>())
        {
            Assert.Contains(("HoursOfOperation", queue.Spec.HoursOfOperationRef.Name), names);
        }
        foreach (var profile in center.OfType<RoutingProfile>())
        {
            Assert.Contains(("Queue", profile.Spec.DefaultOutboundQueueRef.Name), names);
            Assert.All(profile.Spec.QueueConfigs ?? [], q => Assert.Contains(("Queue", q.QueueRef.Name), names));
        }
    }

    private static IContactResource ToTyped(JsonObject manifest)
    {
        var kind = (string?)manifest["kind"];
        var type = KindCatalog.All.Select(k => k.ResourceType).SingleOrDefault(t => t.Name == kind) ?? throw new InvalidOperationException($"unknown kind {kind}");
        return manifest.Deserialize(type, Strict) as IContactResource ?? throw new InvalidOperationException("null");
    }
}
