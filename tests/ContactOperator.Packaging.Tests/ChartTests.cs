using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using ContactOperator.Manifests;
using ContactOperator.Packaging.Tests.Support;

namespace ContactOperator.Packaging.Tests;

/// <summary>charts/contact-operator: lint, render, schema, and what the rendered objects promise.</summary>
public sealed class ChartTests
{
    private static void Succeeded(ProcessResult result) => Assert.True(result.ExitCode == 0, result.Output);

    private static string Env(JsonObject container, string name) =>
        (string)container["env"]!.AsArray().Single(e => (string?)e!["name"] == name)!["value"]!;

    [Fact]
    public async Task Helm_lint_passes_in_strict_mode()
    {
        Succeeded(await Chart.HelmAsync("lint", Chart.Directory, "--strict"));
        Succeeded(await Chart.HelmAsync("lint", Chart.Directory, "--strict", "--set", "webhook.enabled=true", "--set", "operator.watchNamespace=team-a"));
    }

    [Fact]
    public void The_chart_crds_are_the_generated_crds()
    {
        var generated = Directory.GetFiles(RepoPaths.Of("config", "crd", "bases"), "*.yaml").Select(Path.GetFileName).Order().ToList();
        var shipped = Directory.GetFiles(Path.Combine(Chart.Directory, "crds"), "*.yaml").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(generated, shipped);
        foreach (var file in generated)
        {
            Assert.True(File.ReadAllText(RepoPaths.Of("config", "crd", "bases", file!)) == File.ReadAllText(Path.Combine(Chart.Directory, "crds", file!)),
                $"charts/contact-operator/crds/{file} differs from config/crd/bases/{file}; run: bash eng/generate-manifests.sh");
        }
    }

