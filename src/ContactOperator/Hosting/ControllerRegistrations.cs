using ContactOperator.Runtime.Hosting;

namespace ContactOperator.Hosting;

/// <summary>
/// The controllers the operator runs. The per-kind controllers (src/ContactOperator/Controllers) plug in by
/// implementing the partial method <see cref="AddControllers"/> in their own file of this partial class:
/// <code>
/// namespace ContactOperator.Hosting;
/// public static partial class ControllerRegistrations
/// {
///     static partial void AddControllers(List&lt;IControllerRegistration&gt; registrations)
///     {
///         registrations.Add(new QueueControllerRegistration());
///     }
/// }
/// </code>
/// Until then the host runs with no controllers (it still serves probes, metrics and leader election).
/// </summary>
public static partial class ControllerRegistrations
{
    /// <summary>Every registration compiled into this build, in registration order.</summary>
    public static IReadOnlyList<IControllerRegistration> All()
    {
        var registrations = new List<IControllerRegistration>();
        AddControllers(registrations);
        registrations.Add(new Kinds.FailoverPlans.FailoverPlanControllers(DefaultAws()));
        return registrations;
    }

    static partial void AddControllers(List<IControllerRegistration> registrations);
}
