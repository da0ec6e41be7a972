using ContactOperator.Api.Common;
using ContactOperator.Kinds.Contract;
using ContactOperator.Runtime.Caching;
using ContactOperator.Runtime.Hosting;
using ContactOperator.Runtime.Reconciliation;
using Microsoft.Extensions.Logging;
using k8s.Models;

namespace ContactOperator.Hosting;

/// <summary>
/// One log line (Information, category <c>ContactOperator.StateChanges</c>) each time an object's Ready condition
/// changes status or reason, and when an object is gone, as the informers see them: what the operator reports in
/// status, told as it happens. Objects already there at start are not listed.
/// </summary>
public sealed partial class StateChangeLog(IReadOnlyList<IKindModule> kinds) : IControllerRegistration, IDisposable
{
    private readonly List<IDisposable> subscriptions = [];

    public void Register(ControllerManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var logger = manager.LoggerFactory.CreateLogger("ContactOperator.StateChanges");
        foreach (var kind in kinds)
        {
            subscriptions.Add(kind.Observe(manager, new ResourceEventHandler<IContactResource>
            {
                OnUpdated = (before, after) => Changed(logger, kind.Kind, before, after),
                OnDeleted = gone => LogDeleted(logger, kind.Kind, gone.Metadata.NamespaceProperty, gone.Metadata.Name),
            }));
        }
    }

    private static void Changed(ILogger logger, string kind, IContactResource before, IContactResource after)
    {
        var was = Ready(before);
        var now = Ready(after);
        if (now is not null && (was?.Status, was?.Reason) != (now.Status, now.Reason))
        {
            LogReady(logger, kind, after.Metadata.NamespaceProperty, after.Metadata.Name, now.Status, now.Reason, now.Message);
        }
    }

    private static V1Condition? Ready(IContactResource resource) => Conditions.Find(resource.CommonStatus?.Conditions, ConditionTypes.Ready);

    public void Dispose()
    {
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }
        subscriptions.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {Namespace}/{Name}: Ready {Status} ({Reason}): {Summary}")]
    private static partial void LogReady(ILogger logger, string kind, string? @namespace, string name, string status, string? reason, string? summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {Namespace}/{Name}: deleted")]
    private static partial void LogDeleted(ILogger logger, string kind, string? @namespace, string name);
}
