using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ContactOperator.Emulators.Kubernetes;

/// <summary>Source-generated serialization for the node types (no reflection).</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonArray))]
internal sealed partial class JsonContext : JsonSerializerContext;
