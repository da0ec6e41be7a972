using System.Net;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;

namespace ContactOperator.Aws.Tests.Core;

public sealed class RetryTests
{
    private static readonly DescribeQueueRequest Describe = new() { InstanceId = "i-1", QueueId = "q-1" };
    private static readonly CreateQueueRequest Create = new() { InstanceId = "i-1", Name = "Sales", HoursOfOperationId = "h-1" };
    private const string QueueJson = """{"Queue":{"QueueId":"q-1","Name":"Sales"}}""";

    [Fact]
    public async Task Throttling_is_retried_with_exponential_backoff_then_succeeds()
    {
        var clock = TestClients.NewClock();
        var sentAt = new List<DateTimeOffset>();
        var handler = new StubHttpHandler((_, n, _) =>
        {
            lock (sentAt)
            {
                sentAt.Add(clock.GetUtcNow());
            }

            return Task.FromResult(n < 2
                ? StubHttpHandler.Error(HttpStatusCode.TooManyRequests, "ThrottlingException", "Rate exceeded")
                : StubHttpHandler.Json(HttpStatusCode.OK, QueueJson));
        });
        using var client = new ConnectClient(TestClients.Options(clock, handler: handler));

        var call = client.DescribeQueueAsync(Describe);
        await Eventually.TrueAsync(() => handler.Requests.Count == 1, "first attempt");
        clock.Advance(TimeSpan.FromMilliseconds(99));
        await Polling.SettleAsync();
        Assert.Single(handler.Requests); // full-jitter ceiling for the first retry is 100 ms (jitter pinned to 1.0)
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => handler.Requests.Count == 2, "second attempt after 100 ms");
        clock.Advance(TimeSpan.FromMilliseconds(199));
        await Polling.SettleAsync();
        Assert.Equal(2, handler.Requests.Count);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var response = await call;

