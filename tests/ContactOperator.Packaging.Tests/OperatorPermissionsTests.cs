using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws;
using ContactOperator.Emulators.Kubernetes.Audit;
using ContactOperator.Iam;
using ContactOperator.Kinds;
using ContactOperator.Manifests;
using ContactOperator.Packaging.Tests.Support;

namespace ContactOperator.Packaging.Tests;

/// <summary>
/// The operator, started with the chart's Deployment environment and its service account's identity, runs the whole
/// sample contact center to Ready, through an update and through deletion. The API server's audit log then shows every
/// verb and resource it used, and the AWS emulator's request log every operation it called; the chart's RBAC and the
/// generated IAM policy must cover exactly that.
/// </summary>
public sealed class OperatorPermissionsTests
{
    private const string ServiceAccountUser = "system:serviceaccount:contact-operator:contact-operator";
    private static readonly string Operator = Path.Combine(AppContext.BaseDirectory, "contact-operator.dll");

    /// <summary>Granted on purpose although the run does not reach them, each with the code path that needs it.</summary>
    private static readonly Dictionary<(string Group, string Resource, string Verb), string> GrantedForPathsTheRunDoesNotReach = new()
    {
        [("events.k8s.io", "events", "patch")] = "EventRecorder.TryPatchSeriesAsync: the same Event repeated within the series window is patched, not created again",
        [("monitoring.coreos.com", "prometheusrules", "update")] = "AlertPolicyHooks: a changed policy replaces its PrometheusRule (the run applies each policy once)",
        [("monitoring.coreos.com", "alertmanagerconfigs", "get")] = "AlertPolicyHooks: the run's cluster has no prometheus-operator CRDs, so the policy stops at the PrometheusRule",
        [("monitoring.coreos.com", "alertmanagerconfigs", "create")] = "as above",
        [("monitoring.coreos.com", "alertmanagerconfigs", "update")] = "as above",
        [("monitoring.coreos.com", "alertmanagerconfigs", "delete")] = "AlertPolicyHooks: escalation removed from a policy",
    };

    [Fact]
    public async Task The_chart_rbac_grants_exactly_what_an_end_to_end_run_used_and_the_iam_policy_covers_every_aws_call()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(auditLogCapacity: 500_000);
        await using var aws = await AwsEmulator.StartAsync(new AwsEmulatorOptions
        {
            Port = 0,
            InstanceCreationDelay = TimeSpan.FromMilliseconds(300),
            TrafficDistributionGroupCreationDelay = TimeSpan.FromMilliseconds(300),
        });
        var chart = await Chart.RenderAsync();
        Assert.Equal(0, (await cluster.KubectlAsync("create", "namespace", Chart.Namespace)).ExitCode);

        var kubeconfig = cluster.WriteFile("operator-kubeconfig", cluster.Server.CreateKubeconfigYaml().Replace("token: local", $"token: {ServiceAccountUser}", StringComparison.Ordinal));
        using (var process = BackgroundProcess.Start("dotnet", [Operator, "run", "--kubeconfig", kubeconfig], OperatorEnvironment(chart, aws)))
        {
            var (center, added) = SampleObjectsOfEveryKind();
            await new ManifestApplier(cluster.Client, "e2e").ApplyAsync([.. center, .. added], "default", CancellationToken.None);
            await Expect(cluster.KubectlAsync("wait", "--for=condition=Ready", "routingprofile", "--all", "-n", "default", "--timeout=120s"), process);
            foreach (var kind in added.Select(m => (string)m["kind"]!).Distinct())
            {
                await Expect(cluster.KubectlAsync("wait", "--for=condition=Ready", kind.ToLowerInvariant(), "--all", "-n", "default", "--timeout=120s"), process);
            }
            await Expect(cluster.KubectlAsync("patch", "queue", "billing", "-n", "default", "--type=merge", "-p", "{\"spec\":{\"maxContacts\":80}}"), process);
            await Expect(cluster.KubectlAsync("wait", "--for=jsonpath={.status.observedGeneration}=2", "queue/billing", "-n", "default", "--timeout=60s"), process);
            // Referrers before what they refer to: the catalog lists a kind after the kinds it refers to.
            foreach (var kind in KindCatalog.All.Reverse())
            {
                await Expect(cluster.KubectlAsync("delete", kind.Plural, "--all", "-n", "default", "--timeout=120s"), process);
            }
            Assert.Equal(0, await process.StopAsync());
        }

        var used = cluster.Server.AuditEvents.Where(e => e.User == ServiceAccountUser).ToList();
        Assert.Contains(used, e => e.Verb == "delete" || e.Verb == "patch");
        var rules = GrantedRules(chart);

        var denied = used.Where(e => e.IsResourceRequest && !rules.Any(r => r.Allows(e)))
            .Select(e => $"{e.Verb} {e.Group}/{e.RbacResource} in {e.Namespace ?? "(cluster)"}").Distinct().ToList();
        Assert.True(denied.Count == 0, "the chart's RBAC does not allow requests the operator made: " + string.Join("; ", denied));
        var nonResource = used.Where(e => !e.IsResourceRequest).Select(e => e.Path).Distinct().ToList();
        Assert.All(nonResource, path => Assert.True(path is "/api" or "/apis" or "/version" || path.StartsWith("/openapi/", StringComparison.Ordinal),
            $"{path} is not a discovery path every authenticated user may read"));

