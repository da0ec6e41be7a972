using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ContactOperator.Alerting;
using ContactOperator.Api.Kinds;
using ContactOperator.Incidents;
using ContactOperator.Metrics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactOperator.Tests.Alerting;

/// <summary>The incident bridge between Alertmanager's webhook and a ServiceNow-compatible incident table.</summary>
public sealed class IncidentBridgeTests
{
    private const string Credentials = "bridge-user:s3cr3t-p4ss";
    private static readonly string Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Credentials));

    [Fact]
    public async Task One_incident_per_alert_group_updated_on_repeats_resolved_on_resolve_and_the_same_one_after_a_restart_with_no_credential_in_logs()
    {
        await using var serviceNow = await FakeServiceNow.StartAsync(Authorization);
        await using var cluster = await AlertingCluster.StartAsync();
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "servicenow" },
            Data = new Dictionary<string, byte[]> { ["credentials"] = Encoding.UTF8.GetBytes(Credentials) },
        }, AlertingCluster.Namespace);
        await cluster.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: AlertPolicy
            metadata: {name: support-alerts}
            spec:
              instanceRef: {name: support}
              rules:
              - name: billing-wait
                metric: OldestContactAge
                queueRef: {name: billing}
                comparison: GreaterThan
                tiers: [{severity: warning, threshold: 120, for: 2m}, {severity: critical, threshold: 300, for: 1m}]
              escalation:
                serviceNow:
                  instanceUrl: https://acme.service-now.example
                  assignmentGroup: Contact Center Ops
                  credentialsSecretRef: {name: servicenow, key: credentials}
                  escalationDelay: 10m
                routes: [{severity: critical, targets: [ServiceNow]}]
            """);
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = new LoggerFactory([logs]);
        using var redirect = new RedirectHandler(serviceNow.Address);
        var settings = new AlertingSettings
        {
            Exporter = new ExporterOptions { Enabled = false },
            IncidentBridge = new IncidentBridgeOptions { BindAddress = "127.0.0.1", Port = 0, ServiceNowHandler = redirect },
        };
        await cluster.StartOperatorAsync(settings, loggerFactory);
        using var http = new HttpClient();
        var now = DateTimeOffset.UtcNow;

        Assert.Equal("Created", await PostAsync(cluster, http, Notification("{}:{alertname=\"ContactCenterBillingWait\"}", "firing", now.AddMinutes(-20))));
        var correlation = IncidentBridge.CorrelationId("{}:{alertname=\"ContactCenterBillingWait\"}");
        var incident = serviceNow.ByCorrelation(correlation);
        Assert.Equal(("1", "Contact Center Ops", "1"), ((string?)incident["state"], (string?)incident["assignment_group"], (string?)incident["urgency"]));
        Assert.Contains("OldestContactAge above 300 s", (string?)incident["short_description"]);

        Assert.Equal("Updated", await PostAsync(cluster, http, Notification("{}:{alertname=\"ContactCenterBillingWait\"}", "firing", now.AddMinutes(-20))));
        Assert.Single(serviceNow.Incidents);
        Assert.Single(serviceNow.ByCorrelation(correlation)["work_notes_journal"]!.AsArray());

        Assert.Equal("Created", await PostAsync(cluster, http, Notification("{}:{alertname=\"ContactCenterOtherQueue\"}", "firing", now.AddMinutes(-30))));
        Assert.Equal(2, serviceNow.Incidents.Count);

        // A restarted operator has no memory of the incidents: it finds them again by correlation id.
        await cluster.StopOperatorAsync();
        await cluster.StartOperatorAsync(settings, loggerFactory);
        Assert.Equal("Updated", await PostAsync(cluster, http, Notification("{}:{alertname=\"ContactCenterBillingWait\"}", "firing", now.AddMinutes(-20))));
        Assert.Equal(2, serviceNow.Incidents.Count);

        Assert.Equal("Resolved", await PostAsync(cluster, http, Notification("{}:{alertname=\"ContactCenterBillingWait\"}", "resolved", now.AddMinutes(-20))));
        incident = serviceNow.ByCorrelation(correlation);
        Assert.Equal(("6", IncidentBridge.CloseCode), ((string?)incident["state"], (string?)incident["close_code"]));
        Assert.Equal("NothingToResolve", await PostAsync(cluster, http, Notification("{}:{alertname=\"ContactCenterBillingWait\"}", "resolved", now.AddMinutes(-20))));

        // Firing for less than the escalation delay: no incident yet.
        Assert.Equal("Deferred", await PostAsync(cluster, http, Notification("{}:{alertname=\"ContactCenterYoung\"}", "firing", now.AddMinutes(-2))));
        Assert.Equal(2, serviceNow.Incidents.Count);

        // What happened is counted for the operator's own alert on a broken escalation path (this process: after the restart).
        using (var unknown = await http.PostAsJsonAsync(new Uri(cluster.IncidentBridge!.Address!, IncidentBridgeServer.PathFor(AlertingCluster.Namespace, "no-such-policy")),
            Notification("{}:{alertname=\"ContactCenterBillingWait\"}", "firing", now.AddMinutes(-20))))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        var metrics = await ExporterTests.ExportAsync(cluster.Manager.Metrics.Registry);
        foreach (var (outcome, count) in new[] { ("updated", 1), ("resolved", 1), ("nothing_to_resolve", 1), ("deferred", 1), ("refused", 1), ("created", 0), ("servicenow_error", 0) })
        {
            Assert.Contains($"{IncidentMetrics.NotificationsName}{{outcome=\"{outcome}\"}} {count}", metrics);
        }

        var logged = string.Join("\n", logs.Lines.Select(l => l.Message + " " + string.Join(' ', l.Scope.Values)));
        Assert.Contains("Created ServiceNow incident INC", logged);
        Assert.DoesNotContain("s3cr3t-p4ss", logged);
        Assert.DoesNotContain(Authorization["Basic ".Length..], logged);
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_and_throttled_reads_are_retried_without_a_second_incident()
    {
        await using var serviceNow = await FakeServiceNow.StartAsync(Authorization);
        using var http = new HttpClient();
        var target = new IncidentTarget(
            new ServiceNowSpec { InstanceUrl = serviceNow.Address.ToString(), CredentialsSecretRef = new() { Name = "s", Key = "k" }, EscalationDelay = "0s" },
            new ServiceNowCredentials(Credentials));
        var bridge = new IncidentBridge((_, _, _) => Task.FromResult(target), t => new ServiceNowClient(http, serviceNow.Address, t.Credentials, TimeProvider.System),
            TimeProvider.System, NullLogger.Instance);

        serviceNow.FailNext(HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError);
        serviceNow.LoseNextCreateAnswer();
        var outcome = await bridge.HandleAsync("default", "p", Notification("group-1", "firing", DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Equal(IncidentOutcome.Created, outcome);
        Assert.Single(serviceNow.Incidents);
        Assert.Equal(["GET", "GET", "GET", "POST", "GET"], serviceNow.Requests);
    }

    [Fact]
    public async Task Wrong_credentials_are_an_error_Alertmanager_retries_and_never_an_incident()
    {
        await using var serviceNow = await FakeServiceNow.StartAsync(Authorization);
        using var http = new HttpClient();
        var target = new IncidentTarget(
            new ServiceNowSpec { InstanceUrl = serviceNow.Address.ToString(), CredentialsSecretRef = new() { Name = "s", Key = "k" } },
            new ServiceNowCredentials("bridge-user:wrong"));
        var bridge = new IncidentBridge((_, _, _) => Task.FromResult(target), t => new ServiceNowClient(http, serviceNow.Address, t.Credentials, TimeProvider.System),
            TimeProvider.System, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<ServiceNowException>(() => bridge.HandleAsync("default", "p", Notification("g", "firing", DateTimeOffset.UtcNow.AddHours(-1)), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.DoesNotContain("wrong", error.Message);
        Assert.Empty(serviceNow.Incidents);
    }

    private static AlertmanagerNotification Notification(string groupKey, string status, DateTimeOffset startsAt) => new()
    {
        Version = "4",
        GroupKey = groupKey,
        Status = status,
        Receiver = "servicenow",
        CommonLabels = new Dictionary<string, string> { ["alertname"] = "ContactCenterBillingWait", ["severity"] = "critical" },
        CommonAnnotations = new Dictionary<string, string> { ["summary"] = "OldestContactAge above 300 s on queue billing of support (critical)" },
        Alerts =
        [
            new AlertmanagerAlert
            {
                Status = status,
                Labels = new Dictionary<string, string> { ["alertname"] = "ContactCenterBillingWait", ["severity"] = "critical", ["queue"] = "billing" },
                Annotations = new Dictionary<string, string> { ["description"] = "OldestContactAge of queue billing of support is 412 s", ["runbook_url"] = "https://example.com/runbook" },
                StartsAt = startsAt,
            },
        ],
    };

    private static async Task<string> PostAsync(AlertingCluster cluster, HttpClient http, AlertmanagerNotification notification)
    {
        var address = await AlertingCluster.EventuallyAsync(() => Task.FromResult(cluster.IncidentBridge?.Address), "the incident bridge to listen");
        using var response = await http.PostAsJsonAsync(new Uri(address, IncidentBridgeServer.PathFor(AlertingCluster.Namespace, "support-alerts")), notification);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return (string)JsonNode.Parse(body)!["outcome"]!;
    }
}
