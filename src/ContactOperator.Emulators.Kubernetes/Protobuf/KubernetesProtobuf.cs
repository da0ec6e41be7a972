using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Http;

namespace ContactOperator.Emulators.Kubernetes.Protobuf;

/// <summary>
/// Decodes the Kubernetes protobuf envelope (<c>k8s\0</c> + runtime.Unknown) for the kinds client-go typed clients
/// write with protobuf and our clients use: Secret and ConfigMap (helm's release storage, kubectl create),
/// Namespace, ServiceAccount, and DeleteOptions bodies. Field numbers are those of k8s.io/api generated.proto.
/// </summary>
internal static class KubernetesProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly ProtoMessage OwnerReference = new ProtoMessage()
        .Add(1, "kind", ProtoKind.String).Add(3, "name", ProtoKind.String).Add(4, "uid", ProtoKind.String)
        .Add(5, "apiVersion", ProtoKind.String).Add(6, "controller", ProtoKind.Bool).Add(7, "blockOwnerDeletion", ProtoKind.Bool);

    private static readonly ProtoMessage ObjectMeta = new ProtoMessage()
        .Add(1, "name", ProtoKind.String).Add(2, "generateName", ProtoKind.String).Add(3, "namespace", ProtoKind.String)
        .Add(5, "uid", ProtoKind.String).Add(6, "resourceVersion", ProtoKind.String).Add(7, "generation", ProtoKind.Int64)
        .Add(8, "creationTimestamp", ProtoKind.Time).Add(9, "deletionTimestamp", ProtoKind.Time)
        .Add(10, "deletionGracePeriodSeconds", ProtoKind.Int64).Add(11, "labels", ProtoKind.StringMap)
        .Add(12, "annotations", ProtoKind.StringMap).Add(13, "ownerReferences", ProtoKind.RepeatedMessage, OwnerReference)
        .Add(14, "finalizers", ProtoKind.RepeatedString);

    private static readonly ProtoMessage ObjectReference = new ProtoMessage()
        .Add(1, "kind", ProtoKind.String).Add(2, "namespace", ProtoKind.String).Add(3, "name", ProtoKind.String)
        .Add(4, "uid", ProtoKind.String).Add(5, "apiVersion", ProtoKind.String).Add(6, "resourceVersion", ProtoKind.String)
        .Add(7, "fieldPath", ProtoKind.String);

    private static readonly Dictionary<string, ProtoMessage> Kinds = new(StringComparer.Ordinal)
    {
        ["v1/Secret"] = new ProtoMessage().Add(1, "metadata", ProtoKind.Message, ObjectMeta).Add(2, "data", ProtoKind.BytesMap)
            .Add(3, "type", ProtoKind.String).Add(4, "stringData", ProtoKind.StringMap).Add(5, "immutable", ProtoKind.Bool),
        ["v1/ConfigMap"] = new ProtoMessage().Add(1, "metadata", ProtoKind.Message, ObjectMeta).Add(2, "data", ProtoKind.StringMap)
            .Add(3, "binaryData", ProtoKind.BytesMap).Add(4, "immutable", ProtoKind.Bool),
        ["v1/Namespace"] = new ProtoMessage().Add(1, "metadata", ProtoKind.Message, ObjectMeta)
            .Add(2, "spec", ProtoKind.Message, new ProtoMessage().Add(1, "finalizers", ProtoKind.RepeatedString))
            .Add(3, "status", ProtoKind.Message, new ProtoMessage().Add(1, "phase", ProtoKind.String)),
        ["v1/ServiceAccount"] = new ProtoMessage().Add(1, "metadata", ProtoKind.Message, ObjectMeta)
            .Add(2, "secrets", ProtoKind.RepeatedMessage, ObjectReference)
            .Add(3, "imagePullSecrets", ProtoKind.RepeatedMessage, new ProtoMessage().Add(1, "name", ProtoKind.String))
            .Add(4, "automountServiceAccountToken", ProtoKind.Bool),
        ["v1/DeleteOptions"] = new ProtoMessage().Add(1, "gracePeriodSeconds", ProtoKind.Int64)
            .Add(2, "preconditions", ProtoKind.Message, new ProtoMessage().Add(1, "uid", ProtoKind.String).Add(2, "resourceVersion", ProtoKind.String))
            .Add(3, "orphanDependents", ProtoKind.Bool).Add(4, "propagationPolicy", ProtoKind.String).Add(5, "dryRun", ProtoKind.RepeatedString),
    };

    private static readonly ProtoMessage TypeMeta = new ProtoMessage().Add(1, "apiVersion", ProtoKind.String).Add(2, "kind", ProtoKind.String);

    public static bool IsProtobuf(string? contentType) =>
        contentType is not null && contentType.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase);

    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (body.Length < 4 || !body[..4].SequenceEqual("k8s\0"u8))
        {
            throw ApiException.BadRequest("the protobuf body does not start with the Kubernetes envelope prefix");
        }
        var reader = new ProtoReader(body[4..]);
        JsonObject? typeMeta = null;
        ReadOnlySpan<byte> raw = default;
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    typeMeta = TypeMeta.Decode(reader.ReadBytes());
                    break;
                case 2:
                    raw = reader.ReadBytes();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        var apiVersion = Meta.String(typeMeta, "apiVersion") ?? "";
        var kind = Meta.String(typeMeta, "kind") ?? "";
        var key = apiVersion + "/" + kind;
        if (kind == "DeleteOptions")
        {
            key = "v1/DeleteOptions";
        }
        if (!Kinds.TryGetValue(key, out var message))
        {
            throw ApiException.UnsupportedMediaType(
                $"the emulator cannot decode protobuf bodies of {key}; send application/json (supported protobuf kinds: Secret, ConfigMap, Namespace, ServiceAccount, DeleteOptions)");
        }
        var obj = message.Decode(raw);
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (name, value) in obj)
        {
            result[name] = value?.DeepClone();
        }
        return result;
    }
}
