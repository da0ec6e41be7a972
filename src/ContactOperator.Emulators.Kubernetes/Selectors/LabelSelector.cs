using ContactOperator.Emulators.Kubernetes.Http;

namespace ContactOperator.Emulators.Kubernetes.Selectors;

/// <summary>A parsed <c>labelSelector</c>: comma-separated requirements, all of which must hold.</summary>
internal sealed class LabelSelector
{
    private readonly List<Requirement> _requirements;

    private LabelSelector(List<Requirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEverything => _requirements.Count == 0;

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r.Matches(labels));

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var requirements = new List<Requirement>();
        foreach (var term in SplitTopLevel(text))
        {
            requirements.Add(ParseTerm(term.Trim(), text));
        }
        return new LabelSelector(requirements);
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }
        yield return text[start..];
    }

    private static Requirement ParseTerm(string term, string whole)
    {
        if (term.Length == 0)
        {
            throw Bad(whole, "empty requirement");
        }
        if (term.StartsWith('!'))
        {
            return new Requirement(CheckKey(term[1..].Trim(), whole), Operator.DoesNotExist, []);
        }
        foreach (var (token, op) in new[] { (" notin ", Operator.NotIn), (" in ", Operator.In) })
        {
            var at = term.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = CheckKey(term[..at].Trim(), whole);
                var set = term[(at + token.Length)..].Trim();
                if (!set.StartsWith('(') || !set.EndsWith(')'))
                {
                    throw Bad(whole, $"expected a parenthesised set of values after '{token.Trim()}'");
                }
                var values = set[1..^1].Split(',', StringSplitOptions.TrimEntries).Where(v => v.Length > 0).ToArray();
                return new Requirement(key, op, values);
            }
        }
        foreach (var (token, op) in new[] { ("!=", Operator.NotEquals), ("==", Operator.Equals), ("=", Operator.Equals) })
        {
            var at = term.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = CheckKey(term[..at].Trim(), whole);
                return new Requirement(key, op, [term[(at + token.Length)..].Trim()]);
            }
        }
        return new Requirement(CheckKey(term, whole), Operator.Exists, []);
    }

    private static string CheckKey(string key, string whole)
    {
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
        {
            throw Bad(whole, $"invalid label key \"{key}\"");
        }
        return key;
    }

    private static ApiException Bad(string selector, string why) =>
        ApiException.BadRequest($"unable to parse requirement: {why} in label selector \"{selector}\"");

    private enum Operator
    {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
    }

    private sealed record Requirement(string Key, Operator Op, string[] Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var has = labels.TryGetValue(Key, out var value);
            return Op switch
            {
                Operator.Equals => has && value == Values[0],
                Operator.NotEquals => !has || value != Values[0],
                Operator.In => has && Values.Contains(value),
                Operator.NotIn => !has || !Values.Contains(value),
                Operator.Exists => has,
                _ => !has,
            };
        }
    }
}
