using System.Text.RegularExpressions;
using ContactOperator.Aws;
using ContactOperator.Aws.Core;
using ContactOperator.AwsUsage;
using ContactOperator.Kinds;

namespace ContactOperator.Tests.Kinds;

/// <summary>
/// The AWS operations the kinds and the other AWS users declare are exactly the ones the generated clients have and the
/// ones the operator's code calls, and the client-side rate limits follow the documented quotas. (That the committed
/// eng/codegen/operations.json and IAM policy are what the catalog generates is CrdGenerationTests'.)
/// </summary>
public sealed partial class AwsOperationCatalogTests
{
    [Fact]
    public void The_generated_clients_have_exactly_the_declared_operations_with_the_declared_retry_safety()
    {
        var generated = AwsClientCatalog.All.SelectMany(c => c.Operations.Select(o => (Action: $"{c.Service.SigningName}:{o.Name}", o.Safety))).ToList();
        var declared = AwsOperationCatalog.All.Select(o => o.Use.Action).ToList();

        var unused = generated.Select(g => g.Action).Except(declared).ToList();
        var missing = declared.Except(generated.Select(g => g.Action)).ToList();
        Assert.True(unused.Count == 0, "the clients have operations nobody declares (remove them: bash eng/generate-manifests.sh): " + string.Join(", ", unused));
        Assert.True(missing.Count == 0, "declared but not generated (bash eng/generate-manifests.sh): " + string.Join(", ", missing));
        var safety = generated.ToDictionary(g => g.Action, g => g.Safety);
        Assert.All(AwsOperationCatalog.All.Where(o => o.Use.RetrySafety is not null), o => Assert.Equal(o.Use.RetrySafety, safety[o.Use.Action]));
    }

    [Fact]
    public void Every_declared_operation_is_called_by_the_operator()
    {
        var calls = Directory.GetFiles(RepoPaths.Of("src", "ContactOperator"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => ClientCall().Matches(File.ReadAllText(f)).Select(m => m.Groups["operation"].Value))
            .ToHashSet(StringComparer.Ordinal);

        var uncalled = AwsOperationCatalog.All.Where(o => !calls.Contains(o.Use.Operation)).Select(o => $"{o.Use} ({string.Join(", ", o.DeclaredBy)})").ToList();
        Assert.True(uncalled.Count == 0, "declared (so granted by the IAM policy) but never called: " + string.Join("; ", uncalled));
    }

    [Fact]
    public void An_operation_is_generated_once_for_every_kind_that_declares_it()
    {
        var tagging = Assert.Single(AwsOperationCatalog.All, o => o.Use.Action == "connect:TagResource");
        Assert.Equal(["ContactInstance", "HoursOfOperation", "Queue", "RoutingProfile"], tagging.DeclaredBy);
        Assert.Equal(RetrySafety.Idempotent, tagging.Use.RetrySafety);
        Assert.Equal(["FailoverPlan", "contact-center exporter"], Assert.Single(AwsOperationCatalog.All, o => o.Use.Action == "connect:GetCurrentMetricData").DeclaredBy);
    }

    [Fact]
    public void Two_users_declaring_one_operation_differently_are_refused_naming_both()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AwsOperationCatalog.Gather(
        [
            new AwsUser("Queue", [AwsService.Connect.Call("DescribeQueue", new AwsRateLimit(10, 5))]),
            new AwsUser("Dashboard", [AwsService.Connect.Call("DescribeQueue")]),
        ]));

        Assert.Contains("Queue and Dashboard declare connect:DescribeQueue differently", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declaration_that_is_not_an_operation_name_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AwsOperationCatalog.Gather([new AwsUser("Queue", [AwsService.Connect.Call("connect:CreateQueue")])]));

        Assert.Contains("Queue declares 'connect:CreateQueue'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_rate_limits_follow_the_documented_quotas()
    {
        var table = AwsOperationCatalog.RateLimits;

        Assert.Equal(new AwsRateLimit(2, 5), table.Lookup("connect", "CreateQueue"));
        Assert.Equal(new AwsRateLimit(2, 5), table.Lookup("connect", "UpdateRoutingProfileQueues"));
        Assert.Equal(new AwsRateLimit(0.1, 1), table.Lookup("connect", "CreateInstance"));
        Assert.Equal(new AwsRateLimit(0.1, 1), table.Lookup("connect", "DeleteInstance"));
        Assert.Equal(new AwsRateLimit(10, 5), table.Lookup("connect", "DescribeRoutingProfile"));
        Assert.Equal(new AwsRateLimit(10, 5), table.Lookup("connect", "ListRoutingProfiles"));
        Assert.Equal(new AwsRateLimit(10, 5), table.Lookup("connect", "DescribeQueue"));
        Assert.Equal(new AwsRateLimit(5, 8), table.Lookup("connect", "GetCurrentMetricData"));
        Assert.Equal(new AwsRateLimit(10, 5), table.Lookup("connect", "GetMetricDataV2"));
        Assert.Equal(new AwsRateLimit(2, 5), table.Lookup("route53-recovery-control-config", "CreateControlPanel"));
        Assert.Equal(new AwsRateLimit(3, 3), table.Lookup("route53-recovery-cluster", "UpdateRoutingControlStates"));
        Assert.Null(table.Lookup("route53-recovery-cluster", "GetRoutingControlState"));
    }

    /// <summary>A call through a generated client: <c>.CreateQueueAsync(</c>, or its paginator <c>.ListQueuesAllAsync(</c>.</summary>
    [GeneratedRegex(@"\.(?<operation>[A-Z][A-Za-z0-9]*?)(All)?Async\(")]
    private static partial Regex ClientCall();
}
