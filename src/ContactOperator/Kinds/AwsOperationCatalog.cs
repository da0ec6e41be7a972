using ContactOperator.Aws;
using ContactOperator.Aws.Core;
using ContactOperator.AwsUsage;
using ContactOperator.Kinds.Contract;
using ContactOperator.Metrics;

namespace ContactOperator.Kinds;

/// <summary>An operation of the catalog, once, with who declares it.</summary>
/// <param name="Use">The declaration (every declarer's is the same).</param>
/// <param name="DeclaredBy">The kinds and other AWS users that call it, in catalog order.</param>
public sealed record CataloguedAwsOperation(AwsOperationUse Use, IReadOnlyList<string> DeclaredBy);

/// <summary>
/// Every AWS operation the operator calls: what each kind of <see cref="KindCatalog"/> declares
/// (<see cref="IKindModule.AwsOperations"/>), then what the parts that are not kinds declare (one line each below).
/// The generated clients' operation list (eng/codegen/operations.json), the IAM policy and the client-side rate-limit
/// table derive from it.
/// </summary>
public static class AwsOperationCatalog
{
    /// <summary>The AWS users that are not kinds.</summary>
    public static IReadOnlyList<AwsUser> OtherUsers { get; } =
    [
        new("contact-center exporter", ContactCenterExporterAwsOperations.All),
    ];

    /// <summary>Every kind of <paramref name="kinds"/> that calls AWS, then <see cref="OtherUsers"/>.</summary>
    public static IReadOnlyList<AwsUser> UsersOf(IEnumerable<IKindModule> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        return [.. kinds.Where(k => k.AwsOperations.Count > 0).Select(k => new AwsUser(k.Kind, k.AwsOperations)), .. OtherUsers];
    }

    /// <summary>The operations of every kind of the catalog and every other user.</summary>
    public static IReadOnlyList<CataloguedAwsOperation> All { get; } = Gather(UsersOf(KindCatalog.All));

    /// <summary>The client-side rate limits of <see cref="All"/>, handed to every AWS client the operator makes.</summary>
    public static AwsRateLimitTable RateLimits => RateLimitsOf(All);

    /// <summary>
    /// Each operation once, by service (in <see cref="AwsService.All"/> order) and name. Two declarations of one operation
    /// must agree on its rate limit and retry safety: they describe the same AWS operation.
    /// </summary>
    public static IReadOnlyList<CataloguedAwsOperation> Gather(IReadOnlyList<AwsUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var declarations = users.SelectMany(u => u.Operations.Select(o => (User: u.Name, Use: o))).ToList();
        foreach (var (user, use) in declarations)
        {
            if (!AwsService.All.Contains(use.Service))
            {
                throw new InvalidOperationException($"{user} declares {use}, a service with no generated client (AwsService.All)");
            }
            if (use.Operation.Length == 0 || !char.IsAsciiLetterUpper(use.Operation[0]) || !use.Operation.All(char.IsAsciiLetterOrDigit))
            {
                throw new InvalidOperationException($"{user} declares '{use.Operation}', which is not an operation name such as CreateQueue");
            }
        }
        var operations = new List<CataloguedAwsOperation>();
        foreach (var group in declarations.GroupBy(d => d.Use.Action, StringComparer.Ordinal))
        {
            var first = group.First();
            if (group.FirstOrDefault(d => d.Use != first.Use) is { User: not null } other)
            {
                throw new InvalidOperationException(
                    $"{first.User} and {other.User} declare {group.Key} differently (rate limit {Text(first.Use.RateLimit)} and {Text(other.Use.RateLimit)}, "
                    + $"retry safety {Text(first.Use.RetrySafety)} and {Text(other.Use.RetrySafety)}); it is one AWS operation, declare it the same way");
            }
            operations.Add(new CataloguedAwsOperation(first.Use, [.. group.Select(d => d.User).Distinct()]));
        }
        return [.. operations
            .OrderBy(o => AwsService.All.ToList().IndexOf(o.Use.Service))
            .ThenBy(o => o.Use.Operation, StringComparer.Ordinal)];

        static string Text(object? value) => value?.ToString() ?? "none";
    }

    /// <summary>Each operation's declared limit, and each service's default for the operations that declare none.</summary>
    public static AwsRateLimitTable RateLimitsOf(IReadOnlyList<CataloguedAwsOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return new AwsRateLimitTable(
            operations.Where(o => o.Use.RateLimit is not null).ToDictionary(o => o.Use.Action, o => o.Use.RateLimit!, StringComparer.Ordinal),
            AwsService.All.Where(s => s.DefaultRateLimit is not null).ToDictionary(s => s.SigningName, s => s.DefaultRateLimit!, StringComparer.Ordinal));
    }

    /// <summary>
    /// The generated clients' descriptions of <paramref name="operations"/> (method, request URI: what the IAM policy
    /// scopes by), per service. Throws, naming them, when the clients lack declared operations: the clients are
    /// regenerated from eng/codegen/operations.json by <c>bash eng/codegen/generate.sh</c>.
    /// </summary>
    public static IReadOnlyList<AwsClientOperations> ClientOperationsOf(IReadOnlyList<CataloguedAwsOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var generated = AwsClientCatalog.All.ToDictionary(c => c.Service.SigningName, StringComparer.Ordinal);
        var missing = new List<string>();
        var clients = new List<AwsClientOperations>();
        foreach (var service in operations.GroupBy(o => o.Use.Service))
        {
            var client = generated[service.Key.SigningName];
            var byName = client.Operations.ToDictionary(o => o.Name, StringComparer.Ordinal);
            var found = new List<AwsOperation>();
            foreach (var operation in service)
            {
                if (byName.TryGetValue(operation.Use.Operation, out var generatedOperation))
                {
                    found.Add(generatedOperation);
                }
                else
                {
                    missing.Add(operation.Use.Action);
                }
            }
            clients.Add(new AwsClientOperations(client.Service, found));
        }
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"declared but not in the generated AWS clients: {string.Join(", ", missing)}. Regenerate them from eng/codegen/operations.json: bash eng/codegen/generate.sh");
        }
        return clients;
    }
}

