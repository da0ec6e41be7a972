using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Models;

namespace ContactOperator.Emulators.Aws.Http;

/// <summary>An emulated service: its model, its handlers and how it shapes errors on the wire.</summary>
internal sealed class ServiceDefinition
{
    public required ServiceModel Model { get; init; }

    /// <summary>The operations emulated, found by their attributes (<see cref="OperationHandlers"/>).</summary>
    public required IReadOnlyDictionary<string, EmulatedHandler> Handlers { get; init; }

    /// <summary>JSON name of the error message member: <c>Message</c> (Connect) or <c>message</c> (ARC).</summary>
    public required string MessageMember { get; init; }

    /// <summary>Service namespace in the <c>x-amzn-ErrorType</c> header, e.g. com.amazonaws.connect.</summary>
    public required string CoralNamespace { get; init; }

    /// <summary>The code used for model validation failures when the operation declares several.</summary>
    public required Func<string, string> ValidationErrorCode { get; init; }

    public required string ThrottlingErrorCode { get; init; }

    /// <summary>The documented rate limit of an operation whose handler declares none; null: not limited.</summary>
    public Faults.RateLimit? DefaultRateLimit { get; init; }

    /// <summary>True for the ARC data plane: mutating calls share one bucket per cluster endpoint.</summary>
    public bool RateLimitPerArcEndpoint { get; init; }

    public string SigningName => Model.SigningName;

    /// <summary>The documented rate limit of an emulated operation, or null when AWS documents none.</summary>
    public Faults.RateLimit? RateLimitFor(string operation) => Handlers[operation].RateLimit ?? DefaultRateLimit;

    /// <summary>Finds the rest-json operation for a method and path (most literal segments wins).</summary>
    public (OperationModel Operation, Dictionary<string, string> Labels)? MatchRest(string method, IReadOnlyList<string> segments, IReadOnlyDictionary<string, List<string>> query)
    {
        (OperationModel, Dictionary<string, string>)? best = null;
        var bestLiterals = -1;
        foreach (var op in Model.Operations.Values)
        {
            if (!string.Equals(op.Method, method, StringComparison.OrdinalIgnoreCase)
                || op.Uri.FixedQuery.Keys.Any(k => !query.ContainsKey(k))
                || op.Uri.Match(segments) is not { } labels)
            {
                continue;
            }

            var literals = op.Uri.LiteralCount + op.Uri.FixedQuery.Count;
            if (literals > bestLiterals)
            {
                best = (op, labels);
                bestLiterals = literals;
            }
        }

        return best;
    }

    public JsonObject ErrorBody(AwsErrorException error)
    {
        var body = new JsonObject();
        if (Model.Protocol == WireProtocol.AwsJson10)
        {
            body["__type"] = $"{Model.ErrorNamespace}#{error.ErrorCode}";
        }

        body[MessageMember] = error.Message;
        foreach (var (key, value) in error.ExtraFields ?? [])
        {
            body[key] = value?.DeepClone();
        }

        return body;
    }
}
