using System.Text.Json.Nodes;
using ContactOperator.Aws;
using ContactOperator.Iam;
using ContactOperator.Kinds;

namespace ContactOperator.Packaging.Tests;

/// <summary>`contact-operator generate iam-policy`: the declared actions, scoped, no wildcard action.</summary>
public sealed class IamPolicyTests
{
    private static readonly string Operator = Path.Combine(AppContext.BaseDirectory, "contact-operator.dll");

    [Fact]
    public async Task The_printed_policy_grants_each_declared_operation_once_with_no_wildcard_action()
    {
        var result = await ChildProcess.RunAsync("dotnet", [Operator, "generate", "iam-policy", "--account-id", "123456789012", "--region", "us-east-1"]);
        Assert.True(result.ExitCode == 0, result.Output);
        var policy = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("2012-10-17", (string?)policy["Version"]);
        var statements = policy["Statement"]!.AsArray();
        var actions = statements.SelectMany(s => s!["Action"]!.AsArray().Select(a => (string)a!)).ToList();
        var expected = AwsOperationCatalog.All.Select(o => o.Use.Action).Order().ToList();
        Assert.Equal(expected, actions.Order());
        Assert.DoesNotContain(actions, a => a.Contains('*', StringComparison.Ordinal));
        Assert.All(statements, s => Assert.Equal("Allow", (string?)s!["Effect"]));

        string Resource(string action) => statements.Single(s => s!["Action"]!.AsArray().Any(a => (string?)a == action))!["Resource"]!.ToJsonString();
        Assert.Equal("\"arn:aws:connect:us-east-1:123456789012:instance/*\"", Resource("connect:CreateQueue"));
        Assert.Equal("\"arn:aws:connect:us-east-1:123456789012:instance/*\"", Resource("connect:UpdateQueueMaxContacts"));
        Assert.Equal("\"arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/*\"", Resource("connect:UpdateTrafficDistribution"));
        Assert.Equal("\"arn:aws:route53-recovery-control::123456789012:controlpanel/*\"", Resource("route53-recovery-control-config:DeleteRoutingControl"));
        Assert.Equal("\"*\"", Resource("connect:CreateInstance"));
        Assert.Contains("traffic-distribution-group/*", Resource("connect:TagResource"));
    }

    [Theory]
    [InlineData("--region", "us-east-1", "--region", "us-west-2")]
    [InlineData("--region", "us-east-1,us-west-2")]
    public async Task Several_regions_scope_connect_resources_to_each_of_them(params string[] regions)
    {
        var result = await ChildProcess.RunAsync("dotnet", [Operator, "generate", "iam-policy", "--account-id", "123456789012", .. regions]);
        Assert.True(result.ExitCode == 0, result.Output);
        var statements = JsonNode.Parse(result.Stdout)!["Statement"]!.AsArray();
        string Resource(string action) => statements.Single(s => s!["Action"]!.AsArray().Any(a => (string?)a == action))!["Resource"]!.ToJsonString();

        Assert.Equal("""["arn:aws:connect:us-east-1:123456789012:instance/*","arn:aws:connect:us-west-2:123456789012:instance/*"]""", Resource("connect:CreateQueue"));
        Assert.Equal("""["arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/*","arn:aws:connect:us-west-2:123456789012:traffic-distribution-group/*"]""", Resource("connect:UpdateTrafficDistribution"));
        Assert.Equal("\"arn:aws:route53-recovery-control::123456789012:controlpanel/*\"", Resource("route53-recovery-control-config:DescribeRoutingControl"));

        var bad = await ChildProcess.RunAsync("dotnet", [Operator, "generate", "iam-policy", "--region", "us-east-1,useast2"]);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--region: must be a Region such as us-east-1, or * (got 'useast2')", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_policy_shipped_with_the_chart_is_the_generated_one()
    {
        var result = await ChildProcess.RunAsync("dotnet", [Operator, "generate", "iam-policy"]);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(result.Stdout == File.ReadAllText(RepoPaths.Of("charts", "contact-operator", "iam-policy.json")),
            "charts/contact-operator/iam-policy.json is stale; run: dotnet run --project src/ContactOperator -- generate iam-policy > charts/contact-operator/iam-policy.json");
    }

    [Fact]
    public async Task Invalid_scope_values_are_refused_naming_the_option()
    {
        var result = await ChildProcess.RunAsync("dotnet", [Operator, "generate", "iam-policy", "--account-id", "1234", "--partition", "aws-mars"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--account-id", result.Stderr);
        Assert.Contains("--partition", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void An_operation_whose_uri_names_an_unknown_resource_stops_the_generator()
    {
        var unknown = new AwsClientOperations(Aws.Connect.ConnectClient.Descriptor,
            [new Aws.Core.AwsOperation("Connect", "DescribeUser", "GET", "/users/{InstanceIdentifier}/{UserId}", Aws.Core.RetrySafety.Read)]);
        var error = Assert.Throws<InvalidOperationException>(() => IamPolicy.Statements(new IamPolicyScope(), [unknown]));
        Assert.Contains("connect:DescribeUser", error.Message);
    }
}
