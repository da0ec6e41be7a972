using System.Net;
using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Arc.DataPlane;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;

namespace ContactOperator.Aws.Tests.Arc;

public sealed class ArcClusterRotationTests
{
    private static readonly string[] Regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "ap-southeast-2"];
    private const string ControlArn = "arn:aws:route53-recovery-control::123456789012:controlpanel/p/routingcontrol/rc";

    private static List<ClusterEndpoint> Endpoints() =>
        Regions.Select((region, i) => new ClusterEndpoint { Endpoint = $"https://ep{i}.example.invalid/v1", Region = region }).ToList();

    private static int EndpointIndex(RecordedRequest request) => request.Uri.Host[2] - '0';

    [Fact]
    public async Task Update_succeeds_with_four_of_five_endpoints_down_and_sticks_to_the_one_that_answers()
    {
        var clock = TestClients.NewClock();
        var handler = new StubHttpHandler(async (request, _, ct) =>
        {
            switch (EndpointIndex(request))
            {
                case 0:
                    return StubHttpHandler.Error(HttpStatusCode.ServiceUnavailable, "EndpointTemporarilyUnavailableException");
                case 1:
                    throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused");
                case 2:
                    await Task.Delay(Timeout.Infinite, ct); // black hole: only the per-endpoint timeout ends it
                    throw new InvalidOperationException();
                case 3:
                    return StubHttpHandler.Error(HttpStatusCode.InternalServerError, "InternalServerException");
                default:
                    return StubHttpHandler.Json(HttpStatusCode.OK, "{}");
            }
        });
        using var client = new ArcClusterClient(Endpoints(), TestClients.Options(clock, handler: handler) with { ServiceUrl = null });
        var update = new UpdateRoutingControlStatesRequest
        {
            UpdateRoutingControlStateEntries = [new UpdateRoutingControlStateEntry { RoutingControlArn = ControlArn, RoutingControlState = RoutingControlState.Off }],
        };

        var call = client.UpdateRoutingControlStatesAsync(update);
        await Eventually.TrueAsync(() => handler.Requests.Count == 3, "third endpoint reached");
        clock.Advance(TimeSpan.FromSeconds(2)); // the default per-endpoint timeout
        await call;

        Assert.Equal([0, 1, 2, 3, 4], handler.Requests.Select(EndpointIndex));
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains($"/{Regions[i]}/route53-recovery-cluster/aws4_request", handler.Requests[i].Headers["Authorization"], StringComparison.Ordinal);
        }

        var sent = handler.Requests[4];
        Assert.Equal("/v1", sent.Uri.AbsolutePath);
        Assert.Equal("ToggleCustomerAPI.UpdateRoutingControlStates", sent.Headers["X-Amz-Target"]);
        Assert.StartsWith("application/x-amz-json-1.0", sent.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal($$"""{"UpdateRoutingControlStateEntries":[{"RoutingControlArn":"{{ControlArn}}","RoutingControlState":"Off"}]}""", sent.Body);

        await client.UpdateRoutingControlStatesAsync(update);
        Assert.Equal(4, EndpointIndex(handler.Requests[^1])); // the next call starts at the endpoint that answered
        Assert.Equal(6, handler.Requests.Count);
    }

    [Fact]
    public async Task Validation_and_safety_rule_errors_are_final_and_not_sent_to_other_endpoints()
    {
        var clock = TestClients.NewClock();
        var handler = StubHttpHandler.Sequence(() => StubHttpHandler.Json(
            HttpStatusCode.Conflict,
            """{"__type":"ConflictException","message":"blocked by safety rule arn:aws:route53-recovery-control::123456789012:controlpanel/p/safetyrule/s"}"""));
        using var client = new ArcClusterClient(Endpoints(), TestClients.Options(clock, handler: handler) with { ServiceUrl = null });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.UpdateRoutingControlStatesAsync(new UpdateRoutingControlStatesRequest
        {
            UpdateRoutingControlStateEntries = [new UpdateRoutingControlStateEntry { RoutingControlArn = ControlArn, RoutingControlState = RoutingControlState.Off }],
        }));

        Assert.Single(handler.Requests);
        Assert.Equal("ConflictException", error.ErrorCode);
        Assert.Equal(AwsErrorClass.Conflict, error.Class);
        Assert.Contains("safetyrule", error.AwsMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_endpoints_down_fails_as_transient_after_trying_each_once()
    {
        var clock = TestClients.NewClock();
        var handler = StubHttpHandler.Sequence(() => StubHttpHandler.Error(HttpStatusCode.ServiceUnavailable, "EndpointTemporarilyUnavailableException"));
        using var client = new ArcClusterClient(Endpoints(), TestClients.Options(clock, handler: handler) with { ServiceUrl = null });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.GetRoutingControlStateAsync(new GetRoutingControlStateRequest { RoutingControlArn = ControlArn }));

        Assert.Equal(5, handler.Requests.Count);
        Assert.Equal(5, error.Attempts);
        Assert.Equal(AwsErrorClass.Transient, error.Class);
    }

    [Fact]
    public void Endpoints_must_be_absolute_urls_with_regions()
    {
        var options = TestClients.Options(TestClients.NewClock());
        Assert.Throws<ArgumentException>(() => new ArcClusterClient([], options));
        Assert.Throws<ArgumentException>(() => new ArcClusterClient([new ClusterEndpoint { Endpoint = "/relative", Region = "us-east-1" }], options));
        Assert.Throws<ArgumentException>(() => new ArcClusterClient([new ClusterEndpoint { Endpoint = "https://x/v1" }], options));
    }
}
