using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Storage;

namespace ContactOperator.Emulators.Kubernetes.Http;

/// <summary>
/// The Table the real API server prints for Events (pkg/printers/internalversion printEvent), for both views: no
/// leading Name column; LAST SEEN from lastTimestamp, else series.lastObservedTime, else eventTime (an Event written
/// through events.k8s.io/v1 has only those); OBJECT as kind/name; the wide columns SUBOBJECT, SOURCE, FIRST SEEN,
/// COUNT (series.count, else count, else 1) and NAME.
/// </summary>
internal static class EventTable
{
    private static readonly (string Name, int Priority, string? Format)[] Columns =
    [
        ("Last Seen", 0, null), ("Type", 0, null), ("Reason", 0, null), ("Object", 0, null), ("Subobject", 1, null),
        ("Source", 1, null), ("Message", 0, null), ("First Seen", 1, null), ("Count", 1, null), ("Name", 1, "name"),
    ];

    public static bool Applies(ResourceType type) => EventViews.IsCoreEvent(type) || EventViews.IsEventsApi(type);

    public static JsonArray ColumnDefinitions() =>
        new(Columns.Select(c => (JsonNode?)new JsonObject
        {
            ["name"] = c.Name,
            ["type"] = "string",
            ["format"] = c.Format ?? "",
            ["description"] = "",
            ["priority"] = c.Priority,
        }).ToArray());

    /// <summary>The cells of one Event, given in either view.</summary>
    public static JsonArray Cells(JsonObject presented, DateTimeOffset now)
    {
        var e = Meta.String(presented, "apiVersion") == "v1" ? presented : EventViews.ToCore(presented.DeepClone().AsObject());
        var involved = e["involvedObject"] as JsonObject;
        var source = e["source"] as JsonObject;
        var firstSeen = Since(e["firstTimestamp"], now) ?? Since(e["eventTime"], now) ?? "<unknown>";
        var lastSeen = Since(e["lastTimestamp"], now) ?? firstSeen;
        var count = JsonNumbers.TryGetLong(e["count"], out var c) && c > 0 ? c : 1;
        if (e["series"] is JsonObject series)
        {
            lastSeen = Since(series["lastObservedTime"], now) ?? "<unknown>";
            count = JsonNumbers.TryGetLong(series["count"], out var s) ? s : count;
        }
        var kind = Meta.String(involved, "kind") ?? "";
        var name = Meta.String(involved, "name") ?? "";
        var component = FirstNonEmpty(Meta.String(source, "component"), Meta.String(e, "reportingComponent"));
        var host = FirstNonEmpty(Meta.String(source, "host"), Meta.String(e, "reportingInstance"));
        return
        [
            lastSeen,
            Meta.String(e, "type") ?? "",
            Meta.String(e, "reason") ?? "",
            name.Length > 0 ? $"{kind.ToLowerInvariant()}/{name}" : kind.ToLowerInvariant(),
            Meta.String(involved, "fieldPath") ?? "",
            host.Length == 0 ? component : $"{component}, {host}",
            (Meta.String(e, "message") ?? "").Trim(),
            firstSeen,
            count,
            Meta.Name(e),
        ];
    }

    private static string? Since(JsonNode? time, DateTimeOffset now) =>
        time is JsonValue value && value.TryGetValue<string>(out var text) && Meta.TryParseTime(text, out var at)
            ? TableConverter.HumanDuration(now - at)
            : null;

    private static string FirstNonEmpty(string? first, string? second) => string.IsNullOrEmpty(first) ? second ?? "" : first;
}
