using System.Collections.Immutable;

namespace ContactOperator.Kinds.Contract;

/// <summary>
/// The settings of the kinds that have their own, by type (the AWS-backed flow's are <see cref="Reconciliation.SyncOptions"/>):
/// the host puts them in with <see cref="With{T}"/>, a kind takes its own with <see cref="Get{T}"/> when it registers
/// (the type's defaults when none was given). A new kind with settings adds its own type, and no file here changes.
/// </summary>
public sealed class KindSettings
{
    private readonly ImmutableDictionary<Type, object> settings;

    private KindSettings(ImmutableDictionary<Type, object> settings) => this.settings = settings;

    public static KindSettings Defaults { get; } = new(ImmutableDictionary<Type, object>.Empty);

    public KindSettings With<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(settings.SetItem(typeof(T), value));
    }

    public T Get<T>()
        where T : class, new() => settings.TryGetValue(typeof(T), out var value) ? (T)value : new T();
}
