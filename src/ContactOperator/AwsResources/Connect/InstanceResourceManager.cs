using ContactOperator.AwsResources;
namespace ContactOperator.AwsResources.Connect;

/// <summary>The desired state of a named resource inside an instance.</summary>
public interface INamedDesired
{
    string Name { get; }
}

/// <summary>A named resource inside an Amazon Connect instance (hours, queues, routing profiles…).</summary>
public abstract class InstanceResourceManager<TDesired, TObserved>(
    string awsKind, Func<TDesired, TObserved, IReadOnlyList<AwsWrite<InstancePlacement, TObserved>>>? delta = null)
    : AwsResourceManager<InstancePlacement, TDesired, TObserved>(awsKind, delta)
    where TDesired : class, INamedDesired
    where TObserved : class, IObservedResource
{
    public sealed override string DesiredName(TDesired desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return desired.Name;
    }
}
