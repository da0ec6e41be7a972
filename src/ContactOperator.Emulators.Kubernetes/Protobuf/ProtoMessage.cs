using System.Text;
using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Protobuf;

internal enum ProtoKind
{
    String,
    Bytes,
    Int64,
    Bool,
    Time,
    Message,
    StringMap,
    BytesMap,
    RepeatedString,
    RepeatedMessage,
}

internal sealed record ProtoField(string Name, ProtoKind Kind, ProtoMessage? Message = null);

/// <summary>A protobuf message description: field number → JSON field, enough to turn Kubernetes protobuf into JSON.</summary>
internal sealed class ProtoMessage
{
    private readonly Dictionary<int, ProtoField> _fields = [];

    public ProtoMessage Add(int number, string name, ProtoKind kind, ProtoMessage? message = null)
    {
        _fields[number] = new ProtoField(name, kind, message);
        return this;
    }

    public JsonObject Decode(ReadOnlySpan<byte> data)
    {
        var result = new JsonObject();
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (!_fields.TryGetValue(number, out var field))
            {
                reader.Skip(wireType);
                continue;
            }
            switch (field.Kind)
            {
                case ProtoKind.String:
                    // Go's generated marshallers write empty non-pointer strings; JSON would omit them (omitempty)
                    var text = Encoding.UTF8.GetString(reader.ReadBytes());
                    if (text.Length > 0)
                    {
                        result[field.Name] = text;
                    }
                    break;
                case ProtoKind.Bytes:
                    result[field.Name] = Convert.ToBase64String(reader.ReadBytes());
                    break;
                case ProtoKind.Int64:
                    var integer = (long)reader.ReadVarint();
                    if (integer != 0)
                    {
                        result[field.Name] = integer;
                    }
                    break;
                case ProtoKind.Bool:
                    result[field.Name] = reader.ReadVarint() != 0;
                    break;
                case ProtoKind.Time:
                    var time = TimeMessage.Decode(reader.ReadBytes());
                    if (JsonNumbers.TryGetLong(time["seconds"], out var seconds) && seconds != 0)
                    {
                        result[field.Name] = Meta.Timestamp(DateTimeOffset.FromUnixTimeSeconds(seconds));
                    }
                    break;
                case ProtoKind.Message:
                    result[field.Name] = field.Message!.Decode(reader.ReadBytes());
                    break;
                case ProtoKind.StringMap or ProtoKind.BytesMap:
                    var entry = (field.Kind == ProtoKind.StringMap ? StringEntry : BytesEntry).Decode(reader.ReadBytes());
                    if (result[field.Name] is not JsonObject map)
                    {
                        map = new JsonObject();
                        result[field.Name] = map;
                    }
                    map[entry["key"]?.GetValue<string>() ?? ""] = entry["value"]?.DeepClone() ?? (field.Kind == ProtoKind.StringMap ? "" : "");
                    break;
                case ProtoKind.RepeatedString:
                    Array(result, field.Name).Add(Encoding.UTF8.GetString(reader.ReadBytes()));
                    break;
                case ProtoKind.RepeatedMessage:
                    Array(result, field.Name).Add(field.Message!.Decode(reader.ReadBytes()));
                    break;
            }
        }
        return result;
    }

    private static JsonArray Array(JsonObject obj, string name)
    {
        if (obj[name] is not JsonArray array)
        {
            array = [];
            obj[name] = array;
        }
        return array;
    }

    private static readonly ProtoMessage TimeMessage = new ProtoMessage().Add(1, "seconds", ProtoKind.Int64).Add(2, "nanos", ProtoKind.Int64);
    private static readonly ProtoMessage StringEntry = new ProtoMessage().Add(1, "key", ProtoKind.String).Add(2, "value", ProtoKind.String);
    private static readonly ProtoMessage BytesEntry = new ProtoMessage().Add(1, "key", ProtoKind.String).Add(2, "value", ProtoKind.Bytes);
}
