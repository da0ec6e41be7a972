using ContactOperator.Aws.Core;

namespace ContactOperator.AwsUsage;

/// <summary>
/// One AWS operation the operator calls, as the kind or other AWS user that calls it declares it (made with
/// <see cref="AwsService.Call"/>, <see cref="AwsService.Read"/> or <see cref="AwsService.IdempotentWrite"/>). The
/// generated clients' operations (eng/codegen/operations.json), the IAM policy and the client-side rate limits are
/// derived from these declarations (<c>Kinds/AwsOperationCatalog.cs</c>).
/// </summary>
/// <param name="Service">The service it belongs to.</param>
/// <param name="Operation">Its name in the service model, e.g. <c>CreateQueue</c>.</param>
public sealed record AwsOperationUse(AwsService Service, string Operation)
{
    /// <summary>Its own AWS quota, when it differs from the service's default; null: the service's default.</summary>
    public AwsRateLimit? RateLimit { get; init; }

    /// <summary>What the service model cannot tell about repeating it (a read sent by POST, a set-semantics write); null: what the model tells.</summary>
    public RetrySafety? RetrySafety { get; init; }

    /// <summary>The IAM action, e.g. <c>connect:CreateQueue</c> (also the rate-limit table's key).</summary>
    public string Action => $"{Service.SigningName}:{Operation}";

    public override string ToString() => Action;
}

/// <summary>A kind, or another part of the operator that calls AWS, and the operations it declares.</summary>
/// <param name="Name">The kind (<c>Queue</c>) or the part (<c>contact-center exporter</c>).</param>
/// <param name="Operations">What it calls.</param>
public sealed record AwsUser(string Name, IReadOnlyList<AwsOperationUse> Operations);