        var unused = rules.SelectMany(r => r.Triples().Select(t => (Rule: r, Triple: t)))
            .Where(x => !used.Any(e => x.Rule.Allows(e) && (e.Group, e.RbacResource, e.Verb) == x.Triple))
            .Select(x => x.Triple)
            .Where(t => !GrantedForPathsTheRunDoesNotReach.ContainsKey(t!))
            .Select(t => $"{t.Verb} {t.Group}/{t.Resource}").Distinct().ToList();
        Assert.True(unused.Count == 0, "the chart's RBAC grants what the operator never used: " + string.Join("; ", unused));

        var calls = aws.Control.RequestLog.Select(e => $"{e.Service}:{e.Operation}").Distinct().ToList();
        Assert.Contains("connect:CreateRoutingProfile", calls);
        Assert.Contains("connect:DeleteQueue", calls);
        var statements = IamPolicy.Statements(new IamPolicyScope(AccountId: aws.Control.AccountId));
        var granted = statements.SelectMany(s => s.Actions).ToHashSet();
        var notGranted = calls.Where(c => !granted.Contains(c)).ToList();
        Assert.True(notGranted.Count == 0, "the IAM policy lacks actions the operator called: " + string.Join(", ", notGranted));
        Assert.DoesNotContain(granted, a => a.Contains('*', StringComparison.Ordinal));
    }

    /// <summary>
    /// The whole sample contact center, and the sample of every kind it has no object of, so every kind's permissions
    /// are exercised as soon as the kind is in the catalog.
    /// </summary>
    private static (IReadOnlyList<JsonObject> Center, IReadOnlyList<JsonObject> Added) SampleObjectsOfEveryKind()
    {
        var center = ManifestReader.ReadFile(RepoPaths.Of("samples", "contact-center.yaml"));
        var inCenter = center.Select(m => (string)m["kind"]!).ToHashSet(StringComparer.Ordinal);
        var added = Directory.GetFiles(RepoPaths.Of("samples"), "*.yaml").Order(StringComparer.Ordinal)
            .Where(f => Path.GetFileName(f) != "contact-center.yaml")
            .SelectMany(ManifestReader.ReadFile)
            .Where(m => !inCenter.Contains((string)m["kind"]!))
            .ToList();
        return (center, added);
    }

    private static async Task Expect(Task<ProcessResult> command, BackgroundProcess process)
    {
        var result = await command;
        Assert.True(result.ExitCode == 0, result.Output + "\noperator output:\n" + process.Logs());
    }

    /// <summary>The container environment of the chart's Deployment, with emulator endpoints and free ports.</summary>
    private static Dictionary<string, string> OperatorEnvironment(IReadOnlyList<JsonObject> chart, AwsEmulator aws)
    {
        var container = Chart.One(chart, "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var environment = container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string?)e!["value"] ?? "");
        environment["CONTACT_OPERATOR_METRICS_PORT"] = "0";
        environment["CONTACT_OPERATOR_HEALTH_PORT"] = "0";
        environment["CONTACT_OPERATOR_SHUTDOWN_TIMEOUT"] = "5s";
        environment["CONTACT_OPERATOR_RESYNC_PERIOD"] = "5s";
        environment["AWS_ENDPOINT_URL"] = aws.Endpoint.ToString();
        environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE";
        environment["AWS_SECRET_ACCESS_KEY"] = "not-a-secret";
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials";
        environment["AWS_CONFIG_FILE"] = "/nonexistent/config";
        return environment;
    }

    private static List<GrantedRule> GrantedRules(IReadOnlyList<JsonObject> chart)
    {
        var rules = new List<GrantedRule>();
        foreach (var role in chart.Where(o => (string?)o["kind"] is "ClusterRole" or "Role"))
        {
            var ns = (string?)role["kind"] == "Role" ? (string?)role["metadata"]!["namespace"] : null;
            foreach (var rule in role["rules"]!.AsArray())
            {
                rules.Add(new GrantedRule(ns, Strings(rule!["apiGroups"]), Strings(rule["resources"]), Strings(rule["verbs"])));
            }
        }
        return rules;
    }

    private static string[] Strings(JsonNode? node) => [.. node!.AsArray().Select(n => (string)n!)];

    private sealed record GrantedRule(string? Namespace, string[] Groups, string[] Resources, string[] Verbs)
    {
        public bool Allows(AuditEvent request) =>
            (Namespace is null || Namespace == request.Namespace)
            && Groups.Contains(request.Group) && Resources.Contains(request.RbacResource) && Verbs.Contains(request.Verb);

        public IEnumerable<(string Group, string Resource, string Verb)> Triples() =>
            from g in Groups from r in Resources from v in Verbs select (g, r, v);
    }
}
