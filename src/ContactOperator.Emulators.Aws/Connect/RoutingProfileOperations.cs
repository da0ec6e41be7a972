using ContactOperator.Emulators.Aws.Http;

namespace ContactOperator.Emulators.Aws.Connect;

internal static class RoutingProfileOperations
{
    public static void Register(Dictionary<string, OperationHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
    }
}
