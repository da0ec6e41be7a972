namespace ContactOperator.Benchmarks;

/// <summary>
/// Harness-style measurements (a loop with its own clock and counters rather than BenchmarkDotNet).
/// Each area registers its harnesses from a <c>[ModuleInitializer]</c> in its own folder.
/// </summary>
public static class Harnesses
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> All = new(StringComparer.OrdinalIgnoreCase);

    public static void Register(string name, Func<string[], Task<int>> harness) => All[name] = harness;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !All.TryGetValue(args[0], out var harness))
        {
            Console.Error.WriteLine($"harness: name one of: {string.Join(", ", All.Keys.Order())}");
            return 2;
        }
        return await harness(args[1..]);
    }
}
