namespace ContactOperator.Emulators.Aws.Http;

/// <summary>
/// The raw request target split into decoded path segments and query parameters. Works on the raw
/// target so that URL-encoded ARNs in a path label (<c>/tags/arn%3Aaws%3A...%2Fqueue%2F...</c>) stay one segment.
/// </summary>
internal sealed record RequestTarget(IReadOnlyList<string> Segments, IReadOnlyDictionary<string, List<string>> Query)
{
    public static RequestTarget Parse(string rawTarget)
    {
        var q = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? rawTarget : rawTarget[..q];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        var query = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (q >= 0)
        {
            foreach (var pair in rawTarget[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Decode(eq < 0 ? pair : pair[..eq]);
                var value = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
                if (!query.TryGetValue(key, out var values))
                {
                    query[key] = values = [];
                }

                values.Add(value);
            }
        }

        return new RequestTarget(segments, query);
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
