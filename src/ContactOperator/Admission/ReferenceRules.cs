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

    /// <summary>
    /// <see cref="SameInstanceAsync{TTarget}"/> for several references: one lookup, warning or refusal per object named,
    /// naming every field that names it (a queue missing from the default and from queueConfigs[1] is reported with both).
    /// </summary>
    public static async Task SameInstanceAllAsync<TTarget>(
        AdmissionContext context, IEnumerable<(string Path, string? Name)> references, string instanceName, Func<TTarget, string> ownerOf, CancellationToken cancellationToken)
        where TTarget : class, IContactResource
    {
        ArgumentNullException.ThrowIfNull(references);
        var byName = references.Where(r => r.Name is { Length: > 0 }).GroupBy(r => r.Name!, StringComparer.Ordinal);
        foreach (var named in byName)
        {
            await SameInstanceAsync(context, string.Join(", ", named.Select(r => r.Path)), named.Key, instanceName, ownerOf, cancellationToken);
        }
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
            context.Problems.Add($"{path} {(path.Contains(", ", StringComparison.Ordinal) ? "name" : "names")} {kind} {targetName} of ContactInstance {owner}, but this object belongs to ContactInstance {instanceName}: references must stay within one instance");
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
