using System.Net;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Tests.Support;

namespace ContactOperator.Emulators.Kubernetes.Tests;

public sealed class SchemaTests
{
    private const string Widgets = Emulator.WidgetsPath;

    [Fact]
    public async Task Unknown_fields_are_pruned_with_a_warning_by_default()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var widget = TestData.Widget("w1");
        widget["spec"]!["extra"] = "x";
        widget["topLevel"] = 1;
        var response = await emulator.SendAsync(HttpMethod.Post, Widgets, widget);
        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Null(response.Body!["spec"]!["extra"]);
        Assert.Null(response.Body["topLevel"]);
        Assert.Contains(response.Warnings, w => w.Contains("unknown field \\\"spec.extra\\\"", StringComparison.Ordinal) || w.Contains("unknown field \"spec.extra\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Strict_field_validation_refuses_unknown_fields_with_the_decoder_message()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var widget = TestData.Widget("w1");
        widget["spec"]!["extra"] = "x";
        var response = await emulator.SendAsync(HttpMethod.Post, Widgets + "?fieldValidation=Strict", widget);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.extra\"", response.Message);
    }

    [Fact]
    public async Task Preserve_unknown_fields_keeps_arbitrary_content()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var widget = TestData.Widget("w1");
        widget["spec"]!["settings"] = JsonNode.Parse("""{"anything":{"goes":[1,2,3]}}""");
        var created = await emulator.ExpectAsync(HttpMethod.Post, Widgets + "?fieldValidation=Strict", widget, HttpStatusCode.Created);
        Assert.Equal(3, created["spec"]!["settings"]!["anything"]!["goes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Defaults_are_applied_where_the_parent_exists()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var created = await emulator.CreateWidgetAsync("w1");
        Assert.Equal(3, created["spec"]!["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task Schema_violations_are_one_422_with_a_cause_per_field()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var widget = TestData.Widget("w1", color: "purple", region: "nowhere");
        widget["spec"]!["size"] = 15;
        widget["spec"]!["tags"] = new JsonArray("a", "b", "c", "d");
        var response = await emulator.SendAsync(HttpMethod.Post, Widgets, widget);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal("Invalid", response.Reason);
        var causes = response.Body!["details"]!["causes"]!.AsArray().ToDictionary(c => c!["field"]!.GetValue<string>(), c => c!);
        Assert.Equal("FieldValueNotSupported", causes["spec.color"]["reason"]!.GetValue<string>());
        Assert.Equal("Unsupported value: \"purple\": supported values: \"red\", \"green\", \"blue\"", causes["spec.color"]["message"]!.GetValue<string>());
        Assert.Equal("Invalid value: \"nowhere\": spec.region in body should match '^[a-z]{2}-[a-z]+-[0-9]$'", causes["spec.region"]["message"]!.GetValue<string>());
        Assert.Equal("Invalid value: 15: spec.size in body should be less than or equal to 10", causes["spec.size"]["message"]!.GetValue<string>());
        Assert.Equal("FieldValueTooMany", causes["spec.tags"]["reason"]!.GetValue<string>());
        Assert.StartsWith("Widget.test.contact-operator.io \"w1\" is invalid: [", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_values_are_quoted_as_go_prints_them_not_json_escaped()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var response = await emulator.SendAsync(HttpMethod.Post, Widgets, TestData.Widget("w1", region: "CET+1 <\"é\">\t"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        var cause = Assert.Single(response.Body!["details"]!["causes"]!.AsArray());
        Assert.Equal("Invalid value: \"CET+1 <\\\"é\\\">\\t\": spec.region in body should match '^[a-z]{2}-[a-z]+-[0-9]$'", cause!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Required_fields_and_types_are_checked()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var widget = TestData.Widget("w1");
        widget["spec"]!.AsObject().Remove("region");
        widget["spec"]!["size"] = "big";
        var response = await emulator.SendAsync(HttpMethod.Post, Widgets, widget);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        var causes = response.Body!["details"]!["causes"]!.AsArray();
        Assert.Contains(causes, c => c!["field"]!.GetValue<string>() == "spec.region" && c["reason"]!.GetValue<string>() == "FieldValueRequired");
        Assert.Contains(causes, c => c!["field"]!.GetValue<string>() == "spec.size" && c["reason"]!.GetValue<string>() == "FieldValueTypeInvalid");
    }

    [Fact]
    public async Task Max_length_and_min_items_are_enforced()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var widget = TestData.Widget("w1");
        widget["spec"]!["tags"] = new JsonArray("this-tag-is-far-too-long");
        var response = await emulator.SendAsync(HttpMethod.Post, Widgets, widget);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        var cause = Assert.Single(response.Body!["details"]!["causes"]!.AsArray());
        Assert.Equal("FieldValueTooLong", cause!["reason"]!.GetValue<string>());
        Assert.Equal("spec.tags[0]", cause["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Transition_rules_run_only_on_update_and_report_their_message()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        await emulator.CreateWidgetAsync("w1", region: "eu-west-1");
        var response = await emulator.SendAsync(HttpMethod.Patch, Widgets + "/w1",
            JsonNode.Parse("""{"spec":{"region":"us-east-1"}}"""), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal("Widget.test.contact-operator.io \"w1\" is invalid: spec.region: Invalid value: \"string\": region is immutable", response.Message);

        // an unchanged value passes, other fields may change
        await emulator.ExpectAsync(HttpMethod.Patch, Widgets + "/w1", JsonNode.Parse("""{"spec":{"color":"blue","region":"eu-west-1"}}"""),
            HttpStatusCode.OK, "application/merge-patch+json");
    }

    [Fact]
    public async Task Cel_rules_without_old_self_run_on_create()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var widget = TestData.Widget("w1", color: "blue");
        widget["spec"]!["size"] = 1;
        var response = await emulator.SendAsync(HttpMethod.Post, Widgets, widget);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Contains("blue widgets need size of at least 2", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_label_values_are_validated()
    {
        await using var emulator = await Emulator.StartWithWidgetsAsync();
        var widget = TestData.Widget("w1");
        widget["metadata"]!["labels"] = new JsonObject { ["ok"] = new string('x', 64) };
        var response = await emulator.SendAsync(HttpMethod.Post, Widgets, widget);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal("metadata.labels", response.Body!["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }
}
