using ContactOperator.Emulators.Aws.Http;

namespace ContactOperator.Emulators.Aws.Arc;

internal static class ArcClusterOperations
{
    public static void Register(Dictionary<string, OperationHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
    }
}
