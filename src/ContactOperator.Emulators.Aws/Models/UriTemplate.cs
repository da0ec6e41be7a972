namespace ContactOperator.Emulators.Aws.Models;

/// <summary>A rest-json request URI template such as <c>/queues/{InstanceId}/{QueueId}/name</c>.</summary>
internal sealed class UriTemplate
{
    private readonly string[] segments;

    private UriTemplate(string template, string[] segments, IReadOnlyDictionary<string, string> fixedQuery)
    {
        Template = template;
        this.segments = segments;
        FixedQuery = fixedQuery;
    }

    /// <summary>The template as written in the model.</summary>
    public string Template { get; }

    /// <summary>Query parameters that are part of the template itself (e.g. <c>?tagging</c>).</summary>
    public IReadOnlyDictionary<string, string> FixedQuery { get; }

    public int LiteralCount => segments.Count(s => !IsLabel(s));

    public static UriTemplate Parse(string template)
    {
        var original = template;
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        var q = template.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            foreach (var part in template[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                query[eq < 0 ? part : part[..eq]] = eq < 0 ? string.Empty : part[(eq + 1)..];
            }

            template = template[..q];
        }

        return new UriTemplate(original, template.Split('/', StringSplitOptions.RemoveEmptyEntries), query);
    }

    /// <summary>Matches decoded path segments; returns the label values or null.</summary>
    public Dictionary<string, string>? Match(IReadOnlyList<string> pathSegments)
    {
        if (pathSegments.Count != segments.Length)
        {
            return null;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Length; i++)
        {
            if (IsLabel(segments[i]))
            {
                if (pathSegments[i].Length == 0)
                {
                    return null;
                }

                labels[segments[i][1..^1].TrimEnd('+')] = pathSegments[i];
            }
            else if (!string.Equals(segments[i], pathSegments[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return labels;
    }

    private static bool IsLabel(string segment) => segment.StartsWith('{') && segment.EndsWith('}');
}
