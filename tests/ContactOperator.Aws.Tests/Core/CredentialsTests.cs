using System.Net;
using Amazon.Runtime;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Tests.Support;

namespace ContactOperator.Aws.Tests.Core;

public sealed class CredentialsTests
{
    [Fact]
    public async Task Without_explicit_credentials_the_AWS_SDK_default_chain_is_used()
    {
        // The first link of AWSSDK.Core's default chain is the environment; every other test passes explicit credentials.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDFROMENVIRONMENT");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "secret-from-environment");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "token-from-environment");
        try
        {
            var handler = StubHttpHandler.Always(HttpStatusCode.OK, "{}");
            using var client = new ConnectClient(TestClients.Options(TestClients.NewClock(), handler: handler) with { Credentials = null });

            await client.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = "i-1" });

            var request = Assert.Single(handler.Requests);
            Assert.Contains("Credential=AKIDFROMENVIRONMENT/", request.Headers["Authorization"], StringComparison.Ordinal);
            Assert.Equal("token-from-environment", request.Headers["X-Amz-Security-Token"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", null);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", null);
            Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
        }
    }

    [Fact]
    public async Task Credentials_that_cannot_be_resolved_are_a_transient_AWS_error_and_nothing_is_sent()
    {
        var handler = StubHttpHandler.Always(HttpStatusCode.OK, "{}");
        using var client = new ConnectClient(TestClients.Options(TestClients.NewClock(), handler: handler) with { Credentials = new UnavailableCredentials() });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = "i-1" }));

        Assert.Equal((AwsErrorClassifier.CredentialsUnavailable, AwsErrorClass.Transient), (error.ErrorCode, error.Class));
        Assert.Contains("IMDS unreachable", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    private sealed class UnavailableCredentials : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw new AmazonClientException("IMDS unreachable");

        public override Task<ImmutableCredentials> GetCredentialsAsync() => throw new AmazonClientException("IMDS unreachable");
    }
}
