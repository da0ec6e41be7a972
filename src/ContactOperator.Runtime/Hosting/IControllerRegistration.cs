namespace ContactOperator.Runtime.Hosting;

/// <summary>
/// The extension point through which a kind's controller joins an operator host. An implementation creates its
/// informers, indexes and controller on the manager (<c>manager.For(descriptor)…Complete(reconciler)</c>) and
/// nothing else; the host runs, elects and stops them.
/// </summary>
public interface IControllerRegistration
{
    /// <summary>Adds this registration's controllers (and any informers and indexes they need) to <paramref name="manager"/>.</summary>
    void Register(ControllerManager manager);
}
