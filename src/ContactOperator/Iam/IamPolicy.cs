using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContactOperator.Aws;
using ContactOperator.Aws.Core;
using ContactOperator.Kinds;

namespace ContactOperator.Iam;

/// <summary>Where the policy's resource ARNs point: <c>*</c> means any, as in IAM.</summary>
/// <param name="Partition">aws, aws-cn, aws-us-gov.</param>
/// <param name="AccountId">The 12-digit account, or <c>*</c>.</param>
/// <param name="Regions">The Regions of the Connect resources (a FailoverPlan's two), or <c>*</c>; none means <c>*</c>.</param>
public sealed record IamPolicyScope(string Partition = "aws", string AccountId = "*", IReadOnlyList<string>? Regions = null)
{
    /// <summary>The Regions the resource ARNs name: each given one once, or only <c>*</c> when none is given or one is <c>*</c>.</summary>
    public IReadOnlyList<string> ArnRegions => Regions is { Count: > 0 } given && !given.Contains("*") ? [.. given.Distinct(StringComparer.Ordinal)] : ["*"];
}

/// <summary>One Allow statement: the actions and the resources they are granted on.</summary>
public sealed record IamStatement(string Sid, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources);

/// <summary>
/// The IAM policy the operator's role needs: exactly the actions of the operations its kinds and other AWS users declare
/// (<see cref="AwsOperationCatalog"/>), never a wildcard action. Each action is scoped to the resource type its request
/// URI names (<c>{InstanceId}</c> → Connect instances and everything in them, <c>{ClusterArn}</c> → ARC clusters, ...);
/// actions whose request names no resource in the URI (creates, account-wide lists, json 1.0 calls) get <c>*</c>, as
/// IAM requires for actions without resource-level permissions.
/// </summary>
public static partial class IamPolicy
{
    private const string AnyResource = "*";

    /// <summary>Resource ARN patterns per (IAM prefix, URI parameter); {0} partition, {1} region, {2} account.</summary>
    private static readonly Dictionary<(string Prefix, string Parameter), (string Name, string[] Patterns)> ResourcesByUriParameter = new()
    {
        [("connect", "InstanceId")] = ("Instances", ["arn:{0}:connect:{1}:{2}:instance/*"]),
        [("connect", "TrafficDistributionGroupId")] = ("TrafficDistributionGroups", ["arn:{0}:connect:{1}:{2}:traffic-distribution-group/*"]),
        [("connect", "Id")] = ("TrafficDistributionGroups", ["arn:{0}:connect:{1}:{2}:traffic-distribution-group/*"]),
        [("connect", "resourceArn")] = ("TaggedResources", ["arn:{0}:connect:{1}:{2}:instance/*", "arn:{0}:connect:{1}:{2}:traffic-distribution-group/*"]),
        [("route53-recovery-control-config", "ClusterArn")] = ("Clusters", ["arn:{0}:route53-recovery-control::{2}:cluster/*"]),
        [("route53-recovery-control-config", "ControlPanelArn")] = ("ControlPanels", ["arn:{0}:route53-recovery-control::{2}:controlpanel/*"]),
        [("route53-recovery-control-config", "RoutingControlArn")] = ("ControlPanels", ["arn:{0}:route53-recovery-control::{2}:controlpanel/*"]),
        [("route53-recovery-control-config", "SafetyRuleArn")] = ("ControlPanels", ["arn:{0}:route53-recovery-control::{2}:controlpanel/*"]),
    };

    /// <summary>The statements for <paramref name="clients"/> (default: every declared operation), grouped by resource set.</summary>
    public static IReadOnlyList<IamStatement> Statements(IamPolicyScope scope, IReadOnlyList<AwsClientOperations>? clients = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var statements = new List<IamStatement>();
        foreach (var client in clients ?? AwsOperationCatalog.ClientOperationsOf(AwsOperationCatalog.All))
        {
            var prefix = client.Service.SigningName;
            var groups = client.Operations
                .Select(o => (Action: $"{prefix}:{o.Name}", Resources: ResourcesOf(prefix, o)))
                .GroupBy(x => x.Resources.Name);
            foreach (var group in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var patterns = group.First().Resources.Patterns;
                statements.Add(new IamStatement(
                    Sid(prefix) + group.Key,
                    [.. group.Select(x => x.Action).Distinct().Order(StringComparer.Ordinal)],
                    [.. patterns.SelectMany(p => p == AnyResource ? [p] : scope.ArnRegions.Select(region => string.Format(System.Globalization.CultureInfo.InvariantCulture, p, scope.Partition, region, scope.AccountId))).Distinct(StringComparer.Ordinal)]));
            }
        }
        return statements;
    }

    /// <summary>What is wrong with the scope's values, one message per option; empty when valid.</summary>
    public static IReadOnlyList<string> Problems(IamPolicyScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var problems = new List<string>();
        if (scope.Partition is not ("aws" or "aws-cn" or "aws-us-gov"))
        {
            problems.Add($"--partition: must be aws, aws-cn or aws-us-gov (got '{scope.Partition}')");
        }
        if (!AccountId().IsMatch(scope.AccountId))
        {
            problems.Add($"--account-id: must be 12 digits or * (got '{scope.AccountId}')");
        }
        foreach (var region in (scope.Regions ?? []).Where(r => !RegionName().IsMatch(r)))
        {
            problems.Add($"--region: must be a Region such as us-east-1, or * (got '{region}')");
        }
        return problems;
    }

    /// <summary>The policy document (IAM JSON, version 2012-10-17), indented, ending with a newline.</summary>
    public static string ToJson(IReadOnlyList<IamStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteStartArray("Statement");
            foreach (var statement in statements)
            {
                json.WriteStartObject();
                json.WriteString("Sid", statement.Sid);
                json.WriteString("Effect", "Allow");
                json.WriteStartArray("Action");
                foreach (var action in statement.Actions)
                {
                    json.WriteStringValue(action);
                }
                json.WriteEndArray();
                if (statement.Resources is [var single])
                {
                    json.WriteString("Resource", single);
                }
                else
                {
                    json.WriteStartArray("Resource");
                    foreach (var resource in statement.Resources)
                    {
                        json.WriteStringValue(resource);
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The most specific resource the request URI names: its last path parameter; none means <c>*</c>.</summary>
    private static (string Name, string[] Patterns) ResourcesOf(string prefix, AwsOperation operation)
    {
        var parameters = UriParameter().Matches(operation.RequestUri).Select(m => m.Groups[1].Value).ToList();
        foreach (var parameter in Enumerable.Reverse(parameters))
        {
            if (ResourcesByUriParameter.TryGetValue((prefix, parameter), out var resources))
            {
                return resources;
            }
        }
        if (parameters.Count > 0 && !parameters.Any(p => ResourcesByUriParameter.ContainsKey((prefix, p))))
        {
            throw new InvalidOperationException(
                $"{prefix}:{operation.Name} ({operation.RequestUri}): no resource type is known for its URI parameters; add them to IamPolicy.ResourcesByUriParameter");
        }
        return ("AccountWide", [AnyResource]);
    }

    private static string Sid(string prefix) => string.Concat(prefix.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    [GeneratedRegex(@"^(\d{12}|\*)$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^([a-z]{2}(-[a-z]+)+-\d|\*)$")]
    private static partial Regex RegionName();

    [GeneratedRegex(@"\{([A-Za-z]+)\+?\}")]
    private static partial Regex UriParameter();
}