        Assert.Equal("Sales", response.Queue!.Name);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], [sentAt[1] - sentAt[0], sentAt[2] - sentAt[1]]);
    }

    [Fact]
    public void Backoff_is_full_jitter_capped_at_20_seconds()
    {
        var policy = new RetryPolicy(maxAttempts: 10, random: () => 0.5);
        Assert.Equal(TimeSpan.FromMilliseconds(50), policy.Backoff(1));
        Assert.Equal(TimeSpan.FromMilliseconds(400), policy.Backoff(4));
        Assert.Equal(TimeSpan.FromSeconds(10), policy.Backoff(20)); // 0.5 × the 20 s cap
        Assert.Equal(TimeSpan.Zero, new RetryPolicy(random: () => 0).Backoff(3));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "InternalServiceException")]
    [InlineData(HttpStatusCode.BadGateway, null)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException")]
    public async Task Server_errors_on_reads_are_retried(HttpStatusCode status, string? code)
    {
        var clock = TestClients.NewClock();
        var handler = StubHttpHandler.Sequence(
            () => code is null ? new HttpResponseMessage(status) { Content = new StringContent("<html>bad gateway</html>") } : StubHttpHandler.Error(status, code),
            () => StubHttpHandler.Json(HttpStatusCode.OK, QueueJson));
        using var client = new ConnectClient(TestClients.Options(clock, handler: handler));

        var response = await TestClients.RunWithClockAsync(clock, () => client.DescribeQueueAsync(Describe));

        Assert.Equal("q-1", response.Queue!.QueueId);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Server_error_on_a_create_without_idempotency_token_is_not_retried()
    {
        var clock = TestClients.NewClock();
        var handler = StubHttpHandler.Sequence(() => StubHttpHandler.Error(HttpStatusCode.InternalServerError, "InternalServiceException"));
        using var client = new ConnectClient(TestClients.Options(clock, handler: handler));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => TestClients.RunWithClockAsync(clock, () => client.CreateQueueAsync(Create)));

        Assert.Single(handler.Requests); // the queue may exist now; a second CreateQueue could make a duplicate
        Assert.Equal(AwsErrorClass.Transient, error.Class);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task Server_error_on_a_create_with_client_token_is_retried_with_the_same_token()
    {
        var clock = TestClients.NewClock();
        var handler = StubHttpHandler.Sequence(
            () => StubHttpHandler.Error(HttpStatusCode.InternalServerError, "InternalServiceException"),
            () => StubHttpHandler.Json(HttpStatusCode.OK, """{"Id":"i-1","Arn":"arn:aws:connect:us-east-1:123456789012:instance/i-1"}"""));
        using var client = new ConnectClient(TestClients.Options(clock, handler: handler));
        var token = ClientTokens.FromUid("3f1b7c4e-uid", "create-instance");

        var response = await TestClients.RunWithClockAsync(clock, () => client.CreateInstanceAsync(new CreateInstanceRequest
        {
            ClientToken = token,
            IdentityManagementType = DirectoryType.ConnectManaged,
            InstanceAlias = "acme",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = false,
        }));

        Assert.Equal("i-1", response.Id);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Contains($"\"ClientToken\":\"{token}\"", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_omitted_client_token_is_generated_once_and_reused_by_retries()
    {
        var clock = TestClients.NewClock();
        var handler = StubHttpHandler.Sequence(
            () => StubHttpHandler.Error(HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException"),
            () => StubHttpHandler.Json(HttpStatusCode.OK, """{"Id":"i-2"}"""));
        using var client = new ConnectClient(TestClients.Options(clock, handler: handler));

        await TestClients.RunWithClockAsync(clock, () => client.ReplicateInstanceAsync(new ReplicateInstanceRequest
        {
            InstanceId = "i-1",
            ReplicaRegion = "us-west-2",
            ReplicaAlias = "acme-west",
        }));

        var tokens = handler.Requests.Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("ClientToken").GetString()).ToList();
        Assert.Equal(2, tokens.Count);
        Assert.False(string.IsNullOrEmpty(tokens[0]));
        Assert.Equal(tokens[0], tokens[1]);
    }

    [Fact]
    public async Task Throttling_on_a_create_is_retried_because_AWS_did_not_process_it()
    {
        var clock = TestClients.NewClock();
        var handler = StubHttpHandler.Sequence(
            () => StubHttpHandler.Error(HttpStatusCode.TooManyRequests, "TooManyRequestsException"),
            () => StubHttpHandler.Json(HttpStatusCode.OK, """{"QueueId":"q-9","QueueArn":"arn"}"""));
        using var client = new ConnectClient(TestClients.Options(clock, handler: handler));

        var response = await TestClients.RunWithClockAsync(clock, () => client.CreateQueueAsync(Create));

        Assert.Equal("q-9", response.QueueId);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "InvalidParameterException", AwsErrorClass.InvalidInput)]
    [InlineData(HttpStatusCode.BadRequest, "InvalidRequestException", AwsErrorClass.InvalidInput)]
    [InlineData(HttpStatusCode.NotFound, "ResourceNotFoundException", AwsErrorClass.NotFound)]
    [InlineData(HttpStatusCode.Conflict, "DuplicateResourceException", AwsErrorClass.Conflict)]
    [InlineData(HttpStatusCode.PaymentRequired, "ServiceQuotaExceededException", AwsErrorClass.QuotaExceeded)]
    public async Task Client_errors_are_not_retried_and_are_classified(HttpStatusCode status, string code, AwsErrorClass expected)
    {
        var clock = TestClients.NewClock();
        var handler = StubHttpHandler.Sequence(() => StubHttpHandler.Error(status, code, "you asked for something wrong"));
        using var client = new ConnectClient(TestClients.Options(clock, handler: handler));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => TestClients.RunWithClockAsync(clock, () => client.DescribeQueueAsync(Describe)));

        Assert.Single(handler.Requests);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal((int)status, error.HttpStatusCode);
        Assert.Equal(expected, error.Class);
        Assert.Equal("you asked for something wrong", error.AwsMessage);
        Assert.StartsWith("req-", error.RequestId, StringComparison.Ordinal);
        Assert.Contains("DescribeQueue", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gives_up_after_three_attempts()
    {
        var clock = TestClients.NewClock();
        var handler = StubHttpHandler.Sequence(() => StubHttpHandler.Error(HttpStatusCode.InternalServerError, "InternalServiceException"));
        using var client = new ConnectClient(TestClients.Options(clock, handler: handler));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => TestClients.RunWithClockAsync(clock, () => client.DescribeQueueAsync(Describe)));

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(AwsErrorClass.Transient, error.Class);
    }

    [Fact]
    public async Task Retry_budget_stops_a_retry_storm_during_an_outage_and_refills_on_success()
    {
        var clock = TestClients.NewClock();
        var outage = true;
        var handler = new StubHttpHandler((_, _, _) => Task.FromResult(Volatile.Read(ref outage)
            ? StubHttpHandler.Error(HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException")
            : StubHttpHandler.Json(HttpStatusCode.OK, QueueJson)));
        var budget = new RetryBudget();
        var options = TestClients.Options(clock, handler: handler) with { RetryBudget = budget, EnableRateLimits = false };
        using var client = new ConnectClient(options);

        for (var call = 0; call < 100; call++)
        {
            await Assert.ThrowsAsync<AwsServiceException>(() => TestClients.RunWithClockAsync(clock, () => client.DescribeQueueAsync(Describe)));
        }

        // 500 tokens pay for 100 retries (5 each): the first 50 calls retry twice, the last 50 are not retried at all.
        Assert.Equal(50 * 3 + 50 * 1, handler.Requests.Count);
        Assert.Equal(0, budget.Available);
        Assert.Equal(50, options.Metrics!.RetryBudgetExhausted.WithLabels("Connect", "DescribeQueue").Value);

        Volatile.Write(ref outage, false);
        await client.DescribeQueueAsync(Describe);
        Assert.Equal(1, budget.Available); // a first-try success adds one token back
    }

    [Fact]
    public async Task Timed_out_read_is_retried_at_the_timeout_cost()
    {
        var clock = TestClients.NewClock();
        var handler = new StubHttpHandler(async (_, n, ct) =>
        {
            if (n == 0)
            {
                await Task.Delay(Timeout.Infinite, ct); // never answers; our attempt timeout cancels it
            }

            return StubHttpHandler.Json(HttpStatusCode.OK, QueueJson);
        });
        var budget = new RetryBudget();
        using var client = new ConnectClient(TestClients.Options(clock, handler: handler) with { RetryBudget = budget, AttemptTimeout = TimeSpan.FromSeconds(5) });

        var call = client.DescribeQueueAsync(Describe);
        await Eventually.TrueAsync(() => handler.Requests.Count == 1, "first attempt");
        clock.Advance(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => budget.Available == 490, "timeout retry charged 10 tokens");
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await call;

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(500, budget.Available); // the success refunds its retry's cost
    }

    [Fact]
    public async Task Timed_out_create_is_not_retried()
    {
        var clock = TestClients.NewClock();
        var handler = new StubHttpHandler(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return StubHttpHandler.Json(HttpStatusCode.OK, "{}");
        });
        using var client = new ConnectClient(TestClients.Options(clock, handler: handler) with { AttemptTimeout = TimeSpan.FromSeconds(5) });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => TestClients.RunWithClockAsync(clock, () => client.CreateQueueAsync(Create), TimeSpan.FromSeconds(1)));

        Assert.Single(handler.Requests);
        Assert.Equal(AwsErrorClassifier.RequestTimeout, error.ErrorCode);
        Assert.Equal(0, error.HttpStatusCode);
        Assert.Equal(AwsErrorClass.Transient, error.Class);
    }

    [Fact]
    public async Task Connection_refused_is_retried_even_for_a_create_because_nothing_was_sent()
    {
        var clock = TestClients.NewClock();
        var handler = new StubHttpHandler((_, n, _) => n == 0
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")
            : Task.FromResult(StubHttpHandler.Json(HttpStatusCode.OK, """{"QueueId":"q-3"}""")));
        using var client = new ConnectClient(TestClients.Options(clock, handler: handler));

        var response = await TestClients.RunWithClockAsync(clock, () => client.CreateQueueAsync(Create));

        Assert.Equal("q-3", response.QueueId);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Connection_reset_after_sending_a_create_is_not_retried()
    {
        var clock = TestClients.NewClock();
        var handler = new StubHttpHandler((_, _, _) => throw new HttpRequestException(HttpRequestError.ResponseEnded, "response ended prematurely"));
        using var client = new ConnectClient(TestClients.Options(clock, handler: handler));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => TestClients.RunWithClockAsync(clock, () => client.CreateQueueAsync(Create)));

        Assert.Single(handler.Requests);
        Assert.Equal(AwsErrorClassifier.NetworkError, error.ErrorCode);
    }

    [Fact]
    public async Task Metrics_count_each_attempt_by_code()
    {
        var clock = TestClients.NewClock();
        var handler = StubHttpHandler.Sequence(
            () => StubHttpHandler.Error(HttpStatusCode.TooManyRequests, "ThrottlingException"),
            () => StubHttpHandler.Json(HttpStatusCode.OK, QueueJson));
        var options = TestClients.Options(clock, handler: handler);
        using var client = new ConnectClient(options);

        await TestClients.RunWithClockAsync(clock, () => client.DescribeQueueAsync(Describe));

        var metrics = options.Metrics!;
        Assert.Equal(1, metrics.Requests.WithLabels("Connect", "DescribeQueue", "ThrottlingException").Value);
        Assert.Equal(1, metrics.Requests.WithLabels("Connect", "DescribeQueue", AwsMetrics.SuccessCode).Value);
        Assert.Equal(1, metrics.Throttles.WithLabels("Connect", "DescribeQueue").Value);
        Assert.Equal(1, metrics.Retries.WithLabels("Connect", "DescribeQueue", "ThrottlingException").Value);
        Assert.Equal(2, metrics.Duration.WithLabels("Connect", "DescribeQueue").Count);
    }
}
