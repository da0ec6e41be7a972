using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;

namespace ContactOperator.Aws;

/// <summary>One AWS service the operator has a client for, and every operation that client can call.</summary>
/// <param name="Service">The service's model metadata; its signing name is also its IAM action prefix.</param>
/// <param name="Operations">The generated operations of the client.</param>
public sealed record AwsClientOperations(AwsServiceDescriptor Service, IReadOnlyList<AwsOperation> Operations);

/// <summary>
/// Every generated client and the operations it has (which operations are generated is decided by the operator's
/// declarations, through eng/codegen/operations.json). A new generated client must be added here; a test fails when
/// an <c>*Operations</c> class is missing.
/// </summary>
public static class AwsClientCatalog
{
    public static IReadOnlyList<AwsClientOperations> All { get; } =
    [
        new(ConnectClient.Descriptor, [.. ConnectOperations.Bindings.Select(b => b.Operation)]),
        new(ArcControlConfigClient.Descriptor, [.. ArcControlConfigOperations.Bindings.Select(b => b.Operation)]),
        new(ArcClusterClient.Descriptor, [.. ArcClusterOperations.Bindings.Select(b => b.Operation)]),
    ];
}
