using System.Text.Json.Nodes;
using ContactOperator.Api.Common;
using ContactOperator.Controllers;
using ContactOperator.Emulators.Aws;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using k8s;

namespace ContactOperator.Local;

/// <summary>
/// Queue traffic for the AWS emulator, so the contact-center exporter has figures to show in local mode: a steady,
/// quiet load below every threshold of the sample AlertPolicy, set on each Queue once the operator made it Ready.
/// </summary>
public static class SampleLoad
{
    /// <summary>The load every sample queue gets (oldest contact 45 s, abandonment 3.5 %: under the sample thresholds).</summary>
    public static QueueLoad Quiet { get; } = new()
    {
        ContactsInQueue = 3,
        OldestContactAge = TimeSpan.FromSeconds(45),
        AgentsOnline = 12,
        AgentsAvailable = 4,
        AgentsOnContact = 7,
        AgentsStaffed = 11,
        AgentsAfterContactWork = 1,
        SlotsActive = 7,
        SlotsAvailable = 5,
        Historical = new Dictionary<string, double>
        {
            ["CONTACTS_CREATED"] = 180,
            ["CONTACTS_HANDLED"] = 171,
            ["CONTACTS_ABANDONED"] = 6,
            ["ABANDONMENT_RATE"] = 3.5,
            ["AVG_QUEUE_ANSWER_TIME"] = 22,
            ["SERVICE_LEVEL"] = 86,
        },
    };

    /// <summary>Sets <see cref="Quiet"/> on every Ready Queue of <paramref name="namespace"/> that has none yet, until cancelled.</summary>
    public static async Task SeedUntilCancelledAsync(IKubernetes client, AwsEmulatorControl aws, string @namespace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var queues = new ResourceClient<Api.Kinds.Queue>(client, Descriptors.Queue);
        var instances = new ResourceClient<Api.Kinds.ContactInstance>(client, Descriptors.ContactInstance);
        var seeded = new HashSet<string>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                foreach (var queue in (await queues.ListAsync(@namespace, cancellationToken: cancellationToken)).Items)
                {
                    if (queue.Status?.Id is not { Length: > 0 } queueId || seeded.Contains(queueId) || !Conditions.IsTrue(queue.Status.Conditions, ConditionTypes.Ready))
                    {
                        continue;
                    }
                    var instance = await instances.TryGetAsync(new ObjectKey(@namespace, queue.Spec.InstanceRef.Name), cancellationToken);
                    if (instance?.Status is { Id.Length: > 0, Region.Length: > 0 } status)
                    {
                        aws.SetQueueLoad(status.Region!, status.Id!, queueId, Quiet);
                        seeded.Add(queueId);
                    }
                }
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Creates an ACTIVE instance with <paramref name="queues"/> standard queues directly in the emulator (no API quota
    /// spent): the instance's default queue plus new ones named queue-NN. Returns queue id → name.
    /// </summary>
    public static (string InstanceId, string InstanceArn, IReadOnlyDictionary<string, string> Queues) CreateInstanceWithQueues(
        AwsEmulatorControl aws, string region, string alias, int queues)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var instance = aws.InvokeOutOfBand("connect", region, "CreateInstance", new JsonObject
        {
            ["IdentityManagementType"] = "CONNECT_MANAGED",
            ["InstanceAlias"] = alias,
            ["InboundCallsEnabled"] = true,
            ["OutboundCallsEnabled"] = true,
        });
        var instanceId = instance["Id"]!.GetValue<string>();
        var hours = aws.InvokeOutOfBand("connect", region, "ListHoursOfOperations", new JsonObject { ["InstanceId"] = instanceId });
        var hoursId = hours["HoursOfOperationSummaryList"]![0]!["Id"]!.GetValue<string>();
        var created = new Dictionary<string, string>(StringComparer.Ordinal);
        var existing = aws.InvokeOutOfBand("connect", region, "ListQueues", new JsonObject { ["InstanceId"] = instanceId, ["QueueTypes"] = new JsonArray("STANDARD") });
        foreach (var summary in existing["QueueSummaryList"]!.AsArray().Take(queues))
        {
            created[summary!["Id"]!.GetValue<string>()] = summary["Name"]!.GetValue<string>();
        }
        for (var i = created.Count; i < queues; i++)
        {
            var name = $"queue-{i:D2}";
            var queue = aws.InvokeOutOfBand("connect", region, "CreateQueue", new JsonObject
            {
                ["InstanceId"] = instanceId,
                ["Name"] = name,
                ["HoursOfOperationId"] = hoursId,
            });
            created[queue["QueueId"]!.GetValue<string>()] = name;
        }
        return (instanceId, instance["Arn"]!.GetValue<string>(), created);
    }
}
