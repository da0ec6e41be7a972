using System.Net;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Tests.Support;

namespace ContactOperator.Emulators.Kubernetes.Tests;

public sealed class ListTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private static async Task<Emulator> WithLabelledConfigMapsAsync()
    {
        var emulator = await Emulator.StartAsync();
        var labels = new[] { ("a", "prod", "x"), ("b", "prod", null), ("c", "dev", "y"), ("d", "test", null) };
        foreach (var (name, env, tier) in labels)
        {
            var l = new JsonObject { ["env"] = env };
            if (tier is not null)
            {
                l["tier"] = tier;
            }
            await emulator.ExpectAsync(HttpMethod.Post, ConfigMaps, TestData.ConfigMap(name, labels: l), HttpStatusCode.Created);
        }
        return emulator;
    }

    private static async Task<List<string>> NamesAsync(Emulator emulator, string query)
    {
        var list = await emulator.ExpectAsync(HttpMethod.Get, ConfigMaps + query, null, HttpStatusCode.OK);
        return list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToList();
    }

    [Theory]
    [InlineData("env=prod", "a,b")]
    [InlineData("env==prod", "a,b")]
    [InlineData("env!=prod", "c,d")]
    [InlineData("env in (dev,test)", "c,d")]
    [InlineData("env notin (dev,test)", "a,b")]
    [InlineData("tier", "a,c")]
    [InlineData("!tier", "b,d")]
    [InlineData("env=prod,tier", "a")]
    public async Task Label_selectors_filter_lists(string selector, string expected)
    {
        await using var emulator = await WithLabelledConfigMapsAsync();
        Assert.Equal(expected.Split(','), await NamesAsync(emulator, "?labelSelector=" + Uri.EscapeDataString(selector)));
    }

    [Fact]
    public async Task A_malformed_label_selector_is_400()
    {
        await using var emulator = await WithLabelledConfigMapsAsync();
        var response = await emulator.SendAsync(HttpMethod.Get, ConfigMaps + "?labelSelector=" + Uri.EscapeDataString("env in prod"));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Field_selectors_support_name_and_namespace_and_refuse_other_fields()
    {
        await using var emulator = await WithLabelledConfigMapsAsync();
        Assert.Equal(["c"], await NamesAsync(emulator, "?fieldSelector=metadata.name%3Dc"));
        Assert.Equal(["a", "b", "d"], await NamesAsync(emulator, "?fieldSelector=metadata.name!%3Dc"));
        await emulator.ExpectAsync(HttpMethod.Post, "/api/v1/namespaces",
            JsonNode.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team"}}"""), HttpStatusCode.Created);
        await emulator.ExpectAsync(HttpMethod.Post, "/api/v1/namespaces/team/configmaps", TestData.ConfigMap("t", "team"), HttpStatusCode.Created);
        async Task<List<string>> AllNamespaces(string selector) =>
            (await emulator.ExpectAsync(HttpMethod.Get, "/api/v1/configmaps?fieldSelector=" + Uri.EscapeDataString(selector), null, HttpStatusCode.OK))["items"]!
                .AsArray().Select(i => $"{i!["metadata"]!["namespace"]}/{i["metadata"]!["name"]}").ToList();
        Assert.Equal(["team/t"], await AllNamespaces("metadata.namespace=team"));
        var others = await AllNamespaces("metadata.namespace!=team");
        Assert.DoesNotContain("team/t", others);
        Assert.Contains("default/a", others);
        Assert.Equal(["team/t"], await AllNamespaces("metadata.namespace=team,metadata.name=t"));
        var response = await emulator.SendAsync(HttpMethod.Get, ConfigMaps + "?fieldSelector=data.key%3Dvalue");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("field label not supported: data.key", response.Message);
    }

    [Fact]
    public async Task Limit_and_continue_page_through_every_item_once()
    {
        await using var emulator = await WithLabelledConfigMapsAsync();
        var seen = new List<string>();
        var query = "?limit=3";
        var first = await emulator.ExpectAsync(HttpMethod.Get, ConfigMaps + query, null, HttpStatusCode.OK);
        seen.AddRange(first["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        var token = first["metadata"]!["continue"]!.GetValue<string>();
        Assert.Equal(1, first["metadata"]!["remainingItemCount"]!.GetValue<long>());
        var second = await emulator.ExpectAsync(HttpMethod.Get, ConfigMaps + "?limit=3&continue=" + Uri.EscapeDataString(token), null, HttpStatusCode.OK);
        seen.AddRange(second["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Null(second["metadata"]!["continue"]);
        Assert.Equal(["a", "b", "c", "d"], seen);
    }

    [Fact]
    public async Task Resource_version_match_without_resource_version_is_invalid()
    {
        await using var emulator = await WithLabelledConfigMapsAsync();
        var response = await emulator.SendAsync(HttpMethod.Get, ConfigMaps + "?resourceVersionMatch=NotOlderThan");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
    }

    [Fact]
    public async Task Cluster_wide_list_of_a_namespaced_kind_spans_namespaces()
    {
        await using var emulator = await WithLabelledConfigMapsAsync();
        await emulator.ExpectAsync(HttpMethod.Post, "/api/v1/namespaces/kube-system/configmaps", TestData.ConfigMap("z", "kube-system"), HttpStatusCode.Created);
        var list = await emulator.ExpectAsync(HttpMethod.Get, "/api/v1/configmaps", null, HttpStatusCode.OK);
        Assert.Equal(5, list["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Table_lists_use_printer_columns_and_carry_the_list_resource_version()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("w1");
        await emulator.ExpectAsync(HttpMethod.Patch, Emulator.WidgetsPath + "/w1/status",
            JsonNode.Parse("""{"status":{"conditions":[{"type":"Ready","status":"True"}]}}"""), HttpStatusCode.OK, "application/merge-patch+json");
        var table = await emulator.ExpectAsync(HttpMethod.Get, Emulator.WidgetsPath + "?limit=500", null, HttpStatusCode.OK,
            accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json");
        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal(["Name", "Ready", "Size", "Age"], table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("w1", cells[0]!.GetValue<string>());
        Assert.Equal("True", cells[1]!.GetValue<string>());
        Assert.Equal(3, cells[2]!.GetValue<long>());
        Assert.Matches("^[0-9]+s$", cells[3]!.GetValue<string>());
        Assert.Equal("PartialObjectMetadata", table["rows"]![0]!["object"]!["kind"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(table["metadata"]!["resourceVersion"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(5, "5s")]
    [InlineData(150, "2m30s")]
    [InlineData(900, "15m")]
    [InlineData(4 * 3600 + 60, "4h1m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 3600, "3d1h")]
    [InlineData(40 * 86400, "40d")]
    public void Ages_print_like_kubectl(int seconds, string expected) =>
        Assert.Equal(expected, Http.TableConverter.HumanDuration(TimeSpan.FromSeconds(seconds)));
}
