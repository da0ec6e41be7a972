using ContactOperator.Api.Kinds;
using ContactOperator.Aws.Connect;
using ContactOperator.Controllers;
using ContactOperator.Emulators.Aws;
using ContactOperator.Emulators.Aws.Faults;
using ContactOperator.Local;
using ContactOperator.Metrics;
using ContactOperator.Runtime.Caching;
using ContactOperator.Runtime.Resources;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using Queue = ContactOperator.Api.Kinds.Queue;

namespace ContactOperator.Tests.Alerting;

/// <summary>The contact-center exporter against the AWS emulator: batching, units, labels, failures, exposition format.</summary>
public sealed class ExporterTests
{
    private static readonly QueueLoad Busy = new()
    {
        ContactsInQueue = 7,
        OldestContactAge = TimeSpan.FromSeconds(95),
        AgentsOnline = 12,
        AgentsAvailable = 3,
        AgentsStaffed = 10,
        Historical = new Dictionary<string, double>
        {
            ["CONTACTS_CREATED"] = 90,
            ["CONTACTS_HANDLED"] = 81,
            ["ABANDONMENT_RATE"] = 4.5,
            ["SERVICE_LEVEL"] = 80,
            ["AVG_QUEUE_ANSWER_TIME"] = 31,
        },
    };

