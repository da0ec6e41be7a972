using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using Queue = ContactOperator.Api.Kinds.Queue;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Runtime.Caching;
using ContactOperator.Runtime.Reconciliation;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Metrics;

/// <summary>
/// Polls Connect's queue metrics for every Ready ContactInstance in the cache, one instance after the other, every
/// <see cref="ExporterOptions.Interval"/>. It runs as a controller of the manager, so only the leader spends API
/// quota; the queues come from the Queue cache (Ready queues with an AWS id), so the <c>queue</c> label is the
/// Queue object's name that AlertPolicies refer to.
/// </summary>
public sealed partial class ContactCenterExporter(
    ResourceInformer<ContactInstance> instances,
    ResourceInformer<Queue> queues,
    Func<string, IConnectClient> connectFor,
    ContactCenterGauges gauges,
    ExporterOptions options,
    TimeProvider time,
    ILogger logger) : IController
{
    private readonly InstancePoller poller = new(options);
    private int running;

    public string Name => "contact-center-exporter";

    public bool IsRunning => Volatile.Read(ref running) == 1;

    public IInformer Informer => instances;

    public async Task RunAsync(CancellationToken stopTakingWork, CancellationToken abort)
    {
        Volatile.Write(ref running, 1);
        try
        {
            while (!stopTakingWork.IsCancellationRequested)
            {
                await PollAllAsync(stopTakingWork);
                try
                {
                    await Task.Delay(options.Interval, time, stopTakingWork);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            Volatile.Write(ref running, 0);
        }
    }

    /// <summary>One poll cycle over every Ready instance; failures are counted per instance and never stop the others.</summary>
    public async Task PollAllAsync(CancellationToken cancellationToken)
    {
        var targets = Targets();
        foreach (var stale in gauges.Instances().Where(i => !targets.Any(t => t.Namespace == i.Namespace && t.Instance == i.Instance)))
        {
            gauges.Forget(stale.Namespace, stale.Instance);
        }
        foreach (var (ns, name, region, target) in targets)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            try
            {
                var result = await poller.PollAsync(connectFor(region), target, time.GetUtcNow(), cancellationToken);
                gauges.Record(ns, name, result, time.GetUtcNow());
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is AwsServiceException or OperationCanceledException or TimeoutException or HttpRequestException)
            {
                var code = e switch
                {
                    AwsServiceException aws => aws.ErrorCode,
                    OperationCanceledException or TimeoutException => "Timeout",
                    _ => "Unknown",
                };
                gauges.RecordError(ns, name, code);
                LogPollFailed(logger, ns, name, code, e.Message);
            }
        }
    }

    private List<(string Namespace, string Instance, string Region, PollTarget Target)> Targets()
    {
        var queuesByInstance = queues.List()
            .Where(q => q.Status?.Id is { Length: > 0 } && Conditions.IsTrue(q.Status.Conditions, ConditionTypes.Ready))
            .GroupBy(q => (q.Metadata.NamespaceProperty ?? "", q.Spec.InstanceRef.Name))
            .ToDictionary(g => g.Key, g => g.ToDictionary(q => q.Status!.Id!, q => q.Metadata.Name, StringComparer.Ordinal));
        return [.. instances.List()
            .Where(i => i.Status is { Id.Length: > 0, Arn.Length: > 0 } && Conditions.IsTrue(i.Status.Conditions, ConditionTypes.Ready))
            .Select(i => (Ns: i.Metadata.NamespaceProperty ?? "", Instance: i, Queues: queuesByInstance.GetValueOrDefault((i.Metadata.NamespaceProperty ?? "", i.Metadata.Name))))
            .Where(x => x.Queues is { Count: > 0 })
            .Select(x => (x.Ns, x.Instance.Metadata.Name, x.Instance.Status!.Region ?? x.Instance.Spec.Region,
                new PollTarget(x.Instance.Status.Id!, x.Instance.Status.Arn!, x.Queues!)))];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue metrics of {Namespace}/{Instance} failed ({Code}): {Reason}")]
    private static partial void LogPollFailed(ILogger logger, string @namespace, string instance, string code, string reason);
}
