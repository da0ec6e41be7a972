using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Aws.Http;

/// <summary>Everything a handler needs about one call; handlers run under the state lock.</summary>
internal sealed class OperationContext
{
    public required ServiceDefinition Service { get; init; }

    public required string Operation { get; init; }

    public required string Region { get; init; }

    public required string AccountId { get; init; }

    public required DateTimeOffset Now { get; init; }

    public required EmulatorState State { get; init; }

    /// <summary>The ARC cluster endpoint the call arrived on, if any.</summary>
    public ArcEndpointAddress? ArcEndpoint { get; init; }

    /// <summary>The error code this operation uses for bad input.</summary>
    public AwsErrorException Invalid(string message) => new(Service.ValidationErrorCode(Operation), message);

#pragma warning disable CA1822 // an instance method reads better at call sites: context.Error(...)
    public AwsErrorException Error(string code, string message, JsonObject? extra = null) => new(code, message, extra);
#pragma warning restore CA1822
}

internal delegate JsonObject OperationHandler(OperationContext context, JsonObject input);
