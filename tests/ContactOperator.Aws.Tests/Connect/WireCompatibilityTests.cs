using System.Net;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;

namespace ContactOperator.Aws.Tests.Connect;

public sealed class WireCompatibilityTests
{
    [Fact]
    public async Task Unknown_members_and_enum_values_from_a_newer_AWS_still_parse()
    {
        var handler = StubHttpHandler.Always(HttpStatusCode.OK, """
            {"Queue":{"QueueId":"q-1","Status":"PAUSED_BY_FUTURE_FEATURE","MaxContacts":3,"SomethingNew":{"a":[1,2]},
             "LastModifiedTime":1764000000.25,"Tags":{"k":"v"}},"AlsoNew":true}
            """);
        using var client = new ConnectClient(TestClients.Options(TestClients.NewClock(), handler: handler));

        var queue = (await client.DescribeQueueAsync(new DescribeQueueRequest { InstanceId = "i", QueueId = "q-1" })).Queue!;

        Assert.Equal(("PAUSED_BY_FUTURE_FEATURE", 3, "v"), (queue.Status, queue.MaxContacts, queue.Tags!["k"]));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764000000250), queue.LastModifiedTime);
    }

    [Fact]
    public async Task Paginator_follows_next_tokens_and_stops_on_a_repeated_token()
    {
        var pages = new Queue<string>([
            """{"QueueSummaryList":[{"Id":"a"}],"NextToken":"t1"}""",
            """{"QueueSummaryList":[{"Id":"b"}],"NextToken":"t2"}""",
            """{"QueueSummaryList":[{"Id":"c"}],"NextToken":"t1"}""",
        ]);
        var handler = new StubHttpHandler((_, _, _) => Task.FromResult(StubHttpHandler.Json(HttpStatusCode.OK, pages.Dequeue())));
        using var client = new ConnectClient(TestClients.Options(TestClients.NewClock(), handler: handler) with { EnableRateLimits = false });
        var seen = new List<string>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var queue in client.ListQueuesAllAsync(new ListQueuesRequest { InstanceId = "i", MaxResults = 1 }))
            {
                seen.Add(queue.Id!);
            }
        });

        Assert.Equal(["a", "b", "c"], seen);
        Assert.Contains("t1", error.Message, StringComparison.Ordinal);
        Assert.Equal([null, "t1", "t2"], handler.Requests.Select(r => System.Web.HttpUtility.ParseQueryString(r.Uri.Query)["nextToken"]));
        Assert.All(handler.Requests, r => Assert.Contains("maxResults=1", r.Uri.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_success_body_is_an_InvalidResponse_error()
    {
        var handler = StubHttpHandler.Always(HttpStatusCode.OK, "not json");
        // One attempt only: a garbled body on a read counts as transient and would otherwise be retried after a backoff.
        using var client = new ConnectClient(TestClients.Options(TestClients.NewClock(), handler: handler) with { MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeQueueAsync(new DescribeQueueRequest { InstanceId = "i", QueueId = "q" }));

        Assert.Equal(("InvalidResponse", 200), (error.ErrorCode, error.HttpStatusCode));
        Assert.Contains("response body is not JSON", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Malformed_success_body_on_a_create_is_not_retried_because_the_create_may_have_happened()
    {
        var handler = StubHttpHandler.Always(HttpStatusCode.OK, "{\"QueueArn\":");
        using var client = new ConnectClient(TestClients.Options(TestClients.NewClock(), handler: handler));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.CreateQueueAsync(new CreateQueueRequest { InstanceId = "i", Name = "billing", HoursOfOperationId = "h" }));

        Assert.Equal("InvalidResponse", error.ErrorCode);
        Assert.Single(handler.Requests);
    }
}