    [Fact]
    public async Task The_deployment_runs_two_restricted_replicas_with_leader_election_probes_and_sized_resources()
    {
        var objects = await Chart.RenderAsync();
        var deployment = Chart.One(objects, "Deployment");
        var spec = deployment["spec"]!;
        Assert.Equal(2, (long)spec["replicas"]!);
        var pod = spec["template"]!["spec"]!;
        Assert.Equal("contact-operator", (string?)pod["serviceAccountName"]);
        Assert.Equal(45, (long)pod["terminationGracePeriodSeconds"]!);
        Assert.True((bool)pod["securityContext"]!["runAsNonRoot"]!);
        Assert.Equal("RuntimeDefault", (string?)pod["securityContext"]!["seccompProfile"]!["type"]);
        var container = pod["containers"]!.AsArray().Single()!.AsObject();
        Assert.Equal(["run"], container["args"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("true", Env(container, "CONTACT_OPERATOR_LEADER_ELECT"));
        Assert.Equal("contact-operator", Env(container, "CONTACT_OPERATOR_LEADER_ELECTION_NAMESPACE"));
        Assert.Equal("contact-operator-leader", Env(container, "CONTACT_OPERATOR_LEADER_ELECTION_ID"));
        Assert.Equal("", Env(container, "CONTACT_OPERATOR_NAMESPACE"));
        var security = container["securityContext"]!;
        Assert.False((bool)security["allowPrivilegeEscalation"]!);
        Assert.True((bool)security["readOnlyRootFilesystem"]!);
        Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("/healthz", (string?)container["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/readyz", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("health", (string?)container["readinessProbe"]!["httpGet"]!["port"]);
        // ~180 MB RSS measured at 1,000 objects: the request covers it, the limit leaves room for growth and GC.
        Assert.Equal("256Mi", (string?)container["resources"]!["requests"]!["memory"]);
        Assert.Equal("512Mi", (string?)container["resources"]!["limits"]!["memory"]);
        Assert.Contains(container["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == "/tmp");
        var spread = pod["topologySpreadConstraints"]!.AsArray();
        Assert.Equal(["topology.kubernetes.io/zone", "kubernetes.io/hostname"], spread.Select(s => (string)s!["topologyKey"]!));
        Assert.All(spread, s => Assert.Equal("contact-operator", (string?)s!["labelSelector"]!["matchLabels"]!["app.kubernetes.io/name"]));
        Assert.Equal(1, (long)Chart.One(objects, "PodDisruptionBudget")["spec"]!["minAvailable"]!);
        Assert.Equal(["NetworkPolicy", "PodDisruptionBudget", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service", "Deployment"],
            Chart.Kinds(objects));
    }

    [Fact]
    public async Task The_service_account_carries_the_irsa_role_and_a_single_namespace_gets_a_role_instead_of_a_cluster_role()
    {
        var objects = await Chart.RenderAsync(null, "serviceAccount.irsaRoleArn=arn:aws:iam::123456789012:role/contact-operator", "operator.watchNamespace=team-a", "replicaCount=1");
        Assert.Equal("arn:aws:iam::123456789012:role/contact-operator",
            (string?)Chart.One(objects, "ServiceAccount")["metadata"]!["annotations"]!["eks.amazonaws.com/role-arn"]);
        Assert.DoesNotContain("ClusterRole", Chart.Kinds(objects));
        Assert.Equal("team-a", (string?)Chart.One(objects, "Role", "contact-operator")["metadata"]!["namespace"]);
        Assert.Equal("team-a", (string?)Chart.One(objects, "RoleBinding", "contact-operator")["metadata"]!["namespace"]);
        Assert.DoesNotContain("PodDisruptionBudget", Chart.Kinds(objects));
        var container = OperatorContainer(objects);
        Assert.Equal("team-a", Env(container, "CONTACT_OPERATOR_NAMESPACE"));
    }

    [Fact]
    public async Task Webhooks_are_off_by_default_and_self_signed_mode_issues_a_certificate_the_ca_bundle_verifies()
    {
        var defaults = await Chart.RenderAsync();
        Assert.DoesNotContain("ValidatingWebhookConfiguration", Chart.Kinds(defaults));
        Assert.DoesNotContain(Chart.One(defaults, "Service")["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == "webhook");

        var objects = await Chart.RenderAsync(null, "webhook.enabled=true");
        var secret = Chart.One(objects, "Secret");
        Assert.Equal("kubernetes.io/tls", (string?)secret["type"]);
        var certificate = X509Certificate2.CreateFromPem(Pem(secret, "tls.crt"), Pem(secret, "tls.key"));
        var authority = X509Certificate2.CreateFromPem(Pem(secret, "ca.crt"));
        Assert.True(certificate.MatchesHostname("contact-operator.contact-operator.svc"));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));

        var webhook = Chart.One(objects, "ValidatingWebhookConfiguration")["webhooks"]![0]!;
        Assert.Equal((string?)secret["data"]!["ca.crt"], (string?)webhook["clientConfig"]!["caBundle"]);
        Assert.Equal(443, (long)webhook["clientConfig"]!["service"]!["port"]!);
        Assert.Contains(Chart.One(objects, "Service")["spec"]!["ports"]!.AsArray(), p => (string?)p!["targetPort"] == "webhook");
        // As config/webhook/manifests.yaml: FailoverPlan fails closed, the other kinds open; the mutating webhook records who asked.
        var validating = Chart.One(objects, "ValidatingWebhookConfiguration")["webhooks"]!.AsArray();
        Assert.Equal([("failoverplans.validate.connect.contact-operator.io", "Fail", "/validate"), ("resources.validate.connect.contact-operator.io", "Ignore", "/validate")],
            validating.Select(w => ((string)w!["name"]!, (string)w["failurePolicy"]!, (string)w["clientConfig"]!["service"]!["path"]!)));
        var mutating = Assert.Single(Chart.One(objects, "MutatingWebhookConfiguration")["webhooks"]!.AsArray());
        Assert.Equal(("Fail", "/mutate", "failoverplans"), ((string)mutating!["failurePolicy"]!, (string)mutating["clientConfig"]!["service"]!["path"]!, (string)mutating["rules"]![0]!["resources"]![0]!));

        var certManager = await Chart.RenderAsync(null, "webhook.enabled=true", "webhook.certificate.mode=certManager");
        Assert.Equal("contact-operator/contact-operator-webhook",
            (string?)Chart.One(certManager, "ValidatingWebhookConfiguration")["metadata"]!["annotations"]!["cert-manager.io/inject-ca-from"]);
        Assert.Equal("contact-operator-webhook-tls", (string?)Chart.One(certManager, "Certificate")["spec"]!["secretName"]);
        Assert.Equal("Issuer", (string?)Chart.One(certManager, "Certificate")["spec"]!["issuerRef"]!["kind"]);
    }

    private static string Pem(JsonObject secret, string key) => Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]![key]!));

    [Fact]
    public async Task Rule_files_become_a_prometheus_rule_and_a_service_monitor_scrapes_the_metrics_port()
    {
        var chart = CopyChart();
        File.WriteAllText(Path.Combine(chart, "files", "prometheus-rules", "operator.yaml"),
            "groups:\n- name: contact-operator\n  rules:\n  - alert: ContactOperatorDown\n    expr: absent(up{job=\"contact-operator\"} == 1)\n    for: 5m\n");

        var off = await Chart.RenderAsync(chart);
        Assert.DoesNotContain("PrometheusRule", Chart.Kinds(off));

        var on = await Chart.RenderAsync(chart, "prometheusRule.enabled=true", "serviceMonitor.enabled=true");
        var rule = Chart.One(on, "PrometheusRule");
        var alerts = rule["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => (string?)r!["alert"]).ToList();
        Assert.Contains("ContactOperatorDown", alerts);
        Assert.Contains("ContactOperatorNoLeader", alerts);
        Assert.Equal("metrics", (string?)Chart.One(on, "ServiceMonitor")["spec"]!["endpoints"]![0]!["port"]);

        // The shipped chart carries the operator's own alerts: enabling the toggle renders them (off by default, as it
        // needs the prometheus-operator CRDs).
        Assert.DoesNotContain("PrometheusRule", Chart.Kinds(await Chart.RenderAsync(null)));
        var shipped = Chart.One(await Chart.RenderAsync(null, "prometheusRule.enabled=true"), "PrometheusRule");
        Assert.Contains("ContactOperatorIncidentBridgeFailing", shipped["spec"]!.ToJsonString());
    }

    [Fact]
    public async Task Enabled_grafana_dashboards_are_the_shipped_dashboards_as_labelled_config_maps()
    {
        Assert.DoesNotContain("ConfigMap", Chart.Kinds(await Chart.RenderAsync()));

        var configMaps = (await Chart.RenderAsync(null, "grafanaDashboards.enabled=true", "grafanaDashboards.namespace=monitoring"))
            .Where(o => (string?)o["kind"] == "ConfigMap").ToList();
        var shipped = System.IO.Directory.GetFiles(Path.Combine(Chart.Directory, "dashboards"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["contact-center-overview.json", "contact-operator-health.json"], shipped);
        Assert.Equal(shipped, configMaps.Select(c => c["data"]!.AsObject().Single().Key).Order(StringComparer.Ordinal));
        foreach (var configMap in configMaps)
        {
            Assert.Equal("1", (string?)configMap["metadata"]!["labels"]!["grafana_dashboard"]);
            Assert.Equal("monitoring", (string?)configMap["metadata"]!["namespace"]);
            var (file, json) = configMap["data"]!.AsObject().Single();
            Assert.Equal(File.ReadAllText(Path.Combine(Chart.Directory, "dashboards", file)), (string?)json);
        }
    }

    [Fact]
    public async Task The_exporter_settings_reach_the_operator_and_the_incident_bridge_is_off_by_default()
    {
        var defaults = await Chart.RenderAsync();
        var container = OperatorContainer(defaults);
        Assert.Equal("60s", Env(container, "CONTACT_OPERATOR_EXPORTER_INTERVAL"));
        Assert.Equal("15m", Env(container, "CONTACT_OPERATOR_EXPORTER_WINDOW"));
        Assert.DoesNotContain(container["env"]!.AsArray(), e => ((string)e!["name"]!).StartsWith("CONTACT_OPERATOR_INCIDENT_BRIDGE_", StringComparison.Ordinal));
        Assert.DoesNotContain(container["env"]!.AsArray(), e => (string?)e!["name"] == "CONTACT_OPERATOR_RUNBOOK_BASE_URL");
        Assert.DoesNotContain(Chart.One(defaults, "Service")["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == "incident-bridge");
        Assert.DoesNotContain(IngressPorts(defaults), port => port == "incident-bridge");
        Assert.DoesNotContain(Chart.One(defaults, "ClusterRole")["rules"]!.AsArray(), r => r!["resources"]!.AsArray().Any(x => (string?)x == "secrets"));

        var tuned = OperatorContainer(await Chart.RenderAsync(null, "alerting.exporter.interval=0", "alerting.exporter.window=1h",
            "alerting.runbookBaseUrl=https://wiki.example.com/contact-center/runbooks"));
        Assert.Equal("0", Env(tuned, "CONTACT_OPERATOR_EXPORTER_INTERVAL"));
        Assert.Equal("1h", Env(tuned, "CONTACT_OPERATOR_EXPORTER_WINDOW"));
        Assert.Equal("https://wiki.example.com/contact-center/runbooks", Env(tuned, "CONTACT_OPERATOR_RUNBOOK_BASE_URL"));
    }

    [Fact]
    public async Task The_incident_bridge_gets_a_port_the_service_url_secret_reads_and_admits_only_the_configured_peers()
    {
        var objects = await Chart.RenderAsync(null, "alerting.incidentBridge.enabled=true", "service.incidentBridgePort=9000",
            "alerting.incidentBridge.from[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name=monitoring",
            "alerting.incidentBridge.from[0].podSelector.matchLabels.app\\.kubernetes\\.io/name=alertmanager");
        var container = OperatorContainer(objects);
        Assert.Equal("8082", Env(container, "CONTACT_OPERATOR_INCIDENT_BRIDGE_PORT"));
        Assert.Equal("http://contact-operator.contact-operator.svc:9000", Env(container, "CONTACT_OPERATOR_INCIDENT_BRIDGE_URL"));
        Assert.Contains(container["ports"]!.AsArray(), p => (string?)p!["name"] == "incident-bridge" && (long)p["containerPort"]! == 8082);
        var servicePort = Assert.Single(Chart.One(objects, "Service")["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == "incident-bridge")!;
        Assert.Equal((9000, "incident-bridge"), ((long)servicePort["port"]!, (string)servicePort["targetPort"]!));
        Assert.Contains(Chart.One(objects, "ClusterRole")["rules"]!.AsArray(),
            r => r!["resources"]!.AsArray().Select(x => (string?)x).SequenceEqual(["secrets"]) && r["verbs"]!.AsArray().Select(v => (string?)v).SequenceEqual(["get"]));

        var bridgeRule = Assert.Single(Chart.One(objects, "NetworkPolicy")["spec"]!["ingress"]!.AsArray(), r => r!["ports"]!.AsArray().Any(p => (string?)p!["port"] == "incident-bridge"))!;
        Assert.Single(bridgeRule["ports"]!.AsArray());
        var peer = Assert.Single(bridgeRule["from"]!.AsArray())!;
        Assert.Equal("monitoring", (string?)peer["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]);
        Assert.Equal("alertmanager", (string?)peer["podSelector"]!["matchLabels"]!["app.kubernetes.io/name"]);

        var elsewhere = await Chart.RenderAsync(null, "alerting.incidentBridge.enabled=true", "alerting.incidentBridge.url=https://bridge.example.com");
        Assert.Equal("https://bridge.example.com", Env(OperatorContainer(elsewhere), "CONTACT_OPERATOR_INCIDENT_BRIDGE_URL"));
        var anyPeer = Assert.Single(Chart.One(elsewhere, "NetworkPolicy")["spec"]!["ingress"]!.AsArray(), r => r!["ports"]!.AsArray().Any(p => (string?)p!["port"] == "incident-bridge"))!;
        Assert.Null(anyPeer["from"]);
    }

    private static JsonObject OperatorContainer(IReadOnlyList<JsonObject> objects) =>
        Chart.One(objects, "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();

    private static IEnumerable<string?> IngressPorts(IReadOnlyList<JsonObject> objects) =>
        Chart.One(objects, "NetworkPolicy")["spec"]!["ingress"]!.AsArray().SelectMany(r => r!["ports"]!.AsArray()).Select(p => (string?)p!["port"]);

    [Fact]
    public async Task The_values_schema_refuses_unknown_and_malformed_values()
    {
        var unknown = await Chart.RenderRawAsync(null, "operator.logLevl=Debug");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("logLevl", unknown.Output);
        var badArn = await Chart.RenderRawAsync(null, "serviceAccount.irsaRoleArn=contact-operator");
        Assert.NotEqual(0, badArn.ExitCode);
        Assert.Contains("irsaRoleArn", badArn.Output);
        var badDuration = await Chart.RenderRawAsync(null, "operator.shutdownTimeout=30");
        Assert.NotEqual(0, badDuration.ExitCode);
        foreach (var (set, path) in new[]
        {
            ("--set-string=alerting.exporter.interval=60", "/alerting/exporter/interval"),
            ("--set-string=alerting.exporter.window=15 minutes", "/alerting/exporter/window"),
            ("alerting.incidentBridge.url=contact-operator:8082", "/alerting/incidentBridge/url"),
            ("alerting.runbookBaseUrl=wiki/runbooks", "/alerting/runbookBaseUrl"),
            ("rbac.alerting=true", "alerting"),
        })
        {
            var refused = await Chart.RenderRawAsync(null, set);
            Assert.True(refused.ExitCode != 0, $"{set} was accepted");
            Assert.Contains(path, refused.Output);
        }
    }

    [Fact]
    public void The_chart_readme_describes_every_value()
    {
        var values = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<object, object?>>(File.ReadAllText(Path.Combine(Chart.Directory, "values.yaml")));
        var readme = File.ReadAllText(Path.Combine(Chart.Directory, "README.md"));
        var missing = Paths(values, "").Where(path => !readme.Contains($"`{path}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "charts/contact-operator/README.md does not describe: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> Paths(Dictionary<object, object?> map, string prefix)
    {
        foreach (var (key, value) in map)
        {
            var path = prefix + key;
            var leaf = path is "resources" or "podSecurityContext" or "securityContext" || key is "labels" or "annotations";
            if (value is Dictionary<object, object?> child && child.Count > 0 && !leaf)
            {
                foreach (var nested in Paths(child, path + "."))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    [Fact]
    public async Task Every_rendered_object_fits_the_kubernetes_api_types_and_a_server_side_dry_run_accepts_it()
    {
        await using var cluster = await EmbeddedCluster.StartAsync();
        Succeeded(await cluster.KubectlAsync("create", "namespace", Chart.Namespace));
        string[] alerting = ["alerting.incidentBridge.enabled=true", "alerting.incidentBridge.from[0].podSelector.matchLabels.app=alertmanager", "grafanaDashboards.enabled=true"];
        foreach (var sets in new[] { Array.Empty<string>(), ["webhook.enabled=true", "serviceAccount.irsaRoleArn=arn:aws:iam::123456789012:role/x"], ["operator.watchNamespace=default"], alerting })
        {
            var rendered = await Chart.RenderRawAsync(null, [.. sets, "--include-crds"]);
            Succeeded(rendered);
            foreach (var obj in ManifestReader.ReadAll(rendered.Stdout))
            {
                Assert.True(BuiltInSchemas.Knows(obj), $"no API type for {obj["apiVersion"]} {obj["kind"]}");
                Assert.Empty(BuiltInSchemas.UnknownFields(obj).Select(f => $"{obj["kind"]}/{obj["metadata"]?["name"]}{f}"));
            }
            var file = cluster.WriteFile("rendered.yaml", rendered.Stdout);
            var dryRun = await cluster.KubectlAsync("apply", "--dry-run=server", "--validate=strict", "-f", file);
            Succeeded(dryRun);
            Assert.Contains("deployment.apps/contact-operator created (server dry run)", dryRun.Stdout);
        }
        // The custom resources the chart's CRDs serve: the samples pass their schemas.
        var samples = await cluster.KubectlAsync("apply", "--dry-run=server", "--validate=strict", "-n", "default", "-f", RepoPaths.Of("samples", "contact-center.yaml"));
        Succeeded(samples);
        Assert.Contains("failoverplan.connect.contact-operator.io/support-dr created (server dry run)", samples.Stdout);
    }

    [Fact]
    public void The_api_type_check_reports_misspelt_fields_and_refuses_wrong_types()
    {
        var deployment = JsonNode.Parse("""
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "x"},
             "spec": {"replica": 2, "selector": {"matchLabels": {"a": "b"}},
                      "template": {"spec": {"containers": [{"name": "c", "image": "i", "imagePullPolicyy": "Always"}]}}}}
            """)!.AsObject();
        Assert.Equal([".spec.replica", ".spec.template.spec.containers[0].imagePullPolicyy"], BuiltInSchemas.UnknownFields(deployment));
        var wrongType = JsonNode.Parse("""{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x"}, "spec": {"ports": "80"}}""")!.AsObject();
        Assert.ThrowsAny<Exception>(() => BuiltInSchemas.UnknownFields(wrongType));
    }

    [Fact]
    public async Task Helm_installs_the_chart_into_the_api_server_and_an_upgrade_keeps_the_webhook_certificate()
    {
        await using var cluster = await EmbeddedCluster.StartAsync();
        var install = await cluster.HelmAsync("install", Chart.Release, Chart.Directory, "--namespace", Chart.Namespace, "--create-namespace", "--set", "webhook.enabled=true");
        Succeeded(install);
        Assert.Contains("STATUS: deployed", install.Stdout);
        Assert.Contains("kubectl -n contact-operator rollout status deployment/contact-operator", install.Stdout);

        var deployment = JsonNode.Parse((await cluster.KubectlAsync("get", "deployment", "contact-operator", "-n", Chart.Namespace, "-o", "json")).Stdout)!;
        Assert.Equal(2, (long)deployment["spec"]!["replicas"]!);
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("ghcr.io/contact-operator/contact-operator:0.1.0", (string?)container["image"]);
        Assert.Contains(container["ports"]!.AsArray(), p => (string?)p!["name"] == "webhook" && (long)p["containerPort"]! == 9443);
        var crds = await cluster.KubectlAsync("get", "crd", "-o", "name");
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/queues.connect.contact-operator.io", crds.Stdout);

        var before = (await cluster.KubectlAsync("get", "secret", "contact-operator-webhook-tls", "-n", Chart.Namespace, "-o", "jsonpath={.data.ca\\.crt}")).Stdout;
        Succeeded(await cluster.HelmAsync("upgrade", Chart.Release, Chart.Directory, "--namespace", Chart.Namespace, "--set", "webhook.enabled=true", "--set", "replicaCount=3"));
        var after = (await cluster.KubectlAsync("get", "secret", "contact-operator-webhook-tls", "-n", Chart.Namespace, "-o", "jsonpath={.data.ca\\.crt}")).Stdout;
        Assert.False(string.IsNullOrEmpty(before));
        Assert.Equal(before, after);
        var scaled = JsonNode.Parse((await cluster.KubectlAsync("get", "deployment", "contact-operator", "-n", Chart.Namespace, "-o", "json")).Stdout)!;
        Assert.Equal(3, (long)scaled["spec"]!["replicas"]!);

        Succeeded(await cluster.HelmAsync("uninstall", Chart.Release, "--namespace", Chart.Namespace));
        Assert.Contains("queues.connect.contact-operator.io", (await cluster.KubectlAsync("get", "crd", "-o", "name")).Stdout);
    }

    private static string CopyChart()
    {
        var target = Path.Combine(Directory.CreateTempSubdirectory("chart-").FullName, "contact-operator");
        foreach (var file in Directory.GetFiles(Chart.Directory, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Chart.Directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
