using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Aws.Tests.Support;

namespace ContactOperator.Aws.Tests.Core;

public sealed class EndpointResolverTests
{
    private static AwsClientOptions With(params (string Name, string Value)[] variables)
    {
        var env = variables.ToDictionary(v => v.Name, v => v.Value);
        return TestClients.Options(TestClients.NewClock()) with { EnvironmentVariables = name => env.GetValueOrDefault(name) };
    }

    [Fact]
    public void Regional_AWS_endpoint_by_default()
    {
        using var client = new ConnectClient(With());
        Assert.Equal(new AwsEndpoint(new Uri("https://connect.us-east-1.amazonaws.com"), "us-east-1"), client.Endpoint);
        Assert.Equal(new Uri("https://connect.cn-north-1.amazonaws.com.cn"), AwsEndpointResolver.DefaultUrl("connect", "cn-north-1"));
    }

    [Fact]
    public void Service_specific_variable_wins_over_the_global_one()
    {
        var options = With(("AWS_ENDPOINT_URL", "http://global:1"), ("AWS_ENDPOINT_URL_CONNECT", "http://connect:2"));
        using var connect = new ConnectClient(options);
        using var arc = new ArcControlConfigClient(options);

        Assert.Equal(new Uri("http://connect:2"), connect.Endpoint.Url);
        Assert.Equal(new Uri("http://global:1"), arc.Endpoint.Url);
    }

    [Fact]
    public void Service_variable_names_follow_the_model_service_id()
    {
        Assert.Equal("AWS_ENDPOINT_URL_CONNECT", ConnectClient.Descriptor.EndpointVariable);
        Assert.Equal("AWS_ENDPOINT_URL_ROUTE53_RECOVERY_CONTROL_CONFIG", ArcControlConfigClient.Descriptor.EndpointVariable);
        Assert.Equal("AWS_ENDPOINT_URL_ROUTE53_RECOVERY_CLUSTER", ArcClusterClient.Descriptor.EndpointVariable);
        using var arc = new ArcControlConfigClient(With(("AWS_ENDPOINT_URL_ROUTE53_RECOVERY_CONTROL_CONFIG", "http://arc:3")));
        Assert.Equal(new Uri("http://arc:3"), arc.Endpoint.Url);
    }

    [Fact]
    public void Ignore_configured_endpoints_turns_the_variables_off_but_not_an_explicit_service_url()
    {
        var options = With(("AWS_ENDPOINT_URL", "http://global:1"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));
        using var ignored = new ConnectClient(options);
        using var explicitUrl = new ConnectClient(options with { ServiceUrl = new Uri("http://explicit:4") });

        Assert.Equal(new Uri("https://connect.us-east-1.amazonaws.com"), ignored.Endpoint.Url);
        Assert.Equal(new Uri("http://explicit:4"), explicitUrl.Endpoint.Url);
    }

    [Fact]
    public void Arc_control_config_is_always_signed_for_us_west_2()
    {
        using var arc = new ArcControlConfigClient(With() with { Region = "eu-central-1" });
        Assert.Equal(new AwsEndpoint(new Uri("https://route53-recovery-control-config.us-west-2.amazonaws.com"), "us-west-2"), arc.Endpoint);
    }

    [Fact]
    public void Bad_endpoint_variable_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => new ConnectClient(With(("AWS_ENDPOINT_URL_CONNECT", "not a url"))));
        Assert.Contains("AWS_ENDPOINT_URL_CONNECT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_region_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => new ConnectClient(With() with { Region = " " }));
        Assert.Contains("Region", error.Message, StringComparison.Ordinal);
    }
}
