using System.Globalization;
using System.Text;

namespace ContactOperator.Emulators.Kubernetes.Crd.Cel;

internal enum CelTokenKind
{
    Identifier,
    Int,
    Double,
    String,
    Operator,
    End,
}

internal readonly record struct CelToken(CelTokenKind Kind, string Text, object? Value = null);

/// <summary>Tokenizes the subset of CEL used by CRD validation rules.</summary>
internal static class CelLexer
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*", "/", "%", "?", ":", ".", "(", ")", "[", "]", ",", "{", "}"];

    public static List<CelToken> Tokenize(string text)
    {
        var tokens = new List<CelToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new CelToken(CelTokenKind.Identifier, text[start..i]));
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                {
                    i++;
                }
                var literal = text[start..i];
                if (i < text.Length && text[i] is 'u' or 'U')
                {
                    i++;
                }
                tokens.Add(literal.Contains('.', StringComparison.Ordinal)
                    ? new CelToken(CelTokenKind.Double, literal, double.Parse(literal, CultureInfo.InvariantCulture))
                    : new CelToken(CelTokenKind.Int, literal, long.Parse(literal, CultureInfo.InvariantCulture)));
                continue;
            }
            if (c is '\'' or '"')
            {
                var raw = (i > 0 && text[i - 1] == 'r') || false;
                var quote = c;
                var builder = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != quote)
                {
                    if (text[i] == '\\' && !raw && i + 1 < text.Length)
                    {
                        i++;
                        builder.Append(text[i] switch { 'n' => '\n', 't' => '\t', _ => text[i] });
                    }
                    else
                    {
                        builder.Append(text[i]);
                    }
                    i++;
                }
                if (i >= text.Length)
                {
                    throw new CelException("unterminated string literal");
                }
                i++;
                tokens.Add(new CelToken(CelTokenKind.String, builder.ToString(), builder.ToString()));
                continue;
            }
            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                ?? throw new CelException($"unexpected character '{c}'");
            tokens.Add(new CelToken(CelTokenKind.Operator, op));
            i += op.Length;
        }
        tokens.Add(new CelToken(CelTokenKind.End, ""));
        return tokens;
    }
}

/// <summary>A CEL compile or evaluation error.</summary>
internal sealed class CelException(string message) : Exception(message);
