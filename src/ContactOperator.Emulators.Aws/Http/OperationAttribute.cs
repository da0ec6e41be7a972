using System.Reflection;
using ContactOperator.Emulators.Aws.Faults;

namespace ContactOperator.Emulators.Aws.Http;

/// <summary>A class whose <see cref="OperationAttribute"/> methods are operations of the service with this signing name.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class EmulatedServiceAttribute(string signingName) : Attribute
{
    public string SigningName { get; } = signingName;
}

/// <summary>
/// Marks a static method <c>JsonObject M(OperationContext, JsonObject)</c> as the handler of one operation, and holds
/// the operation's documented rate limit when it differs from its service's (<see cref="ServiceDefinition.DefaultRateLimit"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class OperationAttribute(string name) : Attribute
{
    /// <summary>The operation's name in the service model, e.g. <c>CreateQueue</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Sustained requests per second AWS allows; 0: the service's default.</summary>
    public double RequestsPerSecond { get; set; }

    /// <summary>The burst served before 429s begin (with <see cref="RequestsPerSecond"/>).</summary>
    public double Burst { get; set; }

    public RateLimit? RateLimit => RequestsPerSecond > 0 ? new RateLimit(RequestsPerSecond, Burst) : null;
}

/// <summary>One emulated operation: its handler and its own rate limit, if it has one.</summary>
internal sealed record EmulatedHandler(OperationHandler Handle, RateLimit? RateLimit);

/// <summary>
/// Finds every operation handler of the emulator by its attributes, once: the handlers live next to the state they
/// change (Connect/QueueOperations.cs, Arc/ArcConfigOperations.cs, ...) and nothing lists them. Plain reflection over
/// this assembly's attributes: the emulator is a test oracle and local-mode tool, never trimmed or published AOT.
/// </summary>
internal static class OperationHandlers
{
    /// <summary>Signing name → operation → handler.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, EmulatedHandler>> All { get; } = Discover(typeof(OperationHandlers).Assembly.GetTypes());

    /// <summary>The handlers of <paramref name="types"/>; throws on a handler without a service or an operation handled twice.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, EmulatedHandler>> Discover(IEnumerable<Type> types)
    {
        var services = new Dictionary<string, Dictionary<string, EmulatedHandler>>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            var methods = type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(m => (Method: m, Operation: m.GetCustomAttribute<OperationAttribute>()))
                .Where(m => m.Operation is not null)
                .ToList();
            if (methods.Count == 0)
            {
                continue;
            }
            var service = type.GetCustomAttribute<EmulatedServiceAttribute>()?.SigningName
                ?? throw new InvalidOperationException($"{type.Name} has [Operation] handlers but no [EmulatedService]");
            var handlers = services.TryGetValue(service, out var found) ? found : services[service] = new(StringComparer.Ordinal);
            foreach (var (method, operation) in methods)
            {
                if (!handlers.TryAdd(operation!.Name, new EmulatedHandler(method.CreateDelegate<OperationHandler>(), operation.RateLimit)))
                {
                    throw new InvalidOperationException($"{service}:{operation.Name} has two handlers; the second is {type.Name}.{method.Name}");
                }
            }
        }
        return services.ToDictionary(s => s.Key, s => (IReadOnlyDictionary<string, EmulatedHandler>)s.Value, StringComparer.Ordinal);
    }
}
