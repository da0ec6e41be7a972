namespace ContactOperator.Emulators.Aws.Models;

/// <summary>
/// The errors each operation declares (from the official AWS JavaScript SDK v3 command docs), so the
/// emulator answers a generic failure (bad input, throttling) with a code the operation can return.
/// </summary>
internal static class DeclaredErrors
{
    private static readonly Dictionary<string, HashSet<string>> ByServiceAndOperation = Load();

    public static bool Declares(string signingName, string operation, string errorCode) =>
        ByServiceAndOperation.TryGetValue($"{signingName}/{operation}", out var codes) && codes.Contains(errorCode);

    private static Dictionary<string, HashSet<string>> Load()
    {
        using var stream = typeof(DeclaredErrors).Assembly.GetManifestResourceStream("declared-errors.md")
            ?? throw new InvalidOperationException("embedded declared-errors.md is missing");
        using var reader = new StreamReader(stream);
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        string? service = null;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("### client-", StringComparison.Ordinal))
            {
                service = line["### client-".Length..].Trim() switch
                {
                    "connect" => "connect",
                    "route53-recovery-control-config" => "route53-recovery-control-config",
                    "route53-recovery-cluster" => "route53-recovery-cluster",
                    var other => other,
                };
            }
            else if (service is not null && line.StartsWith("- ", StringComparison.Ordinal))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var op = line[2..colon];
                var codes = line[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                result[$"{service}/{op}"] = [.. codes];
            }
        }

        return result;
    }
}
