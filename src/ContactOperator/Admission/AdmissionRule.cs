namespace ContactOperator.Admission;

/// <summary>One write under review, with what the rules found so far.</summary>
public sealed class AdmissionContext(AdmissionReviewRequest request, IContactResource obj, IContactResource? oldObject, IAdmissionObjects objects)
{
    public AdmissionReviewRequest Request { get; } = request;

    public IContactResource Resource { get; } = obj;

    /// <summary>The stored object an UPDATE replaces (with its status); null on CREATE.</summary>
    public IContactResource? OldResource { get; } = oldObject;

    public IAdmissionObjects Objects { get; } = objects;

    public string Namespace => Request.Namespace;

    public List<string> Problems { get; } = [];

    public List<string> Warnings { get; } = [];
}

/// <summary>A rule that needs more than the object itself: the old object, or other objects.</summary>
public interface IAdmissionRule
{
    Task CheckAsync(AdmissionContext context, CancellationToken cancellationToken);
}

/// <summary>A rule about objects of one kind.</summary>
public abstract class AdmissionRule<T> : IAdmissionRule
    where T : class, IContactResource
{
    public Task CheckAsync(AdmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Resource is T obj ? CheckAsync(context, obj, context.OldResource as T, cancellationToken) : Task.CompletedTask;
    }

    protected abstract Task CheckAsync(AdmissionContext context, T obj, T? old, CancellationToken cancellationToken);
}
