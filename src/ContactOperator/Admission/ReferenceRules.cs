using ContactOperator.Api.Kinds;

namespace ContactOperator.Admission;

/// <summary>
/// References between objects. A reference to an object that does not exist yet is allowed with a warning: manifests
/// arrive in any order (one <c>kubectl apply -f dir/</c>, Argo CD waves) and the controller waits for it. A reference
/// to an object that belongs to another ContactInstance is refused: Amazon Connect cannot use a queue or hours of one
/// instance in another, so the write could never converge.
/// </summary>
public static class ReferenceRules
{
    /// <summary>Warns when the ContactInstance a resource names does not exist; returns it when it does.</summary>
    public static async Task<ContactInstance?> InstanceAsync(AdmissionContext context, string path, string instanceName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instance = await context.Objects.GetAsync<ContactInstance>(context.Namespace, instanceName, cancellationToken);
        if (instance is null)
        {
            context.Warnings.Add($"{path}: ContactInstance {instanceName} does not exist in namespace {context.Namespace} yet; the operator waits for it");
        }
        return instance;
    }

    /// <summary>Refuses a reference to an object of another instance; warns when the object does not exist.</summary>
    public static async Task SameInstanceAsync<TTarget>(
        AdmissionContext context, string path, string targetName, string instanceName, Func<TTarget, string> ownerOf, CancellationToken cancellationToken)
        where TTarget : class, IContactResource
    {
        ArgumentNullException.ThrowIfNull(ownerOf);
        ArgumentNullException.ThrowIfNull(context);
        var target = await context.Objects.GetAsync<TTarget>(context.Namespace, targetName, cancellationToken);
        var kind = typeof(TTarget).Name;
        if (target is null)
        {
            context.Warnings.Add($"{path}: {kind} {targetName} does not exist in namespace {context.Namespace} yet; the operator waits for it");
            return;
        }
        if (ownerOf(target) is { } owner && owner != instanceName)
        {
            context.Problems.Add($"{path} names {kind} {targetName} of ContactInstance {owner}, but this object belongs to ContactInstance {instanceName}: references must stay within one instance");
        }
    }
}

/// <summary>A kind that lives in an instance: the instance should exist.</summary>
public sealed class InstanceReferenceRule<T>(Func<T, string> instanceOf) : AdmissionRule<T>
    where T : class, IContactResource
{
    protected override Task CheckAsync(AdmissionContext context, T obj, T? old, CancellationToken cancellationToken) =>
        ReferenceRules.InstanceAsync(context, "spec.instanceRef.name", instanceOf(obj), cancellationToken);
}

/// <summary>A queue follows hours of its own instance.</summary>
public sealed class QueueReferenceRule : AdmissionRule<Queue>
{
    protected override Task CheckAsync(AdmissionContext context, Queue obj, Queue? old, CancellationToken cancellationToken) =>
        ReferenceRules.SameInstanceAsync<HoursOfOperation>(context, "spec.hoursOfOperationRef.name", obj.Spec.HoursOfOperationRef.Name, obj.Spec.InstanceRef.Name, h => h.Spec.InstanceRef.Name, cancellationToken);
}

/// <summary>A routing profile takes contacts from queues of its own instance.</summary>
public sealed class RoutingProfileReferenceRule : AdmissionRule<RoutingProfile>
{
    private static string OwnerOf(Queue queue) => queue.Spec.InstanceRef.Name;

    protected override async Task CheckAsync(AdmissionContext context, RoutingProfile obj, RoutingProfile? old, CancellationToken cancellationToken)
    {
        var instance = obj.Spec.InstanceRef.Name;
        await ReferenceRules.SameInstanceAsync<Queue>(context, "spec.defaultOutboundQueueRef.name", obj.Spec.DefaultOutboundQueueRef.Name, instance, OwnerOf, cancellationToken);
        var configs = obj.Spec.QueueConfigs ?? [];
        var checkedQueues = new HashSet<string>(StringComparer.Ordinal) { obj.Spec.DefaultOutboundQueueRef.Name };
        for (var i = 0; i < configs.Count; i++)
        {
            if (configs[i]?.QueueRef?.Name is { } queue && checkedQueues.Add(queue))
            {
                await ReferenceRules.SameInstanceAsync<Queue>(context, $"spec.queueConfigs[{i}].queueRef.name", queue, instance, OwnerOf, cancellationToken);
            }
        }
    }
}

/// <summary>An alert policy watches queues of its own instance.</summary>
public sealed class AlertPolicyReferenceRule : AdmissionRule<AlertPolicy>
{
    protected override async Task CheckAsync(AdmissionContext context, AlertPolicy obj, AlertPolicy? old, CancellationToken cancellationToken)
    {
        var instance = obj.Spec.InstanceRef.Name;
        await ReferenceRules.InstanceAsync(context, "spec.instanceRef.name", instance, cancellationToken);
        var checkedQueues = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < obj.Spec.Rules.Count; i++)
        {
            if (obj.Spec.Rules[i]?.QueueRef is { } queue && checkedQueues.Add(queue.Name))
            {
                await ReferenceRules.SameInstanceAsync<Queue>(context, $"spec.rules[{i}].queueRef.name", queue.Name, instance, q => q.Spec.InstanceRef.Name, cancellationToken);
            }
        }
    }
}