    [Fact]
    public async Task One_poll_of_fifty_queues_costs_one_GetCurrentMetricData_and_one_GetMetricDataV2_call_and_reports_base_units()
    {
        await using var cluster = await AlertingCluster.StartAsync(prometheusOperatorCrds: false);
        var (instanceId, arn, queues) = BusyInstance(cluster.Aws.Control, "fifty", 50);
        using var connect = new ConnectClient(cluster.AwsOptions);
        cluster.Aws.Control.ClearRequestLog();

        var options = new ExporterOptions();
        var result = await new InstancePoller(options).PollAsync(connect, new PollTarget(instanceId, arn, queues), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(1, cluster.Aws.Control.CountOf("GetCurrentMetricData"));
        Assert.Equal(1, cluster.Aws.Control.CountOf("GetMetricDataV2"));
        Assert.Equal((1, 1), (result.CurrentMetricCalls, result.HistoricalMetricCalls));
        Assert.Equal(50, result.Queues.Count);
        var figures = result.Queues["queue-42"];
        Assert.Equal(95, figures[ContactCenterMetricNames.QueueOldestContactAge]); // seconds, not AWS's ungrouped milliseconds
        Assert.Equal(7, figures[ContactCenterMetricNames.QueueContacts]);
        Assert.Equal(3, figures[ContactCenterMetricNames.QueueAgentsAvailable]);
        Assert.Equal(0.045, figures[ContactCenterMetricNames.QueueAbandonmentRatio], 9);
        Assert.Equal(0.8, figures[ContactCenterMetricNames.QueueServiceLevelRatio], 9);
        Assert.Equal(31, figures[ContactCenterMetricNames.QueueAnswerTime]);
        Assert.Equal(90 / options.Window.TotalSeconds, figures[ContactCenterMetricNames.QueueContactsCreatedRate], 9);
    }

    [Fact]
    public async Task Ready_instances_are_polled_from_the_cache_and_a_failing_poll_is_counted_while_the_last_success_time_stays()
    {
        await using var cluster = await AlertingCluster.StartAsync(prometheusOperatorCrds: false);
        var (instanceId, arn, queues) = BusyInstance(cluster.Aws.Control, "support", 2);
        await cluster.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: ContactInstance
            metadata: {name: support}
            spec: {region: us-east-1, identityManagementType: CONNECT_MANAGED, instanceAlias: support}
            ---
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: Queue
            metadata: {name: billing}
            spec: {instanceRef: {name: support}, hoursOfOperationRef: {name: office-hours}}
            ---
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: Queue
            metadata: {name: technical}
            spec: {instanceRef: {name: support}, hoursOfOperationRef: {name: office-hours}}
            ---
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: Queue
            metadata: {name: not-ready-yet}
            spec: {instanceRef: {name: support}, hoursOfOperationRef: {name: office-hours}}
            """);
        await cluster.MarkReadyAsync(Descriptors.ContactInstance, "support", instanceId, arn);
        var ids = queues.Keys.Order().ToList();
        await cluster.MarkReadyAsync(Descriptors.Queue, "billing", ids[0], $"{arn}/queue/{ids[0]}");
        await cluster.MarkReadyAsync(Descriptors.Queue, "technical", ids[1], $"{arn}/queue/{ids[1]}");

        using var stop = new CancellationTokenSource();
        var instances = new ResourceInformer<ContactInstance>(cluster.Resources(Descriptors.ContactInstance));
        var queueCache = new ResourceInformer<Queue>(cluster.Resources(Descriptors.Queue));
        var running = new[] { instances.RunAsync(stop.Token), queueCache.RunAsync(stop.Token) };
        await instances.WaitForSyncAsync(CancellationToken.None);
        await queueCache.WaitForSyncAsync(CancellationToken.None);

        var registry = Prometheus.Metrics.NewCustomRegistry();
        using var connect = new ConnectClient(cluster.AwsOptions);
        var exporter = new ContactCenterExporter(instances, queueCache, _ => connect, new ContactCenterGauges(registry),
            new ExporterOptions(), TimeProvider.System, NullLogger.Instance);

        await exporter.PollAllAsync(CancellationToken.None);
        var first = await ExportAsync(registry);
        Assert.Contains("contact_center_queue_oldest_contact_age_seconds{connect_namespace=\"default\",connect_instance=\"support\",queue=\"billing\"} 95", first);
        Assert.Contains("contact_center_queue_agents_available{connect_namespace=\"default\",connect_instance=\"support\",queue=\"technical\"} 3", first);
        Assert.DoesNotContain("not-ready-yet", first);
        var lastSuccess = Line(first, "contact_center_exporter_last_success_timestamp_seconds{connect_namespace=\"default\",connect_instance=\"support\"}");

        cluster.Aws.Control.InjectFault(new FaultRule { Operation = "GetCurrentMetricData", ErrorCode = "ServiceQuotaExceededException" });
        await exporter.PollAllAsync(CancellationToken.None);
        var second = await ExportAsync(registry);
        Assert.Contains("contact_center_exporter_poll_errors_total{connect_namespace=\"default\",connect_instance=\"support\",code=\"ServiceQuotaExceededException\"} 1", second);
        Assert.Equal(lastSuccess, Line(second, "contact_center_exporter_last_success_timestamp_seconds{connect_namespace=\"default\",connect_instance=\"support\"}"));
        Assert.Contains("contact_center_queue_oldest_contact_age_seconds{connect_namespace=\"default\",connect_instance=\"support\",queue=\"billing\"} 95", second);

        await cluster.Resources(Descriptors.ContactInstance).DeleteAsync(new ObjectKey(AlertingCluster.Namespace, "support"));
        await AlertingCluster.EventuallyAsync(() => Task.FromResult(instances.Count == 0 ? "gone" : null), "the instance to leave the cache");
        await exporter.PollAllAsync(CancellationToken.None);
        Assert.DoesNotContain("connect_instance=\"support\",queue=", await ExportAsync(registry));

        await stop.CancelAsync();
        await Task.WhenAll(running);
    }

    [Fact]
    public async Task The_exposition_passes_promtool_check_metrics()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var gauges = new ContactCenterGauges(registry);
        var figures = QueueSeries.All.ToDictionary(s => s.Name, _ => 1.0);
        gauges.Record("default", "support", new PollResult(new Dictionary<string, IReadOnlyDictionary<string, double>> { ["billing"] = figures }, 1, 1), DateTimeOffset.UtcNow);
        gauges.RecordError("default", "support", "ThrottlingException");
        var text = await ExportAsync(registry);
        foreach (var series in QueueSeries.All)
        {
            Assert.Contains($"# HELP {series.Name} ", text);
        }
        var result = await ChildProcess.RunAsync(Tools.Resolve("promtool"), ["check", "metrics"], stdin: text);
        Assert.True(result.ExitCode == 0 && result.Output.Trim().Length == 0, result.Output);
    }

    private static (string InstanceId, string Arn, IReadOnlyDictionary<string, string> Queues) BusyInstance(AwsEmulatorControl aws, string alias, int queues)
    {
        var instance = SampleLoad.CreateInstanceWithQueues(aws, "us-east-1", alias, queues);
        foreach (var queueId in instance.Queues.Keys)
        {
            aws.SetQueueLoad("us-east-1", instance.InstanceId, queueId, Busy);
        }
        return instance;
    }

    internal static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Line(string exposition, string prefix) =>
        exposition.Split('\n').Single(l => l.StartsWith(prefix + " ", StringComparison.Ordinal));
}
