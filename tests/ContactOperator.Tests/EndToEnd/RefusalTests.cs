using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Controllers;
using ContactOperator.Emulators.Aws.Faults;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Tests.EndToEnd;

/// <summary>A write AWS refused for good is remembered in status (Stalled), not in a process's memory.</summary>
public partial class RefusalTests
{
    [Fact]
    public async Task A_refused_write_is_not_sent_again_after_an_operator_restart_and_a_spec_change_clears_it()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        await h.ApplyQueueWithItsInstanceAsync("acme-refusals", ", maxContacts: 50");
        await h.WaitForReadyAsync(Descriptors.Queue, "billing");
        h.Aws.Control.InjectFault(new FaultRule
        {
            Service = "connect", Operation = "UpdateQueueMaxContacts", ErrorCode = "InvalidParameterException", StatusCode = 400, Message = "MaxContacts is out of range.",
        });
        var queues = h.Resources(Descriptors.Queue);
        var key = new ObjectKey(ContactCenterHarness.Namespace, "billing");

        var edited = await queues.PatchAsync(key, JsonNode.Parse("""{"spec":{"maxContacts":80}}""")!);
        var refused = await h.WaitForAsync(Descriptors.Queue, "billing", q => Stalled(q) is { } s && s.ObservedGeneration == edited.Metadata.Generation);
        var stalled = Stalled(refused)!;
        Assert.Equal(("True", "AwsInvalidRequest"), (stalled.Status, stalled.Reason));
        Assert.Contains("MaxContacts is out of range.", stalled.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Aws.Control.CountOf("UpdateQueueMaxContacts", "InvalidParameterException"));

        // A new process knows nothing of the refusal but what status says: it looks at the queue and sends nothing.
        await h.StopOperatorAsync();
        await h.StartOperatorAsync();
        await Eventually.TrueAsync(async () => TerminalReconciles(await h.ScrapeMetricsAsync()) >= 1, "the restarted operator reconciled the refused queue");
        Assert.Equal(1, h.Aws.Control.CountOf("UpdateQueueMaxContacts"));

        // The next edit of the spec is tried, and clears the refusal once it succeeds.
        h.Aws.Control.ClearFaults();
        var fixedSpec = await queues.PatchAsync(key, JsonNode.Parse("""{"spec":{"maxContacts":60}}""")!);
        var ready = await h.WaitForAsync(Descriptors.Queue, "billing",
            q => q.Status?.ObservedGeneration == fixedSpec.Metadata.Generation && Conditions.IsTrue(q.Status?.Conditions, ConditionTypes.Ready));
        Assert.Null(Stalled(ready));
        Assert.Equal(2, h.Aws.Control.CountOf("UpdateQueueMaxContacts"));
        var instance = await h.WaitForReadyAsync(Descriptors.ContactInstance, "support");
        Assert.Equal(60, (int?)h.Aws.Control.GetQueue("us-east-1", instance.Status!.Id!, ready.Status!.Id!)?["MaxContacts"]);
    }

    private static k8s.Models.V1Condition? Stalled(Queue queue) => Conditions.Find(queue.Status?.Conditions, ConditionTypes.Stalled);

    /// <summary>Reconciles of Queues that ended refused (the Stalled skip ends that way too).</summary>
    private static double TerminalReconciles(string metrics) =>
        TerminalLine().Matches(metrics).Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("""^contact_operator_reconcile_total\{controller="[^"]*queue[^"]*",result="terminal_error"\} (\S+)$""", RegexOptions.Multiline)]
    private static partial Regex TerminalLine();
}
