using System.Net;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;

namespace ContactOperator.Aws.Tests.Core;

public sealed class ErrorHandlingTests
{
    [Theory]
    [InlineData("ThrottlingException", 429, AwsErrorClass.Throttling)]
    [InlineData("TooManyRequestsException", 429, AwsErrorClass.Throttling)]
    [InlineData("LimitExceededException", 429, AwsErrorClass.Throttling)]
    [InlineData("LimitExceededException", 400, AwsErrorClass.QuotaExceeded)]
    [InlineData("ServiceQuotaExceededException", 402, AwsErrorClass.QuotaExceeded)]
    [InlineData("ServiceLimitExceededException", 402, AwsErrorClass.QuotaExceeded)]
    [InlineData("DuplicateResourceException", 409, AwsErrorClass.Conflict)]
    [InlineData("ResourceConflictException", 409, AwsErrorClass.Conflict)]
    [InlineData("ResourceInUseException", 409, AwsErrorClass.Conflict)]
    [InlineData("ConflictException", 409, AwsErrorClass.Conflict)]
    [InlineData("ResourceNotFoundException", 404, AwsErrorClass.NotFound)]
    [InlineData("InvalidRequestException", 400, AwsErrorClass.InvalidInput)]
    [InlineData("InvalidParameterException", 400, AwsErrorClass.InvalidInput)]
    [InlineData("ValidationException", 400, AwsErrorClass.InvalidInput)]
    [InlineData("AccessDeniedException", 403, AwsErrorClass.AccessDenied)]
    [InlineData("UnrecognizedClientException", 400, AwsErrorClass.AccessDenied)]
    [InlineData("InvalidSignatureException", 403, AwsErrorClass.AccessDenied)]
    [InlineData("InternalServiceException", 500, AwsErrorClass.Transient)]
    [InlineData("EndpointTemporarilyUnavailableException", 503, AwsErrorClass.Transient)]
    [InlineData("SomethingNew", 503, AwsErrorClass.Transient)]
    [InlineData("SomethingNew", 400, AwsErrorClass.InvalidInput)]
    [InlineData("RequestTimeout", 0, AwsErrorClass.Transient)]
    public void Classifier_maps_codes_and_statuses(string code, int status, AwsErrorClass expected) =>
        Assert.Equal(expected, AwsErrorClassifier.Classify(code, status));

    [Theory]
    [InlineData("The quota of 500 routing profiles per instance has been reached.", AwsErrorClass.QuotaExceeded)]
    [InlineData("The allowed limit for the resource has been exceeded.", AwsErrorClass.QuotaExceeded)]
    [InlineData("Rate exceeded", AwsErrorClass.Throttling)]
    [InlineData("Too many requests: the rate limit for this operation was exceeded.", AwsErrorClass.Throttling)]
    [InlineData("", AwsErrorClass.Throttling)]
    public void Connects_429_LimitExceeded_is_a_quota_when_its_message_names_one(string message, AwsErrorClass expected) =>
        Assert.Equal(expected, AwsErrorClassifier.Classify("LimitExceededException", 429, message));

    [Theory]
    [InlineData("""{"__type":"com.amazonaws.connect#ResourceNotFoundException","message":"gone"}""", null, "ResourceNotFoundException", "gone")]
    [InlineData("""{"code":"InvalidParameterException","Message":"bad"}""", null, "InvalidParameterException", "bad")]
    [InlineData("""{"message":"from header"}""", "DuplicateResourceException:http://internal.amazon.com/coral/com.amazonaws.connect/", "DuplicateResourceException", "from header")]
    [InlineData("<html>oops</html>", null, "Http418", "<html>oops</html>")]
    public async Task Error_code_and_message_come_from_header_or_body(string body, string? header, string code, string message)
    {
        var clock = TestClients.NewClock();
        var handler = StubHttpHandler.Sequence(() =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)418) { Content = new StringContent(body) };
            if (header is not null)
            {
                response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", header);
            }

            return response;
        });
        using var client = new ConnectClient(TestClients.Options(clock, handler: handler));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = "i" }));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(message, error.AwsMessage);
    }

    [Fact]
    public async Task Required_member_missing_is_refused_before_sending()
    {
        var clock = TestClients.NewClock();
        var handler = StubHttpHandler.Always(HttpStatusCode.OK, "{}");
        using var client = new ConnectClient(TestClients.Options(clock, handler: handler));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.CreateQueueAsync(new CreateQueueRequest { InstanceId = "i", Name = "n", HoursOfOperationId = null! }));

        Assert.Contains("CreateQueueRequest.HoursOfOperationId", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void Client_tokens_are_deterministic_distinct_per_purpose_and_within_the_length_limits()
    {
        var token = ClientTokens.FromUid("0d6f3d52-9a3e-4c35-8f57-2b3c1f3f1a11", "create-instance");
        Assert.Equal(token, ClientTokens.FromUid("0d6f3d52-9a3e-4c35-8f57-2b3c1f3f1a11", "create-instance"));
        Assert.NotEqual(token, ClientTokens.FromUid("0d6f3d52-9a3e-4c35-8f57-2b3c1f3f1a11", "replicate:us-west-2"));
        Assert.NotEqual(token, ClientTokens.FromUid("another-uid", "create-instance"));
        Assert.Equal(64, token.Length); // Connect allows 500, ARC 64
        Assert.Throws<ArgumentException>(() => ClientTokens.FromUid("", "create-instance"));
    }
}
