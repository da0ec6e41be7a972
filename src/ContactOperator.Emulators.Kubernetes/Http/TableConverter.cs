using System.Globalization;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Storage;

namespace ContactOperator.Emulators.Kubernetes.Http;

/// <summary>Renders objects as <c>meta.k8s.io/v1 Table</c> using the CRD's additionalPrinterColumns (or Name + Age).</summary>
internal static class TableConverter
{
    public static bool WantsTable(string? accept) =>
        accept is not null && accept.Contains("as=Table", StringComparison.Ordinal) && accept.Contains("g=meta.k8s.io", StringComparison.Ordinal);

    public static JsonArray ColumnDefinitions(ResourceType type)
    {
        if (EventTable.Applies(type))
        {
            return EventTable.ColumnDefinitions();
        }
        var columns = new JsonArray
        {
            new JsonObject
            {
                ["name"] = "Name",
                ["type"] = "string",
                ["format"] = "name",
                ["description"] = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated.",
                ["priority"] = 0,
            },
        };
        foreach (var column in Columns(type))
        {
            columns.Add(new JsonObject
            {
                ["name"] = Meta.String(column, "name") ?? "",
                ["type"] = Meta.String(column, "type") ?? "string",
                ["format"] = Meta.String(column, "format") ?? "",
                ["description"] = Meta.String(column, "description") ?? "",
                ["priority"] = JsonNumbers.TryGetLong(column["priority"], out var priority) ? priority : 0,
            });
        }
        return columns;
    }

    public static JsonObject Row(ResourceType type, JsonObject obj, DateTimeOffset now, string includeObject)
    {
        var cells = EventTable.Applies(type) ? EventTable.Cells(obj, now) : ColumnCells(type, obj, now);
        var row = new JsonObject { ["cells"] = cells };
        IncludeObject(row, obj, includeObject);
        return row;
    }

    /// <summary>Name, then the printer columns (additionalPrinterColumns, or Age).</summary>
    private static JsonArray ColumnCells(ResourceType type, JsonObject obj, DateTimeOffset now)
    {
        var cells = new JsonArray { Meta.Name(obj) };
        foreach (var column in Columns(type))
        {
            var values = SimpleJsonPath.Evaluate(obj, Meta.String(column, "jsonPath") ?? "");
            var columnType = Meta.String(column, "type") ?? "string";
            if (values.Count == 0 || values[0] is null)
            {
                cells.Add(null);
                continue;
            }
            var value = values[0]!;
            cells.Add(columnType switch
            {
                "date" => Meta.TryParseTime(SimpleJsonPath.Print(value), out var time) ? HumanDuration(now - time) : SimpleJsonPath.Print(value),
                "integer" or "number" or "boolean" => value.DeepClone(),
                _ => string.Join(",", values.Select(SimpleJsonPath.Print)),
            });
        }
        return cells;
    }

    private static void IncludeObject(JsonObject row, JsonObject obj, string includeObject)
    {
        switch (includeObject)
        {
            case "None":
                break;
            case "Object":
                row["object"] = obj;
                break;
            default:
                // the row owns obj (callers render fresh copies), so the metadata node can move instead of being cloned
                var metadata = obj["metadata"] as JsonObject ?? new JsonObject();
                obj.Remove("metadata");
                row["object"] = new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = metadata };
                break;
        }
    }

    public static JsonObject Table(ResourceType type, IEnumerable<JsonObject> objects, long resourceVersion, string? continueToken,
        DateTimeOffset now, string includeObject, bool includeColumns = true)
    {
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }
        var table = new JsonObject { ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = metadata };
        table["columnDefinitions"] = includeColumns ? ColumnDefinitions(type) : null;
        table["rows"] = new JsonArray(objects.Select(o => (JsonNode?)Row(type, o, now, includeObject)).ToArray());
        return table;
    }

    private static IEnumerable<JsonObject> Columns(ResourceType type)
    {
        if (type.PrinterColumns is { Count: > 0 } defined)
        {
            return defined.OfType<JsonObject>();
        }
        return [new JsonObject { ["name"] = "Age", ["type"] = "date", ["jsonPath"] = ".metadata.creationTimestamp", ["description"] = "CreationTimestamp is a timestamp representing the server time when this object was created." }];
    }

    /// <summary>k8s.io/apimachinery duration.HumanDuration.</summary>
    public static string HumanDuration(TimeSpan d)
    {
        if (d.TotalSeconds < -1)
        {
            return "<invalid>";
        }
        if (d.TotalSeconds < 0)
        {
            return "0s";
        }
        var seconds = (long)d.TotalSeconds;
        if (seconds < 60 * 2)
        {
            return $"{seconds}s";
        }
        var minutes = (long)d.TotalMinutes;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }
        if (minutes < 60 * 3)
        {
            return $"{minutes}m";
        }
        var hours = (long)d.TotalHours;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }
        if (hours < 48)
        {
            return $"{hours}h";
        }
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h";
        }
        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24}d";
        }
        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{dy}d";
        }
        return $"{hours / 24 / 365}y";
    }
}
