using System.Net;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Tests.Support;

namespace ContactOperator.Emulators.Kubernetes.Tests;

/// <summary>CRD features beyond the basic widget: multiple versions, scale, cluster scope, list-type maps, richer CEL.</summary>
public sealed class CrdFeatureTests
{
    private static JsonObject Gadgets() => Yaml.ToJson("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gadgets.test.contact-operator.io
        spec:
          group: test.contact-operator.io
          scope: Cluster
          names: {plural: gadgets, singular: gadget, kind: Gadget}
          versions:
          - name: v1beta1
            served: true
            storage: false
            deprecated: true
            deprecationWarning: test.contact-operator.io/v1beta1 Gadget is deprecated; use v1
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
              scale:
                specReplicasPath: .spec.replicas
                statusReplicasPath: .status.replicas
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-validations:
                    - rule: "!has(self.ports) || self.ports.all(p, p.port > 1024)"
                      message: ports must be unprivileged
                    - rule: "size(self.name) <= 8"
                      messageExpression: "'name ' + self.name + ' is longer than 8'"
                    properties:
                      name: {type: string}
                      replicas: {type: integer}
                      ports:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items:
                          type: object
                          required: [name]
                          properties:
                            name: {type: string}
                            port: {type: integer}
                  status:
                    type: object
                    properties:
                      replicas: {type: integer}
        """);

    private static async Task<Emulator> StartAsync()
    {
        var emulator = await Emulator.StartAsync();
        await emulator.ExpectAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Gadgets(), HttpStatusCode.Created);
        return emulator;
    }

    private static JsonObject Gadget(string name, string apiVersion = "test.contact-operator.io/v1") => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = "Gadget",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["name"] = "g", ["replicas"] = 1, ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = 8080 }) },
    };

    [Fact]
    public async Task Every_served_version_reads_the_same_objects_and_deprecated_versions_warn()
    {
        await using var emulator = await StartAsync();
        await emulator.ExpectAsync(HttpMethod.Post, "/apis/test.contact-operator.io/v1/gadgets", Gadget("g1"), HttpStatusCode.Created);
        var old = await emulator.SendAsync(HttpMethod.Get, "/apis/test.contact-operator.io/v1beta1/gadgets/g1");
        Assert.Equal(HttpStatusCode.OK, old.Status);
        Assert.Equal("test.contact-operator.io/v1beta1", old.Body!["apiVersion"]!.GetValue<string>());
        Assert.Contains(old.Warnings, w => w.Contains("v1beta1 Gadget is deprecated", StringComparison.Ordinal));
        var group = await emulator.ExpectAsync(HttpMethod.Get, "/apis/test.contact-operator.io", null, HttpStatusCode.OK);
        Assert.Equal("v1", group["preferredVersion"]!["version"]!.GetValue<string>());
        Assert.Equal(["v1", "v1beta1"], group["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_scale_subresource_maps_replicas_paths()
    {
        await using var emulator = await StartAsync();
        await emulator.ExpectAsync(HttpMethod.Post, "/apis/test.contact-operator.io/v1/gadgets", Gadget("g1"), HttpStatusCode.Created);
        var scale = await emulator.ExpectAsync(HttpMethod.Get, "/apis/test.contact-operator.io/v1/gadgets/g1/scale", null, HttpStatusCode.OK);
        Assert.Equal("Scale", scale["kind"]!.GetValue<string>());
        Assert.Equal(1, scale["spec"]!["replicas"]!.GetValue<int>());
        await emulator.ExpectAsync(HttpMethod.Patch, "/apis/test.contact-operator.io/v1/gadgets/g1/scale", JsonNode.Parse("""{"spec":{"replicas":4},"status":{"replicas":99}}"""),
            HttpStatusCode.OK, "application/merge-patch+json");
        var gadget = await emulator.ExpectAsync(HttpMethod.Get, "/apis/test.contact-operator.io/v1/gadgets/g1", null, HttpStatusCode.OK);
        Assert.Equal(4, gadget["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cel_macros_size_has_and_message_expressions_are_evaluated()
    {
        await using var emulator = await StartAsync();
        var privileged = Gadget("g1");
        privileged["spec"]!["ports"]![0]!["port"] = 80;
        privileged["spec"]!["name"] = "much-too-long";
        var response = await emulator.SendAsync(HttpMethod.Post, "/apis/test.contact-operator.io/v1/gadgets", privileged);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Contains("ports must be unprivileged", response.Message, StringComparison.Ordinal);
        Assert.Contains("name much-too-long is longer than 8", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_type_map_rejects_duplicate_keys_and_server_side_apply_merges_items_by_key()
    {
        await using var emulator = await StartAsync();
        var duplicate = Gadget("g0");
        duplicate["spec"]!["ports"]!.AsArray().Add(new JsonObject { ["name"] = "http", ["port"] = 9090 });
        var refused = await emulator.SendAsync(HttpMethod.Post, "/apis/test.contact-operator.io/v1/gadgets", duplicate);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("FieldValueDuplicate", refused.Body!["details"]!["causes"]![0]!["reason"]!.GetValue<string>());

        const string path = "/apis/test.contact-operator.io/v1/gadgets/g1";
        await emulator.ExpectAsync(HttpMethod.Patch, path + "?fieldManager=a", Gadget("g1"), HttpStatusCode.Created, "application/apply-patch+yaml");
        var second = new JsonObject
        {
            ["apiVersion"] = "test.contact-operator.io/v1", ["kind"] = "Gadget", ["metadata"] = new JsonObject { ["name"] = "g1" },
            ["spec"] = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["name"] = "metrics", ["port"] = 9090 }) },
        };
        var merged = await emulator.ExpectAsync(HttpMethod.Patch, path + "?fieldManager=b", second, HttpStatusCode.OK, "application/apply-patch+yaml");
        Assert.Equal(["http", "metrics"], merged["spec"]!["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Cluster_scoped_custom_resources_have_no_namespace()
    {
        await using var emulator = await StartAsync();
        var created = await emulator.ExpectAsync(HttpMethod.Post, "/apis/test.contact-operator.io/v1/gadgets", Gadget("g1"), HttpStatusCode.Created);
        Assert.Null(created["metadata"]!["namespace"]);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.SendAsync(HttpMethod.Get, "/apis/test.contact-operator.io/v1/namespaces/default/gadgets")).Status);
    }
}
