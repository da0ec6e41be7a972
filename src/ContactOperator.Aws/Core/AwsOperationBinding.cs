using System.Text.Json;

namespace ContactOperator.Aws.Core;

/// <summary>An operation with its request/response types and untyped marshallers, for model conformance checks.</summary>
internal sealed record AwsOperationBinding(
    AwsOperation Operation,
    Type RequestType,
    Type ResponseType,
    Func<object, AwsRequestBuilder> Marshall,
    Func<JsonElement, object> Unmarshall);
