namespace ContactOperator.Emulators.Aws.Http;

/// <summary>
/// The credential scope of a SigV4 <c>Authorization</c> header
/// (<c>AWS4-HMAC-SHA256 Credential=AKID/20261124/us-east-1/connect/aws4_request, SignedHeaders=..., Signature=...</c>).
/// Signatures are not verified: the emulator only needs to know who is asking, where and for which service.
/// </summary>
internal sealed record SigV4Scope(string AccessKeyId, string Date, string Region, string Service)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Parses the header or throws the error AWS gives for a missing or malformed one.</summary>
    public static SigV4Scope Parse(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw new AwsErrorException("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        var trimmed = authorization.Trim();
        if (!trimmed.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            throw Incomplete($"Authorization header requires the {Algorithm} algorithm. Authorization={Redact(trimmed)}");
        }

        string? credential = null;
        var hasSignedHeaders = false;
        var hasSignature = false;
        foreach (var part in trimmed[Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("Credential=", StringComparison.Ordinal))
            {
                credential = part["Credential=".Length..];
            }
            else if (part.StartsWith("SignedHeaders=", StringComparison.Ordinal))
            {
                hasSignedHeaders = true;
            }
            else if (part.StartsWith("Signature=", StringComparison.Ordinal))
            {
                hasSignature = true;
            }
        }

        if (credential is null || !hasSignedHeaders || !hasSignature)
        {
            var missing = credential is null ? "Credential" : !hasSignedHeaders ? "SignedHeaders" : "Signature";
            throw Incomplete($"Authorization header requires '{missing}' parameter. Authorization={Redact(trimmed)}");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope.Any(string.IsNullOrEmpty) || scope[4] != "aws4_request" || scope[1].Length != 8)
        {
            throw Incomplete($"Credential should be scoped to a valid region, not '{credential}'. Expected AKID/yyyyMMdd/region/service/aws4_request.");
        }

        return new SigV4Scope(scope[0], scope[1], scope[2], scope[3]);
    }

    /// <summary>
    /// Reads the scope from the header, or from presigned query parameters (X-Amz-Algorithm, X-Amz-Credential,
    /// X-Amz-Signature) when there is no header.
    /// </summary>
    public static SigV4Scope From(string? authorization, IReadOnlyDictionary<string, List<string>> query)
    {
        if (string.IsNullOrWhiteSpace(authorization) && query.TryGetValue("X-Amz-Credential", out var credential) && credential.Count > 0)
        {
            var algorithm = query.TryGetValue("X-Amz-Algorithm", out var a) && a.Count > 0 ? a[0] : string.Empty;
            var signature = query.TryGetValue("X-Amz-Signature", out var sig) && sig.Count > 0 ? sig[0] : null;
            var signed = query.TryGetValue("X-Amz-SignedHeaders", out var sh) && sh.Count > 0 ? sh[0] : null;
            if (algorithm != Algorithm || signature is null || signed is null)
            {
                throw Incomplete("AWS query-string parameters must include 'X-Amz-Algorithm' (AWS4-HMAC-SHA256), 'X-Amz-Credential', 'X-Amz-SignedHeaders' and 'X-Amz-Signature'.");
            }

            return Parse($"{Algorithm} Credential={credential[0]}, SignedHeaders={signed}, Signature={signature}");
        }

        return Parse(authorization);
    }

    private static AwsErrorException Incomplete(string message) => new("IncompleteSignatureException", message);

    private static string Redact(string header) => header.Length > 60 ? header[..60] + "..." : header;
}
