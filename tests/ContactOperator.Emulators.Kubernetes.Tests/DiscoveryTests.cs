using System.Net;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Tests.Support;

namespace ContactOperator.Emulators.Kubernetes.Tests;

public sealed class DiscoveryTests
{
    private const string AggregatedAccept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    [Fact]
    public async Task Version_reports_a_semver_git_version()
    {
        await using var emulator = await Emulator.StartAsync();
        var version = await emulator.ExpectAsync(HttpMethod.Get, "/version", null, HttpStatusCode.OK);
        Assert.Equal("v1.33.0", version["gitVersion"]!.GetValue<string>());
        Assert.Equal("1", version["major"]!.GetValue<string>());
    }

    [Fact]
    public async Task Default_namespaces_exist()
    {
        await using var emulator = await Emulator.StartAsync();
        var list = await emulator.ExpectAsync(HttpMethod.Get, "/api/v1/namespaces", null, HttpStatusCode.OK);
        var names = list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system"], names);
        Assert.All(list["items"]!.AsArray(), ns => Assert.Equal("Active", ns!["status"]!["phase"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Aggregated_discovery_is_answered_with_the_v2_content_type_on_both_roots()
    {
        await using var emulator = await Emulator.StartAsync();
        var core = await emulator.SendAsync(HttpMethod.Get, "/api", accept: AggregatedAccept);
        var groups = await emulator.SendAsync(HttpMethod.Get, "/apis", accept: AggregatedAccept);
        Assert.Contains("as=APIGroupDiscoveryList", core.ContentType, StringComparison.Ordinal);
        Assert.Contains("as=APIGroupDiscoveryList", groups.ContentType, StringComparison.Ordinal);
        var coreGroup = Assert.Single(core.Body!["items"]!.AsArray());
        Assert.Equal("", coreGroup!["metadata"]!["name"]!.GetValue<string>());
        var secrets = coreGroup["versions"]![0]!["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "secrets");
        Assert.Equal("Namespaced", secrets!["scope"]!.GetValue<string>());
        Assert.Equal("Secret", secrets["responseKind"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Legacy_discovery_is_plain_json_without_the_aggregated_accept()
    {
        await using var emulator = await Emulator.StartAsync();
        var core = await emulator.SendAsync(HttpMethod.Get, "/api");
        Assert.StartsWith("application/json", core.ContentType, StringComparison.Ordinal);
        Assert.DoesNotContain("APIGroupDiscoveryList", core.ContentType, StringComparison.Ordinal);
        Assert.Equal("APIVersions", core.Body!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_created_crd_is_established_and_served_with_names_and_subresources_in_discovery()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var crd = await emulator.ExpectAsync(HttpMethod.Get, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.test.contact-operator.io", null, HttpStatusCode.OK);
        var conditions = crd["status"]!["conditions"]!.AsArray();
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "Established" && c["status"]!.GetValue<string>() == "True");
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "NamesAccepted" && c["status"]!.GetValue<string>() == "True");
        Assert.Equal("v1", crd["status"]!["storedVersions"]![0]!.GetValue<string>());

        var resources = await emulator.ExpectAsync(HttpMethod.Get, "/apis/test.contact-operator.io/v1", null, HttpStatusCode.OK);
        var names = resources["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["widgets", "widgets/status"], names);
        var widgets = resources["resources"]![0]!;
        Assert.Equal("wd", widgets["shortNames"]![0]!.GetValue<string>());
        Assert.Contains("all", widgets["categories"]!.AsArray().Select(c => c!.GetValue<string>()));

        var group = await emulator.ExpectAsync(HttpMethod.Get, "/apis/test.contact-operator.io", null, HttpStatusCode.OK);
        Assert.Equal("test.contact-operator.io/v1", group["preferredVersion"]!["groupVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_group_versions_are_404_status_objects()
    {
        await using var emulator = await Emulator.StartAsync();
        var response = await emulator.SendAsync(HttpMethod.Get, "/apis/nope.example.com/v1");
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("Status", response.Body!["kind"]!.GetValue<string>());
        Assert.Equal("the server could not find the requested resource", response.Message);
    }

    [Fact]
    public async Task A_crd_whose_name_does_not_match_plural_and_group_is_invalid()
    {
        await using var emulator = await Emulator.StartAsync();
        var crd = TestData.WidgetCrd();
        crd["metadata"]!["name"] = "gadgets.test.contact-operator.io";
        var response = await emulator.SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal("metadata.name", response.Body!["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Openapi_v3_lists_each_group_version_and_the_crd_document_has_a_patch_operation_with_field_validation()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var index = await emulator.ExpectAsync(HttpMethod.Get, "/openapi/v3", null, HttpStatusCode.OK);
        var url = index["paths"]!["apis/test.contact-operator.io/v1"]!["serverRelativeURL"]!.GetValue<string>();
        Assert.NotNull(index["paths"]!["api/v1"]);
        var document = await emulator.ExpectAsync(HttpMethod.Get, url, null, HttpStatusCode.OK);
        var patch = document["paths"]!["/apis/test.contact-operator.io/v1/namespaces/{namespace}/widgets/{name}"]!["patch"]!;
        Assert.Equal("Widget", patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
        Assert.Contains(patch["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation");
        var schema = document["components"]!["schemas"]!["io.contact-operator.test.v1.Widget"]!;
        Assert.Equal("Colour of the widget.", schema["properties"]!["spec"]!["properties"]!["color"]!["description"]!.GetValue<string>());
    }
}
