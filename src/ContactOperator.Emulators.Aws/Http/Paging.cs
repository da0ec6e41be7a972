using System.Globalization;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Http;

/// <summary>NextToken/MaxResults pagination over an ordered list (tokens are opaque to clients).</summary>
internal static class Paging
{
    private const string Prefix = "emu1.";

    public static (List<T> Page, string? NextToken) Page<T>(
        OperationContext context, IEnumerable<T> ordered, JsonObject input, int defaultMax, int limit,
        string maxMember = "MaxResults", string tokenMember = "NextToken")
    {
        var max = input.Int(maxMember) ?? defaultMax;
        if (max < 1 || max > limit)
        {
            throw context.Invalid($"1 validation error detected: Value '{max}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and {limit}");
        }

        var start = 0;
        if (input.Str(tokenMember) is { } token)
        {
            if (!token.StartsWith(Prefix, StringComparison.Ordinal)
                || !int.TryParse(token[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out start))
            {
                throw context.Invalid("The next token is not valid.");
            }
        }

        var all = ordered.ToList();
        var page = all.Skip(start).Take(max).ToList();
        var next = start + max < all.Count ? Prefix + (start + max).ToString(CultureInfo.InvariantCulture) : null;
        return (page, next);
    }

    public static JsonObject WithToken(this JsonObject output, string? nextToken, string tokenMember = "NextToken")
    {
        if (nextToken is not null)
        {
            output[tokenMember] = nextToken;
        }

        return output;
    }
}
