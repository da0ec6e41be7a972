using System.Net;
using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Aws.Tests;

public sealed class RoutingAndErrorTests
{
    [Fact]
    public async Task Regions_from_the_credential_scope_keep_state_apart()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var (id, arn) = await f.ActiveInstanceAsync("us-east-1");

        Assert.StartsWith("arn:aws:connect:us-east-1:123456789012:instance/", arn, StringComparison.Ordinal);
        (await f.Wire.Connect(HttpMethod.Get, $"instance/{id}", region: "us-east-1")).EnsureOk();
        (await f.Wire.Connect(HttpMethod.Get, $"instance/{id}", region: "us-west-2")).EnsureError("ResourceNotFoundException", HttpStatusCode.NotFound);
        var west = (await f.Wire.Connect(HttpMethod.Get, "instance", region: "us-west-2")).EnsureOk();
        Assert.Empty(west.Body["InstanceSummaryList"]!.AsArray());
        Assert.Contains(f.Control.RequestLog, e => e.Region == "us-west-2" && e.Operation == "ListInstances" && e.Service == "connect");
    }

    [Fact]
    public async Task Missing_authorization_is_refused_like_AWS()
    {
        await using var f = await EmulatorFixture.StartAsync();
        using var http = new HttpClient { BaseAddress = f.Emulator.Endpoint };
        using var response = await http.GetAsync("instance");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("MissingAuthenticationTokenException:", response.Headers.GetValues("x-amzn-ErrorType").Single(), StringComparison.Ordinal);
        Assert.Equal("Missing Authentication Token", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=x")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20261124/us-east-1/connect, SignedHeaders=host, Signature=x")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20261124/us-east-1/connect/aws4_request, Signature=x")]
    public async Task Malformed_authorization_is_an_incomplete_signature(string header)
    {
        await using var f = await EmulatorFixture.StartAsync();
        var answer = await f.Wire.SendAsync(HttpMethod.Get, "instance", null, "us-east-1", "connect", target: null, authorization: header);

        answer.EnsureError("IncompleteSignatureException", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Presigned_query_string_credentials_are_routed_like_the_header()
    {
        await using var f = await EmulatorFixture.StartAsync();
        using var http = new HttpClient { BaseAddress = f.Emulator.Endpoint };
        var credential = Uri.EscapeDataString("AKIDQUERY/20261124/eu-west-2/connect/aws4_request");

        using var response = await http.GetAsync($"instance?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={credential}&X-Amz-Date=20261124T080000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=00");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(f.Control.RequestLog, e => e.Region == "eu-west-2" && e.AccessKeyId == "AKIDQUERY" && e.Operation == "ListInstances");
    }

    [Fact]
    public async Task Unknown_service_and_operation_are_rejected()
    {
        await using var f = await EmulatorFixture.StartAsync();

        (await f.Wire.SendAsync(HttpMethod.Get, "instance", null, "us-east-1", "s3", target: null)).EnsureError("UnknownOperationException", HttpStatusCode.BadRequest);
        (await f.Wire.Connect(HttpMethod.Get, "no-such-path")).EnsureError("UnknownOperationException", HttpStatusCode.NotFound);
        (await f.Wire.SendAsync(HttpMethod.Post, "/", [], "us-east-1", "route53-recovery-cluster", "ToggleCustomerAPI.Nope")).EnsureError("UnknownOperationException", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Missing_required_members_use_the_error_the_operation_declares()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var (id, _) = await f.ActiveInstanceAsync();

        var queue = await f.Wire.Connect(HttpMethod.Put, $"queues/{id}", new JsonObject { ["Name"] = "Q" });
        queue.EnsureError("InvalidParameterException", HttpStatusCode.BadRequest);
        Assert.Contains("'hoursOfOperationId'", queue.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidParameterException", queue.ErrorCode);
        Assert.NotNull(queue.Body["Message"]);

        // CreateInstance declares no InvalidParameterException, so AWS answers InvalidRequestException.
        (await f.Wire.Connect(HttpMethod.Put, "instance", new JsonObject { ["InboundCallsEnabled"] = true }))
            .EnsureError("InvalidRequestException", HttpStatusCode.BadRequest);

        var wrongType = await f.Wire.Connect(HttpMethod.Put, $"queues/{id}", new JsonObject { ["Name"] = "Q", ["HoursOfOperationId"] = "h", ["MaxContacts"] = "ten" });
        wrongType.EnsureError("InvalidParameterException", HttpStatusCode.BadRequest);
        Assert.Contains("maxContacts", wrongType.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arc_errors_use_lowercase_message_and_json_errors_carry_type()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var config = await f.Wire.ArcConfig(HttpMethod.Get, "cluster/" + Uri.EscapeDataString("arn:aws:route53-recovery-control::123456789012:cluster/x"));
        config.EnsureError("ResourceNotFoundException", HttpStatusCode.NotFound);
        Assert.NotNull(config.Body["message"]);

        var cluster = await f.Wire.SendAsync(HttpMethod.Post, "/", [], "us-east-1", "route53-recovery-cluster", "ToggleCustomerAPI.GetRoutingControlState");
        cluster.EnsureError("ValidationException", HttpStatusCode.BadRequest);
        Assert.Equal("com.amazonaws.route53recoverycluster#ValidationException", cluster.Body["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Arns_in_path_labels_are_decoded_as_one_segment()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var (id, arn) = await f.ActiveInstanceAsync();
        var hours = await f.HoursAsync(id);
        var queueId = await f.QueueAsync(id, hours, "Tagged");
        var queueArn = $"{arn}/queue/{queueId}";

        (await f.Wire.Connect(HttpMethod.Post, $"tags/{Uri.EscapeDataString(queueArn)}", new JsonObject { ["tags"] = new JsonObject { ["env"] = "prod" } })).EnsureOk();
        var tags = (await f.Wire.Connect(HttpMethod.Get, $"tags/{Uri.EscapeDataString(queueArn)}")).EnsureOk().Body["tags"]!;

        Assert.Equal("prod", tags["env"]!.GetValue<string>());
        Assert.Equal("prod", f.Control.GetQueue("us-east-1", id, queueId)!["Tags"]!["env"]!.GetValue<string>());
    }
}
